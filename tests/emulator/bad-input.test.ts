// Bad input never crashes the emulator or corrupts its state (emulator/README.md "What it serves"): malformed JSON,
// non-object bodies, wrong types, unknown fields, bodies over 9 MB (413 request-too-large), unknown paths (404
// page-not-found), unknown ids (404 record-not-found) and nonsense query values each get a clear
// {error: {type, message}} with the right status; afterwards the emulator still serves and its state is what it was.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { createBuiltActor, runToEnd, sourceFilesVersion } from './helpers/fixtures.ts';
import { type ApiResponse, dataOf, expectApiError } from './helpers/http.ts';
import type { Actor, ActorShort, Build, Page, Run, Version, VersionList } from './helpers/types.ts';

const MAX_PAYLOAD_BYTES = 9_437_184;

let emu: TestEmulator;
let actor: Actor;
let run: Run;
let snapshotBefore: string;

/** Everything a bad request could corrupt, as one comparable string. */
async function snapshot(): Promise<string> {
  const [actors, actorNow, versions, builds, runs, items] = await Promise.all([
    emu.api.get('/v2/acts', { my: 1 }),
    emu.api.get(`/v2/acts/${actor.id}`),
    emu.api.get(`/v2/acts/${actor.id}/versions`),
    emu.api.get(`/v2/acts/${actor.id}/builds`),
    emu.api.get(`/v2/acts/${actor.id}/runs`),
    emu.api.get(`/v2/datasets/${run.defaultDatasetId}/items`),
  ]);
  return JSON.stringify({
    actors: dataOf<Page<ActorShort>>(actors),
    actor: dataOf<Actor>(actorNow),
    versions: dataOf<VersionList>(versions),
    builds: dataOf<Page<Build>>(builds),
    runs: dataOf<Page<Run>>(runs),
    items: items.text,
  });
}

beforeAll(async () => {
  emu = await startTestEmulator();
  ({ actor } = await createBuiltActor(emu, 'scripted'));
  run = await runToEnd(emu, actor.id, { input: { items: [{ kept: 1 }] } });
  snapshotBefore = await snapshot();
});
afterAll(async () => {
  await emu?.close();
});

function sendJsonText(method: string, path: string, text: string, query?: Record<string, string>): Promise<ApiResponse> {
  return emu.api.send({ method, path, body: text, query, headers: { 'content-type': 'application/json' } });
}

