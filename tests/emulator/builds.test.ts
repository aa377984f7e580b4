// Builds (spec/01-actors.apib#build-collection, #build-object, #abort-build): building a version with
// version/tag/useCache/betaPackages/waitForFinish, the paginated list, statuses with real timestamps, a syntax check that
// fails the build with a readable log, tags that point at the newest build, and offline-only source types.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import {
  buildActor,
  createActor,
  createSlowBuildActor,
  createSourceActor,
  getText,
  isForwardOnly,
  observeStatuses,
  runToEnd,
  sourceFilesOf,
  sourceFilesVersion,
  startBuild,
  uniqueName,
  waitForJob,
} from './helpers/fixtures.ts';
import { ID_PATTERN, ISO_DATE_PATTERN } from './helpers/formats.ts';
import { dataOf, expectApiError } from './helpers/http.ts';
import type { Actor, Build, Page } from './helpers/types.ts';

let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu?.close();
});

describe('builds: start and read', () => {
  test('POST /v2/acts/{id}/builds?version= answers 201 with a Location header and the build object', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const before = Date.now();
    const res = await emu.api.post(`/v2/acts/${actor.id}/builds`, undefined, { version: '0.0' });
    const build = dataOf<Build>(res, 201);
    expect(res.headers.location, `${res.request} should send a Location header`).toContain(build.id);
    expect(build.id).toMatch(ID_PATTERN);
    expect(build.actId).toBe(actor.id);
    expect(build.userId).toBe(actor.userId);
    expect(build.buildNumber).toMatch(/^0\.0\.\d+$/);
    expect(typeof build.meta.origin).toBe('string');
    expect(build.startedAt).toMatch(ISO_DATE_PATTERN);
    expect(Math.abs(Date.parse(build.startedAt) - before), 'startedAt is the real start time').toBeLessThan(10_000);
    expect(['READY', 'RUNNING', 'SUCCEEDED']).toContain(build.status);
    if (build.status !== 'SUCCEEDED') expect(build.finishedAt, 'a build that has not finished has finishedAt null').toBeNull();
    await waitForJob<Build>(emu, 'build', build.id);
  });

  test('statuses only move forward, READY -> RUNNING -> SUCCEEDED, and finishedAt follows startedAt', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const build = await startBuild(emu, actor.id);
    const statuses = await observeStatuses(emu, 'build', build.id);
    expect(isForwardOnly([build.status, ...statuses].filter((s, i, all) => i === 0 || all[i - 1] !== s)), `observed ${statuses.join(' -> ')}`).toBe(true);
    expect(statuses.at(-1)).toBe('SUCCEEDED');
    const done = dataOf<Build>(await emu.api.get(`/v2/actor-builds/${build.id}`));
    expect(done.finishedAt).toMatch(ISO_DATE_PATTERN);
    expect(Date.parse(done.finishedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(done.startedAt));
  });

  test('every build stays RUNNING at least 500 ms, also when its sources passed the syntax check before', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    await buildActor(emu, actor.id);
    const again = await buildActor(emu, actor.id);
    expect(Date.parse(again.finishedAt ?? '') - Date.parse(again.startedAt)).toBeGreaterThanOrEqual(500);
  });

  test("performs the Dockerfile's RUN sleep steps, so a build can be slow by construction; an abort ends it at once", async () => {
    const actor = await createSlowBuildActor(emu.api, ['1', '0.5']);
    const slow = await buildActor(emu, actor.id);
    expect(slow.status).toBe('SUCCEEDED');
    expect(Date.parse(slow.finishedAt ?? '') - Date.parse(slow.startedAt)).toBeGreaterThanOrEqual(1500);
    expect(await getText(emu, `/v2/actor-builds/${slow.id}/log`)).toContain('Dockerfile: RUN sleep 1.5');

    const aborted = await startBuild(emu, actor.id);
    await emu.api.post(`/v2/actor-builds/${aborted.id}/abort`);
    const ended = await waitForJob<Build>(emu, 'build', aborted.id, 1200);
    expect(ended.status).toBe('ABORTED');
  });

  test('a build is the same object under /v2/actor-builds/{id} and /v2/acts/{actorId}/builds/{id}', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const build = await buildActor(emu, actor.id);
    const viaActor = dataOf<Build>(await emu.api.get(`/v2/acts/${actor.id}/builds/${build.id}`));
    const viaBuilds = dataOf<Build>(await emu.api.get(`/v2/actor-builds/${build.id}`));
    expect(viaActor).toEqual(viaBuilds);
    expect(viaBuilds).toMatchObject({ id: build.id, status: 'SUCCEEDED' });
  });

  test('build numbers grow with each build of the same version', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const first = await buildActor(emu, actor.id);
    const second = await buildActor(emu, actor.id);
    const last = (build: Build) => Number(build.buildNumber.split('.')[2]);
    expect(last(second)).toBeGreaterThan(last(first));
  });

  test('useCache and betaPackages are accepted as 1/true and recorded in the build options', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const withOnes = await startBuild(emu, actor.id, { useCache: 1, betaPackages: 1 });
    expect(withOnes.options).toMatchObject({ useCache: true, betaPackages: true });
    const withFalse = await startBuild(emu, actor.id, { useCache: 'false', betaPackages: 'false' });
    expect(withFalse.options).toMatchObject({ useCache: false, betaPackages: false });
    await waitForJob<Build>(emu, 'build', withOnes.id);
    await waitForJob<Build>(emu, 'build', withFalse.id);
  });

  test('a build of a version that does not exist is refused and creates no build', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    expectApiError(await emu.api.post(`/v2/acts/${actor.id}/builds`, undefined, { version: '9.9' }), [400, 404]);
    expectApiError(await emu.api.post(`/v2/acts/${actor.id}/builds`), 400);
    expect(dataOf<Page<Build>>(await emu.api.get(`/v2/acts/${actor.id}/builds`)).total).toBe(0);
  });

  test('an unknown build id is 404 record-not-found', async () => {
    expectApiError(await emu.api.get('/v2/actor-builds/NoSuchBuildId0000'), 404, 'record-not-found');
  });
});

