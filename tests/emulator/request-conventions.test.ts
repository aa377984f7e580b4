// What real clients send (emulator/README.md "What it serves"; spec/ERRATA.md "Since 2020", Paths): the three path
// families (/v2/acts and /v2/actors, /v2/actor-runs, /v2/actor-builds), booleans as true/false and 1/0, request bodies
// compressed with gzip or br, Content-Type with or without charset.
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { createBuiltActor, getRecord, runToEnd, sourceFilesVersion, uniqueName, waitForJob } from './helpers/fixtures.ts';
import { type ApiResponse, dataOf, expectApiError } from './helpers/http.ts';
import type { Actor, ActorShort, Build, Page, Run, VersionList } from './helpers/types.ts';

let emu: TestEmulator;
let actor: Actor;
let build: Build;

beforeAll(async () => {
  emu = await startTestEmulator();
  ({ actor, build } = await createBuiltActor(emu, 'scripted'));
});
afterAll(async () => {
  await emu?.close();
});

function sendBody(method: string, path: string, body: Buffer | string, headers: Record<string, string>): Promise<ApiResponse> {
  return emu.api.send({ method, path, body, headers });
}

describe('path families: /v2/acts and /v2/actors are the same resources', () => {
  test('an actor created under /v2/actors is the same under /v2/acts, and both lists show it', async () => {
    const created = dataOf<Actor>(await emu.api.post('/v2/actors', { name: uniqueName('family'), versions: [sourceFilesVersion('trivial')] }), 201);
    expect(dataOf<Actor>(await emu.api.get(`/v2/acts/${created.id}`))).toEqual(created);
    expect(dataOf<Actor>(await emu.api.get(`/v2/actors/${created.id}`))).toEqual(created);
    for (const collection of ['/v2/acts', '/v2/actors']) {
      const page = dataOf<Page<ActorShort>>(await emu.api.get(collection, { my: 1 }));
      expect(
        page.items.map((item) => item.id),
        `${collection} lists the actor`,
      ).toContain(created.id);
    }
  });

  test('versions, builds and runs answer under both prefixes with the same content', async () => {
    for (const sub of ['versions', 'builds', 'runs']) {
      const viaActs = dataOf<Page<unknown> | VersionList>(await emu.api.get(`/v2/acts/${actor.id}/${sub}`));
      const viaActors = dataOf<Page<unknown> | VersionList>(await emu.api.get(`/v2/actors/${actor.id}/${sub}`));
      expect(viaActors, `/v2/actors/{id}/${sub} equals /v2/acts/{id}/${sub}`).toEqual(viaActs);
    }
    expect(dataOf<Build>(await emu.api.get(`/v2/actors/${actor.id}/builds/${build.id}`)).id).toBe(build.id);
  });

  test('a run started under /v2/actors is served under /v2/actor-runs and /v2/acts/{id}/runs', async () => {
    const run = dataOf<Run>(await emu.api.post(`/v2/actors/${actor.id}/runs`, {}), 201);
    await waitForJob<Run>(emu, 'run', run.id);
    const viaRuns = dataOf<Run>(await emu.api.get(`/v2/actor-runs/${run.id}`));
    expect(dataOf<Run>(await emu.api.get(`/v2/acts/${actor.id}/runs/${run.id}`))).toEqual(viaRuns);
    expect(dataOf<Run>(await emu.api.get(`/v2/actors/${actor.id}/runs/${run.id}`))).toEqual(viaRuns);
  });

  test('a build is served under /v2/actor-builds and /v2/acts/{id}/builds', async () => {
    const viaBuilds = dataOf<Build>(await emu.api.get(`/v2/actor-builds/${build.id}`));
    expect(dataOf<Build>(await emu.api.get(`/v2/acts/${actor.id}/builds/${build.id}`))).toEqual(viaBuilds);
  });

  test('username~name works in nested paths as well', async () => {
    const tilde = `${emu.user.username}~${actor.name}`;
    expect(dataOf<VersionList>(await emu.api.get(`/v2/acts/${tilde}/versions`)).total).toBe(1);
    const run = dataOf<Run>(await emu.api.post(`/v2/acts/${tilde}/runs`, {}), 201);
    expect(run.actId).toBe(actor.id);
    await waitForJob<Run>(emu, 'run', run.id);
  });
});

