import { check } from '../../common/check.ts';
import { JobWaitTimeoutError } from '../../common/fixtures/index.ts';
import { serverMillis } from '../../common/timing.ts';
import { expectThat } from '../support/expect.ts';
import { endedRun, readJob } from '../support/jobs.ts';
import { sharedActor, useTarget } from '../support/target.ts';

// How a run ends: its code's exit code decides SUCCEEDED or FAILED; its timeout stops it as TIMED-OUT.
const SPEC = 'spec/01-actors.apib#run-actor';
const target = useTarget();
const { api, config, fixtures } = target;
const actor = sharedActor(target);

check(
  {
    id: 'lifecycle.exit-code-decides',
    title: 'a run whose code exits with 0 ends SUCCEEDED, and one that exits non-zero ends FAILED',
    spec: SPEC,
    features: ['runs'],
  },
  async () => {
    const { id } = await actor();
    const [good, bad] = await Promise.all([fixtures.startRun(id, { writeOutput: false }), fixtures.startRun(id, { exitCode: 2, writeOutput: false })]);
    const [goodEnd, badEnd] = await Promise.all([endedRun(target, id, good.id), endedRun(target, id, bad.id)]);
    expectThat(goodEnd.job.status === 'SUCCEEDED', `run ${good.id} (exit code 0) to end SUCCEEDED`, goodEnd.job.status, goodEnd.response);
    expectThat(badEnd.job.status === 'FAILED', `run ${bad.id} (exit code 2) to end FAILED`, badEnd.job.status, badEnd.response);
  },
);

check(
  {
    id: 'lifecycle.timeout-times-out',
    title: 'a run that exceeds its timeout is stopped and ends TIMED-OUT, not before the timeout',
    spec: SPEC,
    features: ['runs'],
  },
  async () => {
    const { id } = await actor();
    const timeoutSecs = 1;
    const run = await fixtures.startRun(id, { sleepMillis: 120_000, writeOutput: false }, { timeoutSecs });
    // Stopping may take the platform a while (TIMING-OUT), but not the two minutes the code would sleep.
    const stopWithinSecs = timeoutSecs + Math.max(10, config.maxWaitSecs);
    await fixtures.waitForRun(id, run.id, { timeoutSecs: stopWithinSecs }).catch((error: unknown) => {
      if (!(error instanceof JobWaitTimeoutError)) throw error;
    });
    const { job: ended, response } = await readJob(api, 'runs', id, run.id);
    expectThat(
      ended.status === 'TIMED-OUT',
      `run ${run.id} (timeout ${timeoutSecs} s, sleeping 120 s) to end TIMED-OUT within ${stopWithinSecs} s`,
      ended.status,
      response,
    );
    const ranMs = serverMillis(ended.startedAt, ended.finishedAt);
    expectThat(
      ranMs >= timeoutSecs * 1000 - 50,
      `startedAt and finishedAt at least ${timeoutSecs} s apart`,
      `${ranMs} ms (${ended.startedAt} to ${ended.finishedAt})`,
      response,
    );
  },
);
