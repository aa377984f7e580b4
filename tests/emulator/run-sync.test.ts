// Run synchronously (spec/01-actors.apib#run-actor-synchronously; emulator/README.md "Builds and runs"): 201 with the
// OUTPUT record (or outputRecordKey) and its content type, 400 run-failed, 408 run-timeout-exceeded past the cap.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { buildActor, createActor, createBuiltActor, getRecord, uniqueName, waitForJob } from './helpers/fixtures.ts';
import { dataOf, expectApiError, expectStatus } from './helpers/http.ts';
import type { Actor, Page, Run } from './helpers/types.ts';

let emu: TestEmulator;
let actor: Actor;

beforeAll(async () => {
  emu = await startTestEmulator({ maxWaitSecs: 3 });
  ({ actor } = await createBuiltActor(emu, 'scripted'));
});
afterAll(async () => {
  await emu?.close();
});

/** An actor whose whole program is one line of SOURCE_CODE, built and ready to run. */
async function createInlineActor(sourceCode: string): Promise<Actor> {
  const created = await createActor(emu.api, { name: uniqueName('inline'), versions: [{ versionNumber: '0.0', sourceType: 'SOURCE_CODE', sourceCode }] });
  await buildActor(emu, created.id);
  return created;
}

async function latestRun(): Promise<Run> {
  const page = dataOf<Page<Run>>(await emu.api.get(`/v2/acts/${actor.id}/runs`, { desc: 1, limit: 1 }));
  expect(page.items.length, 'the actor should have a run').toBe(1);
  return dataOf<Run>(await emu.api.get(`/v2/actor-runs/${page.items[0].id}`));
}

describe('run-sync: success', () => {
  test('POST answers 201 with the OUTPUT record as the body, and the input reached the actor', async () => {
    const res = await emu.api.post(`/v2/acts/${actor.id}/run-sync`, { greeting: 'hi' });
    expectStatus(res, 201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const output = JSON.parse(res.text) as { input: unknown; inputKey: string };
    expect(output).toMatchObject({ input: { greeting: 'hi' }, inputKey: 'INPUT' });
    const run = await latestRun();
    expect(run.status).toBe('SUCCEEDED');
    const stored = await getRecord(emu, run.defaultKeyValueStoreId, 'OUTPUT');
    expect(res.text, 'the body is the stored OUTPUT record, byte for byte').toBe(stored.text);
  });

  test("the response carries the record's own content type", async () => {
    const res = await emu.api.post(`/v2/acts/${actor.id}/run-sync`, { outputText: '<p>done</p>', outputContentType: 'text/html; charset=utf-8' });
    expectStatus(res, 201);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toBe('<p>done</p>');
  });

  test('outputRecordKey selects another record of the default store', async () => {
    const res = await emu.api.post(
      `/v2/acts/${actor.id}/run-sync`,
      { outputKey: 'RESULT', outputText: 'the result', outputContentType: 'text/plain' },
      { outputRecordKey: 'RESULT' },
    );
    expectStatus(res, 201);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe('the result');
  });

  test('GET runs the actor without input and answers 201 with its OUTPUT', async () => {
    const res = await emu.api.get(`/v2/acts/${actor.id}/run-sync`);
    expectStatus(res, 201);
    const output = JSON.parse(res.text) as { input: unknown };
    expect(output.input, 'GET run-sync passes no input').toBeNull();
    const run = await latestRun();
    expect((await getRecord(emu, run.defaultKeyValueStoreId, 'INPUT')).status, 'no INPUT record for GET run-sync').toBe(404);
  });

  test('a run that stores no output record succeeds with an empty body', async () => {
    const res = await emu.api.post(`/v2/acts/${actor.id}/run-sync`, { skipOutput: true });
    expect([200, 201, 204]).toContain(res.status);
    expect(res.text).toBe('');
    expect((await latestRun()).status).toBe('SUCCEEDED');
  });

  test('the run-sync endpoints also answer under /v2/actors', async () => {
    const res = await emu.api.post(`/v2/actors/${actor.id}/run-sync`, { via: 'actors' });
    expectStatus(res, 201);
    expect((JSON.parse(res.text) as { input: unknown }).input).toEqual({ via: 'actors' });
  });
});

describe('run-sync: failures', () => {
  test('a run that fails gives 400 run-failed naming the run and its status', async () => {
    const res = await emu.api.post(`/v2/acts/${actor.id}/run-sync`, { exitCode: 2 });
    const error = expectApiError(res, 400, 'run-failed');
    const run = await latestRun();
    expect(run.status).toBe('FAILED');
    expect(error.message).toContain(run.id);
    expect(error.message).toContain('FAILED');
  });

  test('GET run-sync of an actor that exits non-zero gives 400 run-failed as well', async () => {
    const failing = await createInlineActor('process.exitCode = 5;');
    expectApiError(await emu.api.get(`/v2/acts/${failing.id}/run-sync`), 400, 'run-failed');
  });

  test('a run longer than the cap gives 408 run-timeout-exceeded once the cap has passed, and the run goes on', async () => {
    const started = Date.now();
    const res = await emu.api.post(`/v2/acts/${actor.id}/run-sync`, { sleepMs: 60_000 });
    const elapsed = Date.now() - started;
    expectApiError(res, 408, 'run-timeout-exceeded');
    expect(elapsed, 'the answer waited for the 3 s cap').toBeGreaterThanOrEqual(2_900);
    expect(elapsed, 'the answer came soon after the 3 s cap').toBeLessThan(15_000);
    const run = await latestRun();
    expect(['READY', 'RUNNING']).toContain(run.status);
    dataOf<Run>(await emu.api.post(`/v2/actor-runs/${run.id}/abort`));
    expect((await waitForJob<Run>(emu, 'run', run.id)).status).toBe('ABORTED');
  });

  test('GET run-sync past the cap gives 408 run-timeout-exceeded too', async () => {
    const sleeper = await createInlineActor('setTimeout(() => {}, 60000);');
    const res = await emu.api.get(`/v2/acts/${sleeper.id}/run-sync`, { timeout: 20 });
    expectApiError(res, 408, 'run-timeout-exceeded');
  });

  test('run-sync of an unknown actor is 404 record-not-found', async () => {
    expectApiError(await emu.api.post('/v2/acts/NoSuchActorId0000/run-sync', {}), 404, 'record-not-found');
  });
});
