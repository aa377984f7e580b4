// The method query parameter (spec/00-overview.apib#requests-and-responses: "Any endpoint can be called with another
// HTTP method"): it overrides the HTTP method on every endpoint; a method an endpoint does not allow gets 405
// method-not-allowed naming the allowed methods.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { createBuiltActor, createSourceActor, startRun, waitForJob } from './helpers/fixtures.ts';
import { dataOf, expectApiError, expectStatus } from './helpers/http.ts';
import type { Actor, Build, Run } from './helpers/types.ts';

let emu: TestEmulator;
let actor: Actor;

beforeAll(async () => {
  emu = await startTestEmulator();
  ({ actor } = await createBuiltActor(emu, 'scripted'));
});
afterAll(async () => {
  await emu?.close();
});

describe('method override: a GET request can call POST, PUT and DELETE endpoints', () => {
  test('GET ?method=POST starts a run', async () => {
    const res = await emu.api.get(`/v2/acts/${actor.id}/runs`, { method: 'POST' });
    const run = dataOf<Run>(res, 201);
    expect((await waitForJob<Run>(emu, 'run', run.id)).status).toBe('SUCCEEDED');
  });

  test('GET ?method=POST starts a build', async () => {
    const build = dataOf<Build>(await emu.api.get(`/v2/acts/${actor.id}/builds`, { method: 'POST', version: '0.0' }), 201);
    expect((await waitForJob<Build>(emu, 'build', build.id)).status).toBe('SUCCEEDED');
  });

  test('GET ?method=POST aborts a run', async () => {
    const run = await startRun(emu, actor.id, { input: { sleepMs: 120_000 } });
    const aborted = dataOf<Run>(await emu.api.get(`/v2/actor-runs/${run.id}/abort`, { method: 'POST' }));
    expect(['ABORTING', 'ABORTED']).toContain(aborted.status);
    expect((await waitForJob<Run>(emu, 'run', run.id)).status).toBe('ABORTED');
  });

  test('GET ?method=DELETE deletes an actor', async () => {
    const doomed = await createSourceActor(emu.api, 'trivial');
    expectStatus(await emu.api.get(`/v2/acts/${doomed.id}`, { method: 'DELETE' }), 204);
    expectApiError(await emu.api.get(`/v2/acts/${doomed.id}`), 404, 'record-not-found');
  });

  test('POST ?method=PUT with a body updates an actor', async () => {
    const target = await createSourceActor(emu.api, 'trivial');
    const updated = dataOf<Actor>(await emu.api.post(`/v2/acts/${target.id}`, { description: 'set through method=PUT' }, { method: 'PUT' }));
    expect(updated.description).toBe('set through method=PUT');
    expect(dataOf<Actor>(await emu.api.get(`/v2/acts/${target.id}`)).description).toBe('set through method=PUT');
  });

  test('POST ?method=GET reads instead of creating', async () => {
    const got = dataOf<Actor>(await emu.api.post(`/v2/acts/${actor.id}`, undefined, { method: 'GET' }));
    expect(got.id).toBe(actor.id);
  });
});

describe('method override: methods an endpoint does not allow', () => {
  function expectAllowed(message: string, allowed: string[], forbidden: string[]): void {
    for (const method of allowed) expect(message, `the 405 message should name ${method}`).toContain(method);
    for (const method of forbidden) expect(message, `the 405 message should not offer ${method}`).not.toMatch(new RegExp(`\\b${method}\\b`));
  }

  test('PATCH on the actor collection is 405 method-not-allowed naming GET and POST', async () => {
    const error = expectApiError(await emu.api.send({ method: 'PATCH', path: '/v2/acts', json: {} }), 405, 'method-not-allowed');
    expectAllowed(error.message, ['GET', 'POST'], ['PATCH', 'DELETE']);
  });

  test('GET on abort is 405 naming POST', async () => {
    const run = await startRun(emu, actor.id, { input: {} });
    const error = expectApiError(await emu.api.get(`/v2/actor-runs/${run.id}/abort`), 405, 'method-not-allowed');
    expectAllowed(error.message, ['POST'], ['DELETE', 'PUT']);
    await waitForJob<Run>(emu, 'run', run.id);
  });

  test('POST on a version object is 405 naming GET, PUT and DELETE', async () => {
    const error = expectApiError(await emu.api.post(`/v2/acts/${actor.id}/versions/0.0`, {}), 405, 'method-not-allowed');
    expectAllowed(error.message, ['GET', 'PUT', 'DELETE'], ['PATCH']);
  });

  test('an overriding method the endpoint does not allow is 405 as well', async () => {
    const error = expectApiError(await emu.api.get('/v2/acts', { method: 'DELETE' }), 405, 'method-not-allowed');
    expectAllowed(error.message, ['GET', 'POST'], ['PATCH']);
    const actorStill = dataOf<Actor>(await emu.api.get(`/v2/acts/${actor.id}`));
    expect(actorStill.id).toBe(actor.id);
  });

  test('a 405 does not change anything: PATCH on an actor leaves it as it was', async () => {
    const before = dataOf<Actor>(await emu.api.get(`/v2/acts/${actor.id}`));
    expectApiError(await emu.api.send({ method: 'PATCH', path: `/v2/acts/${actor.id}`, json: { description: 'patched' } }), 405, 'method-not-allowed');
    expect(dataOf<Actor>(await emu.api.get(`/v2/acts/${actor.id}`))).toEqual(before);
  });
});
