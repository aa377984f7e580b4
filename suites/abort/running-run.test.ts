import { check } from '../../common/check.ts';
import { JobWaitTimeoutError } from '../../common/fixtures/index.ts';
import { lateSlackMs } from '../../common/timing.ts';
import { excerpt, expectThat } from '../support/expect.ts';
import { poll } from '../support/poll.ts';
import { sharedActor, useTarget } from '../support/target.ts';
import { abortJob } from './abort-request.ts';

// Abort run on a run that has not ended: it stops, for real, and ends ABORTED.
const SPEC = 'spec/01-actors.apib#abort-run';
const target = useTarget();
const { api, config, fixtures } = target;
const actor = sharedActor(target);
/** Long enough to be still running whenever the abort arrives; the clean-up aborts it otherwise. */
const longRun = { sleepMillis: (config.maxWaitSecs + 60) * 1000, writeOutput: false };

check(
  {
    id: 'abort.running-run-ends-aborted',
    title: 'aborting a RUNNING run answers ABORTING or ABORTED, and the run ends ABORTED with finishedAt set',
    spec: SPEC,
    features: ['runs', 'abort'],
  },
  async () => {
    const { id } = await actor();
    const run = await fixtures.startRun(id, longRun);
    await fixtures.waitForRun(id, run.id, { until: (r) => r.status === 'RUNNING' });
    const { job: answer, response } = await abortJob(api, 'runs', id, run.id);
    expectThat(answer.status === 'ABORTING' || answer.status === 'ABORTED', 'status ABORTING or ABORTED', answer.status, response);
    if (answer.status === 'ABORTED')
      expectThat(typeof answer.finishedAt === 'string', 'finishedAt set on the ABORTED run', String(answer.finishedAt), response);
    const final = await fixtures.waitForRun(id, run.id);
    expectThat(final.status === 'ABORTED', 'the run to end ABORTED', final.status, response);
    expectThat(
      typeof final.finishedAt === 'string' && final.finishedAt >= String(final.startedAt),
      'finishedAt set, not before startedAt',
      `${final.finishedAt} (started ${final.startedAt})`,
      response,
    );
  },
);

check(
  {
    id: 'abort.graceful-run-ends-aborted',
    title: 'aborting a RUNNING run with gracefully=1 answers ABORTING or ABORTED, and the run ends ABORTED within the 30 s grace',
    spec: SPEC,
    features: ['runs', 'abort'],
    tags: ['slow'],
  },
  async () => {
    const { id } = await actor();
    const run = await fixtures.startRun(id, longRun);
    await fixtures.waitForRun(id, run.id, { until: (r) => r.status === 'RUNNING' });
    const { job: answer, response } = await abortJob(api, 'runs', id, run.id, { gracefully: 1 });
    expectThat(answer.status === 'ABORTING' || answer.status === 'ABORTED', 'status ABORTING or ABORTED', answer.status, response);
    // The platform force-stops a gracefully aborted run after 30 s (ERRATA "Since 2020", Abort); the code may end sooner.
    const graceSecs = 30 + Math.ceil(lateSlackMs(config.maxWaitSecs) / 1000);
    const final = await fixtures.waitForRun(id, run.id, { timeoutSecs: graceSecs }).catch((error: unknown) => {
      if (error instanceof JobWaitTimeoutError) return undefined;
      throw error;
    });
    expectThat(final?.status === 'ABORTED', `the run to end ABORTED within ${graceSecs} s`, final?.status ?? `not ended after ${graceSecs} s`, response);
  },
);

check(
  {
    id: 'abort.started-run-ends-aborted',
    title: 'aborting a run right after it was started (READY or RUNNING) ends it ABORTED',
    spec: SPEC,
    features: ['runs', 'abort'],
  },
  async () => {
    const { id } = await actor();
    const run = await fixtures.startRun(id, longRun);
    const { job: answer, response } = await abortJob(api, 'runs', id, run.id);
    expectThat(answer.status === 'ABORTING' || answer.status === 'ABORTED', 'status ABORTING or ABORTED', answer.status, response);
    const final = await fixtures.waitForRun(id, run.id);
    expectThat(
      final.status === 'ABORTED' && typeof final.finishedAt === 'string',
      'the run to end ABORTED with finishedAt',
      `${final.status}, finishedAt ${final.finishedAt}`,
      response,
    );
  },
);

/**
 * How long the aborted run's code sleeps before it would write OUTPUT. Short keeps the check short; when the run ended
 * before the abort reached it (a loaded machine, a target that refuses some requests at first), a longer sleep follows.
 */
const SLEEPS_BEFORE_OUTPUT_MS = [1000, 4000, 15000];

check(
  { id: 'abort.aborted-code-stops', title: "an aborted run's code really stops: it writes no OUTPUT after the abort", spec: SPEC, features: ['runs', 'abort'] },
  async () => {
    const { id } = await actor();
    for (const [attempt, sleepMillis] of SLEEPS_BEFORE_OUTPUT_MS.entries()) {
      const lastAttempt = attempt === SLEEPS_BEFORE_OUTPUT_MS.length - 1;
      const run = await fixtures.startRun(id, { sleepMillis, output: 'written after the sleep' });
      const sawRunning = await fixtures.waitForRun(id, run.id, { until: (r) => r.status === 'RUNNING' }).then(
        () => true,
        (error: unknown) => {
          if (lastAttempt || !(error instanceof JobWaitTimeoutError)) throw error;
          return false;
        },
      );
      if (!sawRunning) continue;
      // The code is running by now, so it would write its OUTPUT within sleepMillis from here (plus a margin for a slow machine).
      const wouldWriteBy = Date.now() + sleepMillis + 2000;
      const { job: answer, response } = await abortJob(api, 'runs', id, run.id);
      const reachedRunningCode = answer.status === 'ABORTING' || answer.status === 'ABORTED';
      if (!reachedRunningCode && !lastAttempt) continue;
      expectThat(reachedRunningCode, `the abort of RUNNING run ${run.id} answered ABORTING or ABORTED`, answer.status, response);
      await fixtures.waitForRun(id, run.id);
      await poll(
        async () => {
          const record = await api.request({ path: `/v2/key-value-stores/${run.defaultKeyValueStoreId}/records/OUTPUT` });
          expectThat(
            record.status === 404,
            `no OUTPUT record after the abort of run ${run.id} (HTTP 404)`,
            `HTTP ${record.status} ${excerpt(record.text)}`,
            record,
          );
          return undefined;
        },
        200,
        wouldWriteBy,
      );
      return;
    }
  },
);
