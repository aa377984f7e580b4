// waitForFinish (spec/00-overview.apib#waiting-for-a-build-or-a-run): default 0 answers at once; else the server holds
// the answer until the job is terminal or the cap (EMULATOR_MAX_WAIT_SECS) passes, whichever comes first; values above
// the cap are clamped, never rejected. Timing is judged with wide tolerances and against the server's own timestamps.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { createBuiltActor, createSourceActor, isTerminal, startRun, waitForJob } from './helpers/fixtures.ts';
import { dataOf } from './helpers/http.ts';
import type { Actor, Build, Run } from './helpers/types.ts';

const SHORT_CAP_SECS = 3;
const LONG_CAP_SECS = 20;
let shortCap: TestEmulator;
let longCap: TestEmulator;
let shortCapActor: Actor;
let longCapActor: Actor;

beforeAll(async () => {
  [shortCap, longCap] = await Promise.all([startTestEmulator({ maxWaitSecs: SHORT_CAP_SECS }), startTestEmulator({ maxWaitSecs: LONG_CAP_SECS })]);
  [{ actor: shortCapActor }, { actor: longCapActor }] = await Promise.all([createBuiltActor(shortCap, 'scripted'), createBuiltActor(longCap, 'scripted')]);
});
afterAll(async () => {
  await Promise.all([shortCap?.close(), longCap?.close()]);
});

async function abortAndWait(emu: TestEmulator, runId: string): Promise<void> {
  dataOf<Run>(await emu.api.post(`/v2/actor-runs/${runId}/abort`));
  await waitForJob<Run>(emu, 'run', runId);
}

describe('waitForFinish: the default is 0', () => {
  test('starting a run without waitForFinish answers at once with a non-terminal status', async () => {
    const res = await shortCap.api.post(`/v2/acts/${shortCapActor.id}/runs`, { sleepMs: 30_000 });
    const run = dataOf<Run>(res, 201);
    expect(['READY', 'RUNNING']).toContain(run.status);
    expect(res.elapsedMs, `${res.request} should not wait for the ${SHORT_CAP_SECS} s cap`).toBeLessThan(2_500);
    const get = await shortCap.api.get(`/v2/actor-runs/${run.id}`);
    expect(['READY', 'RUNNING']).toContain(dataOf<Run>(get).status);
    expect(get.elapsedMs, `${get.request} should not wait`).toBeLessThan(2_500);
    const explicitZero = await shortCap.api.get(`/v2/actor-runs/${run.id}`, { waitForFinish: 0 });
    expect(explicitZero.elapsedMs, `${explicitZero.request} should not wait`).toBeLessThan(2_500);
    await abortAndWait(shortCap, run.id);
  });
});

describe('waitForFinish: the cap', () => {
  test('GET run with a value far above the cap is clamped: 200 after about the cap, status still RUNNING', async () => {
    const run = await startRun(shortCap, shortCapActor.id, { input: { sleepMs: 60_000 } });
    const res = await shortCap.api.get(`/v2/actor-runs/${run.id}`, { waitForFinish: 999_999 });
    expect(dataOf<Run>(res).status).toBe('RUNNING');
    expect(res.elapsedMs, 'held until the cap').toBeGreaterThanOrEqual(SHORT_CAP_SECS * 1000 - 100);
    expect(res.elapsedMs, 'released soon after the cap').toBeLessThan(SHORT_CAP_SECS * 1000 + 10_000);
    await abortAndWait(shortCap, run.id);
  });

  test('POST run with a value far above the cap answers 201 after about the cap', async () => {
    const res = await shortCap.api.post(`/v2/acts/${shortCapActor.id}/runs`, { sleepMs: 60_000 }, { waitForFinish: 999_999 });
    const run = dataOf<Run>(res, 201);
    expect(['READY', 'RUNNING']).toContain(run.status);
    expect(res.elapsedMs, 'held until the cap').toBeGreaterThanOrEqual(SHORT_CAP_SECS * 1000 - 100);
    expect(res.elapsedMs, 'released soon after the cap').toBeLessThan(SHORT_CAP_SECS * 1000 + 10_000);
    await abortAndWait(shortCap, run.id);
  });

  test('a value below the cap waits that long, not the whole cap', async () => {
    const run = await startRun(longCap, longCapActor.id, { input: { sleepMs: 60_000 } });
    const res = await longCap.api.get(`/v2/actor-runs/${run.id}`, { waitForFinish: 2 });
    expect(dataOf<Run>(res).status).toBe('RUNNING');
    expect(res.elapsedMs).toBeGreaterThanOrEqual(1_900);
    expect(res.elapsedMs, `waitForFinish=2 must not wait for the ${LONG_CAP_SECS} s cap`).toBeLessThan(12_000);
    await abortAndWait(longCap, run.id);
  });
});

