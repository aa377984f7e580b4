// Versions (spec/01-actors.apib#version-collection and #version-object): list, create with Location, get,
// partial update, delete, every sourceType, and secret env vars that are never returned with a value.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { actorSource, buildActor, createActor, createSourceActor, getJsonRecord, runToEnd, sourceFilesOf, uniqueName } from './helpers/fixtures.ts';
import { dataOf, expectApiError, expectStatus } from './helpers/http.ts';
import type { Actor, EnvDump, ScriptedOutput, Version, VersionList } from './helpers/types.ts';

let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu?.close();
});

const SECRET_VALUE = 'top-secret-value-123';
const envVars = [
  { name: 'PLAIN_SETTING', value: 'plain-value', isSecret: false },
  { name: 'SECRET_SETTING', value: SECRET_VALUE, isSecret: true },
];

function expectNoSecretValue(versions: Version[], where: string): void {
  for (const version of versions) {
    const secret = version.envVars?.find((envVar) => envVar.name === 'SECRET_SETTING');
    expect(secret, `${where}: version ${version.versionNumber} should list SECRET_SETTING`).toBeDefined();
    expect(secret, `${where}: a secret env var must come back without its value`).not.toHaveProperty('value');
    expect(JSON.stringify(version), `${where}: the secret value must not appear anywhere`).not.toContain(SECRET_VALUE);
    const plain = version.envVars?.find((envVar) => envVar.name === 'PLAIN_SETTING');
    expect(plain?.value, `${where}: a plain env var keeps its value`).toBe('plain-value');
  }
}