describe('bad input: request bodies', () => {
  test('malformed JSON is 400 with an error envelope', async () => {
    expectApiError(await sendJsonText('POST', '/v2/acts', '{"name": "broken",'), 400);
    expectApiError(await sendJsonText('PUT', `/v2/acts/${actor.id}`, '{description: unquoted}'), 400);
    expectApiError(await sendJsonText('POST', `/v2/acts/${actor.id}/versions`, '{"versionNumber": "1.0"'), 400);
    expectApiError(await sendJsonText('PUT', `/v2/acts/${actor.id}/versions/0.0`, 'nul'), 400);
  });

  test('a body that is valid JSON but not an object is 400', async () => {
    for (const text of ['[]', '[{"name": "in-an-array"}]', '"a string"', '42', 'null', 'true']) {
      expectApiError(await sendJsonText('POST', '/v2/acts', text), 400);
      expectApiError(await sendJsonText('PUT', `/v2/acts/${actor.id}`, text), 400);
    }
  });

  test('an empty body where an object is required is 400', async () => {
    expectApiError(await sendJsonText('POST', '/v2/acts', ''), 400);
  });

  test('wrong property types are 400', async () => {
    const bodies: Array<Record<string, unknown>> = [
      { name: 123 },
      { name: 'typed-wrong', isPublic: 'yes' },
      { name: 'typed-wrong', versions: 'not-an-array' },
      { name: 'typed-wrong', versions: [{ versionNumber: 1, sourceType: 'SOURCE_CODE' }] },
      { name: 'typed-wrong', versions: [{ versionNumber: '0.0', sourceType: 'NOT_A_SOURCE_TYPE' }] },
      { name: 'typed-wrong', title: { nested: true } },
    ];
    for (const body of bodies) expectApiError(await emu.api.post('/v2/acts', body), 400);
    expectApiError(await emu.api.put(`/v2/acts/${actor.id}`, { restartOnError: 'sometimes' }), 400);
    expectApiError(await emu.api.put(`/v2/acts/${actor.id}/versions/0.0`, { envVars: 'A=B' }), 400);
    expectApiError(await emu.api.put(`/v2/acts/${actor.id}/versions/0.0`, { sourceFiles: [{ name: 'main.js', format: 'ZIP', content: '' }] }), 400);
  });

  test('a body without the required name is 400', async () => {
    expectApiError(await emu.api.post('/v2/acts', { title: 'no name' }), 400);
  });

  test('unknown fields are 400, not silently stored', async () => {
    const created = await emu.api.post('/v2/acts', { name: 'unknown-field-actor', notAnActorField: true });
    // Undo a wrongful create so that this failure does not also fail the state check below.
    if (created.status === 201) await emu.api.delete(`/v2/acts/${dataOf<Actor>(created, 201).id}`);
    expectApiError(created, 400);
    expectApiError(await emu.api.put(`/v2/acts/${actor.id}`, { notAnActorField: true }), 400);
    expectApiError(await emu.api.put(`/v2/acts/${actor.id}/versions/0.0`, { notAVersionField: 1 }), 400);
  });

  test('a version number that is not MAJOR.MINOR is 400', async () => {
    const version: Partial<Version> = { ...sourceFilesVersion('trivial'), versionNumber: 'one.two' };
    expectApiError(await emu.api.post(`/v2/acts/${actor.id}/versions`, version), 400);
  });

  test(`a body over ${MAX_PAYLOAD_BYTES} bytes is 413 request-too-large`, async () => {
    const huge = JSON.stringify({ name: 'too-large', description: 'x'.repeat(MAX_PAYLOAD_BYTES) });
    expectApiError(await sendJsonText('POST', '/v2/acts', huge), 413, 'request-too-large');
    const hugeInput = JSON.stringify({ padding: 'y'.repeat(MAX_PAYLOAD_BYTES) });
    expectApiError(await sendJsonText('POST', `/v2/acts/${actor.id}/runs`, hugeInput), 413, 'request-too-large');
  });

  test('a small compressed body that decodes to over the limit is 413 as well', async () => {
    const bomb = gzipSync(JSON.stringify({ name: 'zip-bomb', description: ' '.repeat(MAX_PAYLOAD_BYTES + 1024) }));
    expect(bomb.length).toBeLessThan(100_000);
    const res = await emu.api.send({
      method: 'POST',
      path: '/v2/acts',
      body: bomb,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expectApiError(res, 413, 'request-too-large');
  });
});

describe('bad input: paths and ids', () => {
  test('unknown paths are 404 page-not-found', async () => {
    for (const path of ['/v2/no-such-endpoint', `/v2/acts/${actor.id}/no-such-sub-resource`, '/v3/acts', '/v2/acts/a/b/c/d/e']) {
      expectApiError(await emu.api.get(path), 404, 'page-not-found');
    }
  });

  test('unknown ids are 404 record-not-found', async () => {
    const paths = [
      '/v2/acts/NoSuchActorId0000',
      '/v2/acts/NoSuchActorId0000/versions',
      '/v2/acts/NoSuchActorId0000/builds',
      '/v2/acts/NoSuchActorId0000/runs',
      '/v2/acts/NoSuchActorId0000/webhooks',
      `/v2/acts/${actor.id}/versions/7.7`,
      `/v2/acts/${actor.id}/runs/NoSuchRunId000000`,
      `/v2/acts/${actor.id}/builds/NoSuchBuildId0000`,
      '/v2/actor-runs/NoSuchRunId000000',
      '/v2/actor-builds/NoSuchBuildId0000',
      '/v2/key-value-stores/NoSuchStoreId0000/records/INPUT',
      '/v2/datasets/NoSuchDataset0000/items',
    ];
    for (const path of paths) expectApiError(await emu.api.get(path), 404, 'record-not-found');
  });

  test('ids that are not even id-shaped are still 404 record-not-found, not 500', async () => {
    for (const id of ['x', '%00', 'a'.repeat(300), '..%2F..%2Fetc', 'user~', '~']) {
      const res = await emu.api.get(`/v2/acts/${id}`);
      expect(res.status, `${res.request} must not be a server error`).toBeLessThan(500);
      expectApiError(res, [400, 404]);
    }
  });
});

describe('bad input: nonsense query values', () => {
  const cases: Array<[string, string, Record<string, string>]> = [
    ['limit is not a number', '/v2/acts', { limit: 'many' }],
    ['limit is negative', '/v2/acts', { limit: '-5' }],
    ['offset is not a number', '/v2/acts', { offset: 'start' }],
    ['offset is negative', '/v2/acts', { offset: '-1' }],
    ['desc is not a boolean', '/v2/acts', { desc: 'maybe' }],
    ['my is not a boolean', '/v2/acts', { my: 'perhaps' }],
    ['waitForFinish is not a number', '/v2/actor-runs/{run}', { waitForFinish: 'soon' }],
    ['waitForFinish is negative', '/v2/actor-runs/{run}', { waitForFinish: '-1' }],
  ];
  for (const [label, path, query] of cases) {
    test(`GET when ${label} is 400`, async () => {
      expectApiError(await emu.api.get(path.replace('{run}', run.id), query), 400);
    });
  }

  const runCases: Array<[string, Record<string, string>]> = [
    ['timeout is not a number', { timeout: 'long' }],
    ['timeout is negative', { timeout: '-10' }],
    ['memory is not a number', { memory: 'lots' }],
    ['memory is not a power of 2', { memory: '1000' }],
    ['memory is below 128 MB', { memory: '64' }],
    ['memory is above 32768 MB', { memory: '65536' }],
    ['waitForFinish is not a number', { waitForFinish: 'soon' }],
  ];
  for (const [label, query] of runCases) {
    test(`starting a run when ${label} is 400 and starts nothing`, async () => {
      expectApiError(await emu.api.post(`/v2/acts/${actor.id}/runs`, {}, query), 400);
    });
  }

  test('a build with nonsense useCache is 400', async () => {
    expectApiError(await emu.api.post(`/v2/acts/${actor.id}/builds`, undefined, { version: '0.0', useCache: 'often' }), 400);
  });

  test('an unknown method override is refused, not executed', async () => {
    expectApiError(await emu.api.get('/v2/acts', { method: 'FROBNICATE' }), [400, 405]);
  });
});

describe('bad input: nothing is lost', () => {
  test('after all of the above the emulator serves and its state is unchanged', async () => {
    expect(await snapshot()).toBe(snapshotBefore);
    const again = await runToEnd(emu, actor.id, { input: {} });
    expect(again.status).toBe('SUCCEEDED');
  });
});
