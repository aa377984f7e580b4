// Abort (spec/01-actors.apib#abort-run, #abort-build): only READY/RUNNING (and TIMING-OUT)
// jobs change, ABORTING -> ABORTED, the actor's process really stops; a terminal job is returned unchanged with 200.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { createBuiltActor, getDatasetItems, runToEnd, startBuild, startRun, waitForJob, waitForPid, waitForProcessExit } from './helpers/fixtures.ts';
import { ISO_DATE_PATTERN } from './helpers/formats.ts';
import { dataOf, expectApiError, type QueryValue } from './helpers/http.ts';
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

/** Fields that must not change when a terminal job is aborted. */
function frozen(job: Run | Build): Record<string, unknown> {
  return { id: job.id, status: job.status, startedAt: job.startedAt, finishedAt: job.finishedAt, exitCode: 'exitCode' in job ? job.exitCode : undefined };
}

describe('abort: running runs', () => {
  test('aborting a RUNNING run answers 200 ABORTING or ABORTED, ends ABORTED and stops the process', async () => {
    const run = await startRun(emu, actor.id, { input: { sleepMs: 120_000, recordPid: true } });
    const pid = await waitForPid(emu, run);
    const aborted = dataOf<Run>(await emu.api.post(`/v2/actor-runs/${run.id}/abort`));
    expect(['ABORTING', 'ABORTED']).toContain(aborted.status);
    const done = await waitForJob<Run>(emu, 'run', run.id);
    expect(done.status).toBe('ABORTED');
    expect(done.finishedAt).toMatch(ISO_DATE_PATTERN);
    expect(await waitForProcessExit(pid), `actor process ${pid} should be stopped by the abort`).toBe(true);
  });

  test('the documented path /v2/acts/{actorId}/runs/{runId}/abort aborts too', async () => {
    const run = await startRun(emu, actor.id, { input: { sleepMs: 120_000, recordPid: true } });
    const pid = await waitForPid(emu, run);
    expect(['ABORTING', 'ABORTED']).toContain(dataOf<Run>(await emu.api.post(`/v2/acts/${actor.id}/runs/${run.id}/abort`)).status);
    expect((await waitForJob<Run>(emu, 'run', run.id)).status).toBe('ABORTED');
    expect(await waitForProcessExit(pid)).toBe(true);
  });

  test('a run aborted right after it starts (READY or RUNNING) ends ABORTED', async () => {
    const run = await startRun(emu, actor.id, { input: { sleepMs: 120_000 } });
    expect(['ABORTING', 'ABORTED']).toContain(dataOf<Run>(await emu.api.post(`/v2/actor-runs/${run.id}/abort`)).status);
    expect((await waitForJob<Run>(emu, 'run', run.id)).status).toBe('ABORTED');
  });

  test('what the run stored before the abort stays in its storages', async () => {
    const run = await startRun(emu, actor.id, { input: { items: [{ kept: true }], recordPid: true, sleepMs: 120_000 } });
    await waitForPid(emu, run);
    dataOf<Run>(await emu.api.post(`/v2/actor-runs/${run.id}/abort`));
    await waitForJob<Run>(emu, 'run', run.id);
    expect(await getDatasetItems(emu, run.defaultDatasetId)).toEqual([{ kept: true }]);
  });

  for (const gracefully of ['1', 'true']) {
    test(`gracefully=${gracefully} is accepted and the run still ends ABORTED`, async () => {
      const run = await startRun(emu, actor.id, { input: { sleepMs: 120_000, recordPid: true } });
      const pid = await waitForPid(emu, run);
      const aborted = dataOf<Run>(await emu.api.post(`/v2/actor-runs/${run.id}/abort`, undefined, { gracefully }));
      expect(['ABORTING', 'ABORTED']).toContain(aborted.status);
      // A graceful abort may give the actor up to 30 s before it is stopped.
      expect((await waitForJob<Run>(emu, 'run', run.id, 50_000)).status).toBe('ABORTED');
      expect(await waitForProcessExit(pid)).toBe(true);
    }, 60_000);
  }
});

describe('abort: terminal runs are returned unchanged', () => {
  const endings: Array<[string, Record<string, unknown>, Record<string, QueryValue>]> = [
    ['SUCCEEDED', {}, {}],
    ['FAILED', { exitCode: 4 }, {}],
    ['TIMED-OUT', { sleepMs: 120_000 }, { timeout: 1 }],
  ];
  for (const [status, input, query] of endings) {
    test(`aborting a ${status} run answers 200 with the run unchanged`, async () => {
      const run = await runToEnd(emu, actor.id, { input, query });
      expect(run.status).toBe(status);
      const res = await emu.api.post(`/v2/actor-runs/${run.id}/abort`);
      expect(frozen(dataOf<Run>(res))).toEqual(frozen(run));
      expect(frozen(dataOf<Run>(await emu.api.get(`/v2/actor-runs/${run.id}`)))).toEqual(frozen(run));
    });
  }

  test('aborting an ABORTED run again answers 200 with the run unchanged', async () => {
    const run = await startRun(emu, actor.id, { input: { sleepMs: 120_000 } });
    dataOf<Run>(await emu.api.post(`/v2/actor-runs/${run.id}/abort`));
    const done = await waitForJob<Run>(emu, 'run', run.id);
    expect(frozen(dataOf<Run>(await emu.api.post(`/v2/actor-runs/${run.id}/abort`)))).toEqual(frozen(done));
  });

  test('aborting an unknown run is 404 record-not-found', async () => {
    expectApiError(await emu.api.post('/v2/actor-runs/NoSuchRunId000000/abort'), 404, 'record-not-found');
  });
});

describe('abort: builds', () => {
  test('aborting a finished build answers 200 with the build unchanged', async () => {
    const { build } = await createBuiltActor(emu, 'trivial');
    const res = await emu.api.post(`/v2/actor-builds/${build.id}/abort`);
    expect(frozen(dataOf<Build>(res))).toEqual(frozen(build));
    const viaActor = await emu.api.post(`/v2/acts/${build.actId}/builds/${build.id}/abort`);
    expect(frozen(dataOf<Build>(viaActor))).toEqual(frozen(build));
  });

  test('a build aborted right after it starts ends ABORTED, even one of sources checked before (it runs at least 500 ms)', async () => {
    // The shared actor's sources were built in beforeAll, so this build skips the syntax check and only the minimum
    // build time keeps it RUNNING.
    const build = await startBuild(emu, actor.id);
    const answer = dataOf<Build>(await emu.api.post(`/v2/actor-builds/${build.id}/abort`));
    expect(['ABORTING', 'ABORTED']).toContain(answer.status);
    const done = await waitForJob<Build>(emu, 'build', build.id);
    expect(done.status).toBe('ABORTED');
    expect(done.finishedAt).toMatch(ISO_DATE_PATTERN);
  });

  test('aborting an unknown build is 404 record-not-found', async () => {
    expectApiError(await emu.api.post('/v2/actor-builds/NoSuchBuildId0000/abort'), 404, 'record-not-found');
  });
});