describe('builds: tags', () => {
  test('the latest tag points at the newest successful build, and runs use it by default', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    await buildActor(emu, actor.id);
    const newest = await buildActor(emu, actor.id);
    const run = await runToEnd(emu, actor.id);
    expect(run.buildId).toBe(newest.id);
  });

  test('the tag parameter tags the build, leaving latest where it was', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const latest = await buildActor(emu, actor.id);
    const beta = await buildActor(emu, actor.id, { tag: 'beta' });
    expect((await runToEnd(emu, actor.id, { query: { build: 'beta' } })).buildId).toBe(beta.id);
    expect((await runToEnd(emu, actor.id, { query: { build: 'latest' } })).buildId).toBe(latest.id);
  });

  test("without a tag parameter the build takes the version's buildTag", async () => {
    const actor = await createSourceActor(emu.api, 'trivial', { buildTag: 'stable' });
    const build = await buildActor(emu, actor.id);
    expect((await runToEnd(emu, actor.id, { query: { build: 'stable' } })).buildId).toBe(build.id);
  });

  test('a run can name its build by build number', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const first = await buildActor(emu, actor.id);
    await buildActor(emu, actor.id);
    expect((await runToEnd(emu, actor.id, { query: { build: first.buildNumber } })).buildId).toBe(first.id);
  });

  test('a failed build does not move the tag', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const good = await buildActor(emu, actor.id);
    dataOf<unknown>(await emu.api.put(`/v2/acts/${actor.id}/versions/0.0`, { sourceFiles: sourceFilesOf('syntax-error') }));
    const bad = await waitForJob<Build>(emu, 'build', (await startBuild(emu, actor.id)).id);
    expect(bad.status).toBe('FAILED');
    expect((await runToEnd(emu, actor.id)).buildId).toBe(good.id);
  });
});