describe('waitForFinish: an ending job releases the wait', () => {
  test('GET run returns as soon as the run ends, well before the cap', async () => {
    const run = await startRun(longCap, longCapActor.id, { input: { sleepMs: 1_000 } });
    const res = await longCap.api.get(`/v2/actor-runs/${run.id}`, { waitForFinish: LONG_CAP_SECS });
    const done = dataOf<Run>(res);
    const answeredAt = Date.now();
    expect(done.status).toBe('SUCCEEDED');
    expect(answeredAt - Date.parse(done.finishedAt ?? ''), 'the answer follows the end of the run, not the cap').toBeLessThan(3_000);
    expect(res.elapsedMs).toBeLessThan(LONG_CAP_SECS * 1000 - 5_000);
  });

  test('POST run with waitForFinish answers 201 with the terminal run', async () => {
    const res = await longCap.api.post(`/v2/acts/${longCapActor.id}/runs`, { sleepMs: 500 }, { waitForFinish: LONG_CAP_SECS });
    const run = dataOf<Run>(res, 201);
    expect(run.status).toBe('SUCCEEDED');
    expect(Date.now() - Date.parse(run.finishedAt ?? '')).toBeLessThan(3_000);
  });

  test('an abort releases a pending wait with the ABORTED run', async () => {
    const run = await startRun(longCap, longCapActor.id, { input: { sleepMs: 60_000 } });
    const waiting = longCap.api.get(`/v2/actor-runs/${run.id}`, { waitForFinish: LONG_CAP_SECS });
    // A pending request cannot be observed from outside, so give it a moment to reach the server before the abort;
    // if it arrives late the test still holds (the answer is then immediate), it just proves less.
    await new Promise((resolve) => setTimeout(resolve, 300));
    dataOf<Run>(await longCap.api.post(`/v2/actor-runs/${run.id}/abort`));
    const res = await waiting;
    const status = dataOf<Run>(res).status;
    expect(['ABORTING', 'ABORTED']).toContain(status);
    expect(res.elapsedMs, 'the waiting request ended with the abort, not at the cap').toBeLessThan(LONG_CAP_SECS * 1000 - 5_000);
    await waitForJob<Run>(longCap, 'run', run.id);
  });

  test('a terminal run is returned at once whatever waitForFinish says', async () => {
    const run = await startRun(longCap, longCapActor.id, { input: {} });
    await waitForJob<Run>(longCap, 'run', run.id);
    const res = await longCap.api.get(`/v2/actor-runs/${run.id}`, { waitForFinish: LONG_CAP_SECS });
    expect(isTerminal(dataOf<Run>(res).status)).toBe(true);
    expect(res.elapsedMs).toBeLessThan(2_500);
  });
});

describe('waitForFinish: builds', () => {
  test('POST build with waitForFinish answers 201 with the finished build', async () => {
    const actor = await createSourceActor(longCap.api, 'trivial');
    const res = await longCap.api.post(`/v2/acts/${actor.id}/builds`, undefined, { version: '0.0', waitForFinish: LONG_CAP_SECS });
    const build = dataOf<Build>(res, 201);
    expect(build.status).toBe('SUCCEEDED');
    expect(res.elapsedMs).toBeLessThan(LONG_CAP_SECS * 1000 - 5_000);
  });

  test('GET build with waitForFinish returns the finished build; a value above the cap is accepted', async () => {
    const actor = await createSourceActor(shortCap.api, 'trivial');
    const started = dataOf<Build>(await shortCap.api.post(`/v2/acts/${actor.id}/builds`, undefined, { version: '0.0', waitForFinish: 999_999 }), 201);
    const build = await waitForJob<Build>(shortCap, 'build', started.id);
    const res = await shortCap.api.get(`/v2/actor-builds/${build.id}`, { waitForFinish: 999_999 });
    expect(dataOf<Build>(res).status).toBe('SUCCEEDED');
    expect(res.elapsedMs).toBeLessThan(2_500);
  });
});
