// Users and auth (spec/00-overview.apib#authentication; emulator/README.md "What it serves"): tokens by query or Bearer
// header, 401 types, isolation between users, and run/build lookups by id without a token.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { createBuiltActor, createSourceActor, sourceFilesVersion, startRun, waitForJob, waitForPid, waitForProcessExit } from './helpers/fixtures.ts';
import { dataOf, expectApiError } from './helpers/http.ts';
import type { Actor, ActorShort, Build, Page, Run } from './helpers/types.ts';

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

describe('auth: how the token is passed', () => {
  test('the token is accepted as the token query parameter', async () => {
    const got = dataOf<Actor>(await emu.api.as(emu.user.token, 'query').get(`/v2/acts/${actor.id}`));
    expect(got.id).toBe(actor.id);
  });

  test('the token is accepted as an Authorization: Bearer header', async () => {
    const got = dataOf<Actor>(await emu.api.as(emu.user.token, 'bearer').get(`/v2/acts/${actor.id}`));
    expect(got.id).toBe(actor.id);
  });

  test('a request without a token where one is required gets 401 token-not-provided', async () => {
    expectApiError(await emu.api.anonymous().get('/v2/acts'), 401, 'token-not-provided');
    expectApiError(await emu.api.anonymous().post('/v2/acts', { name: 'no-token-actor' }), 401, 'token-not-provided');
  });

  test('a wrong token gets 401 invalid-token, by query and by header alike', async () => {
    expectApiError(await emu.api.as('notAValidTokenAtAll000000', 'query').get('/v2/acts'), 401, 'invalid-token');
    expectApiError(await emu.api.as('notAValidTokenAtAll000000', 'bearer').get('/v2/acts'), 401, 'invalid-token');
  });

  test('an Authorization header that is not a Bearer token is not taken as a token', async () => {
    const res = await emu.api
      .anonymous()
      .send({ path: '/v2/acts', headers: { authorization: `Basic ${Buffer.from(`x:${emu.user.token}`).toString('base64')}` } });
    expectApiError(res, 401);
  });
});

describe('auth: isolation between users', () => {
  test("another user's private actor is invisible: 404 by id and by username~name", async () => {
    expectApiError(await emu.api2.get(`/v2/acts/${actor.id}`), 404);
    expectApiError(await emu.api2.get(`/v2/acts/${emu.user.username}~${actor.name}`), 404);
  });

  test("another user's private actor is absent from the second user's list", async () => {
    const page = dataOf<Page<ActorShort>>(await emu.api2.get('/v2/acts'));
    expect(page.items.map((item) => item.id)).not.toContain(actor.id);
  });

  test('another user can neither change nor delete nor run nor build the actor (it is invisible: 404)', async () => {
    expectApiError(await emu.api2.put(`/v2/acts/${actor.id}`, { description: 'hijacked' }), 404);
    expectApiError(await emu.api2.delete(`/v2/acts/${actor.id}`), 404);
    expectApiError(await emu.api2.post(`/v2/acts/${actor.id}/runs`, {}), 404);
    expectApiError(await emu.api2.post(`/v2/acts/${actor.id}/builds`, undefined, { version: '0.0' }), 404);
    const still = dataOf<Actor>(await emu.api.get(`/v2/acts/${actor.id}`));
    expect(still.description ?? null).not.toBe('hijacked');
  });

  test("another user cannot abort the user's run", async () => {
    const run = await startRun(emu, actor.id, { input: { sleepMs: 60_000, recordPid: true } });
    const pid = await waitForPid(emu, run);
    expectApiError(await emu.api2.post(`/v2/actor-runs/${run.id}/abort`), [403, 404]);
    const current = dataOf<Run>(await emu.api.get(`/v2/actor-runs/${run.id}`));
    expect(current.status, 'a foreign abort must leave the run running').toBe('RUNNING');
    dataOf<Run>(await emu.api.post(`/v2/actor-runs/${run.id}/abort`));
    await waitForJob<Run>(emu, 'run', run.id);
    expect(await waitForProcessExit(pid)).toBe(true);
  });

  test('two users may own actors with the same name', async () => {
    const mine = await createSourceActor(emu.api, 'trivial');
    const res = await emu.api2.post('/v2/acts', { name: mine.name, versions: [sourceFilesVersion('trivial')] });
    const theirs = dataOf<Actor>(res, 201);
    expect(theirs.username).toBe(emu.user2.username);
    expect(theirs.id).not.toBe(mine.id);
  });
});

describe('auth: runs and builds are readable by id without a token', () => {
  test('GET /v2/actor-runs/{id} and /v2/actor-builds/{id} answer 200 without a token', async () => {
    const run = await startRun(emu, actor.id, { input: {} });
    const anonymous = emu.api.anonymous();
    expect(dataOf<Run>(await anonymous.get(`/v2/actor-runs/${run.id}`)).id).toBe(run.id);
    expect(dataOf<Build>(await anonymous.get(`/v2/actor-builds/${build.id}`)).id).toBe(build.id);
    await waitForJob<Run>(emu, 'run', run.id);
  });

  test('GET /v2/acts/{actorId}/runs/{runId} (the documented Get run) answers 200 without a token', async () => {
    const run = await startRun(emu, actor.id, { input: {} });
    expect(dataOf<Run>(await emu.api.anonymous().get(`/v2/acts/${actor.id}/runs/${run.id}`)).id).toBe(run.id);
    await waitForJob<Run>(emu, 'run', run.id);
  });

  test('aborting a run still needs a token', async () => {
    const run = await startRun(emu, actor.id, { input: {} });
    expectApiError(await emu.api.anonymous().post(`/v2/actor-runs/${run.id}/abort`), 401, 'token-not-provided');
    await waitForJob<Run>(emu, 'run', run.id);
  });

  test('an unknown run id without a token is 404 record-not-found, not 401', async () => {
    expectApiError(await emu.api.anonymous().get('/v2/actor-runs/NoSuchRunId000000'), 404, 'record-not-found');
  });
});