describe('versions: list, create, get, update, delete', () => {
  test('the list is {total, items} with every version of the actor', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const list = dataOf<VersionList>(await emu.api.get(`/v2/acts/${actor.id}/versions`));
    expect(list.total).toBe(1);
    expect(list.items.map((v) => v.versionNumber)).toEqual(['0.0']);
  });

  test('POST creates a version: 201, a Location header ending in /versions/{number}, the version object', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const res = await emu.api.post(`/v2/acts/${actor.id}/versions`, {
      versionNumber: '0.1',
      sourceType: 'SOURCE_CODE',
      sourceCode: actorSource('trivial'),
      buildTag: 'beta',
    });
    const version = dataOf<Version>(res, 201);
    expect(res.headers.location, `${res.request} should send a Location header`).toMatch(/\/versions\/0\.1$/);
    expect(version).toMatchObject({ versionNumber: '0.1', sourceType: 'SOURCE_CODE', buildTag: 'beta', sourceCode: actorSource('trivial') });
    expect(dataOf<Version>(await emu.api.get(`/v2/acts/${actor.id}/versions/0.1`))).toEqual(version);
    const list = dataOf<VersionList>(await emu.api.get(`/v2/acts/${actor.id}/versions`));
    expect(list.total).toBe(2);
    expect(list.items.map((v) => v.versionNumber).sort()).toEqual(['0.0', '0.1']);
  });

  test('buildTag defaults to latest', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const version = dataOf<Version>(
      await emu.api.post(`/v2/acts/${actor.id}/versions`, { versionNumber: '0.2', sourceType: 'SOURCE_CODE', sourceCode: actorSource('trivial') }),
      201,
    );
    expect(version.buildTag).toBe('latest');
  });

  test('PUT changes only the properties it names', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const before = dataOf<Version>(await emu.api.get(`/v2/acts/${actor.id}/versions/0.0`));
    const updated = dataOf<Version>(await emu.api.put(`/v2/acts/${actor.id}/versions/0.0`, { buildTag: 'beta' }));
    expect(updated.buildTag).toBe('beta');
    expect(updated.sourceType).toBe(before.sourceType);
    expect(updated.sourceFiles).toEqual(before.sourceFiles);
    expect(dataOf<Version>(await emu.api.get(`/v2/acts/${actor.id}/versions/0.0`))).toEqual(updated);
  });

  test('PUT can switch the source type', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const updated = dataOf<Version>(await emu.api.put(`/v2/acts/${actor.id}/versions/0.0`, { sourceType: 'SOURCE_CODE', sourceCode: actorSource('trivial') }));
    expect(updated).toMatchObject({ sourceType: 'SOURCE_CODE', sourceCode: actorSource('trivial') });
  });

  test('DELETE answers 204 with an empty body, and the version is gone', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    dataOf<Version>(
      await emu.api.post(`/v2/acts/${actor.id}/versions`, { versionNumber: '1.0', sourceType: 'SOURCE_CODE', sourceCode: actorSource('trivial') }),
      201,
    );
    const res = await emu.api.delete(`/v2/acts/${actor.id}/versions/1.0`);
    expectStatus(res, 204);
    expect(res.text, `${res.request} should have an empty body`).toBe('');
    expectApiError(await emu.api.get(`/v2/acts/${actor.id}/versions/1.0`), 404, 'record-not-found');
    expect(dataOf<VersionList>(await emu.api.get(`/v2/acts/${actor.id}/versions`)).total).toBe(1);
    expect(dataOf<Actor>(await emu.api.get(`/v2/acts/${actor.id}`)).versions.map((v) => v.versionNumber)).toEqual(['0.0']);
  });

  test('an unknown version number is 404 record-not-found for get, update and delete', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    expectApiError(await emu.api.get(`/v2/acts/${actor.id}/versions/9.9`), 404, 'record-not-found');
    expectApiError(await emu.api.put(`/v2/acts/${actor.id}/versions/9.9`, { buildTag: 'x' }), 404, 'record-not-found');
    expectApiError(await emu.api.delete(`/v2/acts/${actor.id}/versions/9.9`), 404, 'record-not-found');
  });

  test('creating a version that already exists is refused and keeps the existing one', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const before = dataOf<Version>(await emu.api.get(`/v2/acts/${actor.id}/versions/0.0`));
    expectApiError(
      await emu.api.post(`/v2/acts/${actor.id}/versions`, { versionNumber: '0.0', sourceType: 'SOURCE_CODE', sourceCode: 'console.log(1)' }),
      [400, 409],
    );
    expect(dataOf<Version>(await emu.api.get(`/v2/acts/${actor.id}/versions/0.0`))).toEqual(before);
  });

  test('creating a version without versionNumber or sourceType is 400', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    expectApiError(await emu.api.post(`/v2/acts/${actor.id}/versions`, { sourceType: 'SOURCE_CODE', sourceCode: 'x' }), 400);
    expectApiError(await emu.api.post(`/v2/acts/${actor.id}/versions`, { versionNumber: '3.0' }), 400);
    expect(dataOf<VersionList>(await emu.api.get(`/v2/acts/${actor.id}/versions`)).total).toBe(1);
  });
});