describe('builds: failures', () => {
  test('a syntax error fails the build, and its log names the error', async () => {
    const actor = await createSourceActor(emu.api, 'syntax-error');
    const build = await waitForJob<Build>(emu, 'build', (await startBuild(emu, actor.id)).id);
    expect(build.status).toBe('FAILED');
    expect(build.finishedAt).toMatch(ISO_DATE_PATTERN);
    const log = await getText(emu, `/v2/actor-builds/${build.id}/log`);
    expect(log, 'the build log should show the SyntaxError').toMatch(/SyntaxError/);
    expect(log, 'the build log should name the broken file').toContain('main.js');
  });

  test('a syntax error fails every build of the same sources, and a fixed file builds', async () => {
    const actor = await createSourceActor(emu.api, 'syntax-error');
    for (const attempt of [1, 2]) {
      const build = await waitForJob<Build>(emu, 'build', (await startBuild(emu, actor.id)).id);
      expect(build.status, `build ${attempt} of the broken sources`).toBe('FAILED');
      expect(await getText(emu, `/v2/actor-builds/${build.id}/log`), `build ${attempt}'s log`).toMatch(/SyntaxError/);
    }
    dataOf<unknown>(await emu.api.put(`/v2/acts/${actor.id}/versions/0.0`, { sourceFiles: sourceFilesOf('trivial') }));
    expect((await waitForJob<Build>(emu, 'build', (await startBuild(emu, actor.id)).id)).status).toBe('SUCCEEDED');
  });

  for (const [sourceType, field, url] of [
    ['GIT_REPO', 'gitRepoUrl', 'https://github.com/apify/actor-example.git'],
    ['TARBALL', 'tarballUrl', 'https://example.com/actor.tar.gz'],
    ['GITHUB_GIST', 'gitHubGistUrl', 'https://gist.github.com/someone/0123456789abcdef'],
  ] as const) {
    test(`a ${sourceType} version cannot be fetched offline: the build fails with a clear message`, async () => {
      const actor = await createActor(emu.api, { name: uniqueName('remote'), versions: [{ versionNumber: '0.0', sourceType, [field]: url }] });
      const build = await waitForJob<Build>(emu, 'build', (await startBuild(emu, actor.id)).id);
      expect(build.status).toBe('FAILED');
      const log = await getText(emu, `/v2/actor-builds/${build.id}/log`);
      const explanation = `${build.statusMessage ?? ''}\n${log}`;
      expect(explanation, 'the log or status message should say why the sources could not be fetched').toMatch(
        new RegExp(`${sourceType}|offline|fetch|download`, 'i'),
      );
    });
  }
});

describe('builds: list', () => {
  test('the list is paginated and sorted by startedAt; desc reverses it', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await buildActor(emu, actor.id)).id);
    const page = dataOf<Page<Build>>(await emu.api.get(`/v2/acts/${actor.id}/builds`));
    expect(page).toMatchObject({ total: 3, offset: 0, limit: 1000, desc: false, count: 3 });
    expect(page.items.map((item) => item.id)).toEqual(ids);
    for (const item of page.items) {
      expect(item.status).toBe('SUCCEEDED');
      expect(item.startedAt).toMatch(ISO_DATE_PATTERN);
      expect(item.finishedAt).toMatch(ISO_DATE_PATTERN);
      expect(item.buildNumber).toMatch(/^0\.0\.\d+$/);
    }
    const descending = dataOf<Page<Build>>(await emu.api.get(`/v2/acts/${actor.id}/builds`, { desc: 'true' }));
    expect(descending.items.map((item) => item.id)).toEqual([...ids].reverse());
    const middle = dataOf<Page<Build>>(await emu.api.get(`/v2/acts/${actor.id}/builds`, { offset: 1, limit: 1 }));
    expect(middle).toMatchObject({ total: 3, offset: 1, limit: 1, count: 1 });
    expect(middle.items.map((item) => item.id)).toEqual([ids[1]]);
  });

  test('builds of one actor are not listed under another', async () => {
    const one = await createSourceActor(emu.api, 'trivial');
    const other: Actor = await createActor(emu.api, { name: uniqueName('other'), versions: [sourceFilesVersion('trivial')] });
    await buildActor(emu, one.id);
    expect(dataOf<Page<Build>>(await emu.api.get(`/v2/acts/${other.id}/builds`)).total).toBe(0);
  });
});