describe('booleans: true/false and 1/0 mean the same', () => {
  test('desc=1 equals desc=true, and desc=0 equals desc=false', async () => {
    for (let i = 0; i < 2; i += 1) await runToEnd(emu, actor.id);
    const list = async (desc: string) => dataOf<Page<Run>>(await emu.api.get(`/v2/acts/${actor.id}/runs`, { desc }));
    const [one, yes, zero, no] = await Promise.all([list('1'), list('true'), list('0'), list('false')]);
    expect(one.items.map((r) => r.id)).toEqual(yes.items.map((r) => r.id));
    expect(zero.items.map((r) => r.id)).toEqual(no.items.map((r) => r.id));
    expect(one.desc).toBe(true);
    expect(zero.desc).toBe(false);
    expect(one.items.map((r) => r.id)).toEqual([...zero.items.map((r) => r.id)].reverse());
  });

  test('my=0 and my=false are accepted alike', async () => {
    const zero = dataOf<Page<ActorShort>>(await emu.api.get('/v2/acts', { my: 0 }));
    const no = dataOf<Page<ActorShort>>(await emu.api.get('/v2/acts', { my: 'false' }));
    expect(zero.items).toEqual(no.items);
    expect(zero.items.map((item) => item.id)).toContain(actor.id);
  });
});

describe('compressed request bodies', () => {
  const actorBody = () => JSON.stringify({ name: uniqueName('compressed'), versions: [sourceFilesVersion('trivial')] });

  test('a gzip-compressed JSON body is decoded', async () => {
    const body = actorBody();
    const res = await sendBody('POST', '/v2/acts', gzipSync(body), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(dataOf<Actor>(res, 201).name).toBe(JSON.parse(body).name);
  });

  test('a brotli-compressed JSON body is decoded', async () => {
    const body = actorBody();
    const res = await sendBody('POST', '/v2/acts', brotliCompressSync(body), { 'content-type': 'application/json', 'content-encoding': 'br' });
    expect(dataOf<Actor>(res, 201).name).toBe(JSON.parse(body).name);
  });

  test('a compressed run input is stored decoded as INPUT, as apify-client sends inputs of 1 KB and more', async () => {
    const input = { padding: 'x'.repeat(4096), marker: 'brotli-input' };
    const res = await sendBody('POST', `/v2/acts/${actor.id}/runs`, brotliCompressSync(JSON.stringify(input)), {
      'content-type': 'application/json; charset=utf-8',
      'content-encoding': 'br',
    });
    const run = dataOf<Run>(res, 201);
    const record = await getRecord(emu, run.defaultKeyValueStoreId, 'INPUT');
    expect(record.headers['content-encoding'] ?? 'identity', 'the record is served decoded').toBe('identity');
    expect(JSON.parse(record.text)).toEqual(input);
    await waitForJob<Run>(emu, 'run', run.id);
  });

  test('an unsupported Content-Encoding is 415 unsupported-content-encoding', async () => {
    const res = await sendBody('POST', '/v2/acts', actorBody(), { 'content-type': 'application/json', 'content-encoding': 'bla' });
    expectApiError(res, 415, 'unsupported-content-encoding');
  });

  test('a body that claims gzip but is not is a 400, not a crash', async () => {
    const res = await sendBody('POST', '/v2/acts', 'definitely not gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expectApiError(res, 400);
  });
});

describe('Content-Type with or without charset', () => {
  for (const contentType of ['application/json', 'application/json; charset=utf-8', 'application/json;charset=UTF-8']) {
    test(`a JSON body sent as "${contentType}" is accepted`, async () => {
      const name = uniqueName('charset');
      const res = await sendBody('POST', '/v2/acts', JSON.stringify({ name, versions: [sourceFilesVersion('trivial')] }), { 'content-type': contentType });
      expect(dataOf<Actor>(res, 201).name).toBe(name);
    });
  }

  test('a version update sent with charset is applied', async () => {
    const res = await sendBody('PUT', `/v2/acts/${actor.id}/versions/0.0`, JSON.stringify({ buildTag: 'latest' }), {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(res.status).toBe(200);
  });
});