describe('versions: source types', () => {
  const base64Files = sourceFilesOf('scripted').map((file) => ({ ...file, format: 'BASE64' as const, content: Buffer.from(file.content).toString('base64') }));
  const cases: Array<[string, Record<string, unknown>]> = [
    ['SOURCE_CODE', { sourceType: 'SOURCE_CODE', sourceCode: actorSource('trivial'), baseDockerImage: 'apify/actor-node' }],
    ['SOURCE_FILES (TEXT)', { sourceType: 'SOURCE_FILES', sourceFiles: sourceFilesOf('trivial') }],
    ['SOURCE_FILES (BASE64)', { sourceType: 'SOURCE_FILES', sourceFiles: base64Files }],
    ['GIT_REPO', { sourceType: 'GIT_REPO', gitRepoUrl: 'https://github.com/apify/actor-example.git#main' }],
    ['TARBALL', { sourceType: 'TARBALL', tarballUrl: 'https://example.com/actor.tar.gz' }],
    ['GITHUB_GIST', { sourceType: 'GITHUB_GIST', gitHubGistUrl: 'https://gist.github.com/someone/0123456789abcdef' }],
  ];
  for (const [label, fields] of cases) {
    test(`a ${label} version is stored and returned as sent`, async () => {
      const actor = await createSourceActor(emu.api, 'trivial');
      const created = dataOf<Version>(await emu.api.post(`/v2/acts/${actor.id}/versions`, { versionNumber: '2.0', ...fields }), 201);
      expect(created).toMatchObject({ versionNumber: '2.0', ...fields });
      expect(dataOf<Version>(await emu.api.get(`/v2/acts/${actor.id}/versions/2.0`))).toMatchObject(fields);
    });
  }

  test('a SOURCE_CODE version runs: its single file is the main file', async () => {
    const actor = dataOf<Actor>(
      await emu.api.post('/v2/acts', {
        name: uniqueName('source-code'),
        versions: [{ versionNumber: '0.0', sourceType: 'SOURCE_CODE', sourceCode: actorSource('scripted'), buildTag: 'latest' }],
      }),
      201,
    );
    await buildActor(emu, actor.id);
    const run = await runToEnd(emu, actor.id, { input: { marker: 'source-code' } });
    expect(run.status).toBe('SUCCEEDED');
    const output = await getJsonRecord<ScriptedOutput>(emu, run.defaultKeyValueStoreId, 'OUTPUT');
    expect(output.input).toEqual({ marker: 'source-code' });
  });

  test('a SOURCE_FILES version with BASE64 files is decoded before it runs', async () => {
    const actor = dataOf<Actor>(
      await emu.api.post('/v2/acts', {
        name: uniqueName('base64'),
        versions: [{ versionNumber: '0.0', sourceType: 'SOURCE_FILES', sourceFiles: base64Files, buildTag: 'latest' }],
      }),
      201,
    );
    await buildActor(emu, actor.id);
    const run = await runToEnd(emu, actor.id, { input: { marker: 'base64' } });
    expect(run.status).toBe('SUCCEEDED');
    expect((await getJsonRecord<ScriptedOutput>(emu, run.defaultKeyValueStoreId, 'OUTPUT')).input).toEqual({ marker: 'base64' });
  });
});

describe('versions: secret env vars', () => {
  test('a secret env var is never returned with its value: create, get, list, actor get', async () => {
    const actor = await createActor(emu.api, {
      name: uniqueName('secrets'),
      versions: [{ versionNumber: '0.0', sourceType: 'SOURCE_FILES', sourceFiles: sourceFilesOf('env-dump'), envVars }],
    });
    expectNoSecretValue(actor.versions, 'create actor response');
    expectNoSecretValue([dataOf<Version>(await emu.api.get(`/v2/acts/${actor.id}/versions/0.0`))], 'get version');
    expectNoSecretValue(dataOf<VersionList>(await emu.api.get(`/v2/acts/${actor.id}/versions`)).items, 'list versions');
    expectNoSecretValue(dataOf<Actor>(await emu.api.get(`/v2/acts/${actor.id}`)).versions, 'get actor');
    const created = dataOf<Version>(
      await emu.api.post(`/v2/acts/${actor.id}/versions`, {
        versionNumber: '0.1',
        sourceType: 'SOURCE_FILES',
        sourceFiles: sourceFilesOf('env-dump'),
        envVars,
      }),
      201,
    );
    expectNoSecretValue([created], 'create version response');
    const updated = dataOf<Version>(await emu.api.put(`/v2/acts/${actor.id}/versions/0.1`, { buildTag: 'beta' }));
    expectNoSecretValue([updated], 'update version response');
  });

  test("the version's env vars, secret ones included, reach the running actor with their values", async () => {
    const actor = await createActor(emu.api, {
      name: uniqueName('env-vars'),
      versions: [{ versionNumber: '0.0', sourceType: 'SOURCE_FILES', sourceFiles: sourceFilesOf('env-dump'), envVars }],
    });
    await buildActor(emu, actor.id);
    const run = await runToEnd(emu, actor.id);
    expect(run.status).toBe('SUCCEEDED');
    const dump = await getJsonRecord<EnvDump>(emu, run.defaultKeyValueStoreId, 'OUTPUT');
    expect(dump.env.PLAIN_SETTING).toBe('plain-value');
    expect(dump.env.SECRET_SETTING).toBe(SECRET_VALUE);
  });
});
