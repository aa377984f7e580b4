import { check } from '../../common/check.ts';
import type { JobRecord } from '../../common/fixtures/index.ts';
import { isTerminalStatus } from '../../common/job-status.ts';
import { describeWindow, heldFor, lateSlackMs, outlivingSleepMs, promptMs, serverMillis } from '../../common/timing.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { readJob } from '../support/jobs.ts';
import { sharedActor, useTarget } from '../support/target.ts';

// waitForFinish on Run actor and Get run: 0 by default, held until the run ends or the wait does, capped by the server.
const SPEC = 'spec/00-overview.apib#waiting-for-a-build-or-a-run';
const target = useTarget();
const { api, config, fixtures } = target;
const actor = sharedActor(target);
const cap = config.maxWaitSecs;
/** How far the clocks of the servers behind one API may disagree, in ms. */
const CLOCK_SKEW_MS = 250;
/** Input of a run that outlives every wait of this file. */
const longRun = { sleepMillis: outlivingSleepMs(cap, cap), writeOutput: false };

async function startRun(input: object, waitForFinish?: number) {
  const { id } = await actor();
  const response = await api.request({ method: 'POST', path: `/v2/acts/${id}/runs`, query: { memory: 128, waitForFinish }, body: input });
  const run = expectBody<JobRecord>(response, 201, 'run-response');
  fixtures.registry.trackRun(id, run.id);
  return { run, response };
}

async function getRun(runId: string, waitForFinish?: number) {
  const { job: run, response } = await readJob(api, 'runs', (await actor()).id, runId, waitForFinish);
  return { run, response };
}

check(
  {
    id: 'wait-for-finish.run-default-returns-at-once',
    title: 'without waitForFinish, Run actor and Get run answer at once, with the run not yet ended',
    spec: SPEC,
    features: ['wait-for-finish', 'runs'],
    tags: ['timing'],
  },
  async () => {
    const started = await startRun(longRun);
    expectThat(!isTerminalStatus(started.run.status), 'a status that is not terminal', started.run.status, started.response);
    expectThat(
      started.response.durationMs <= promptMs(cap),
      `an answer within ${promptMs(cap)} ms`,
      `${Math.round(started.response.durationMs)} ms`,
      started.response,
    );
    const read = await getRun(started.run.id);
    expectThat(!isTerminalStatus(read.run.status), 'a status that is not terminal', read.run.status, read.response);
    expectThat(read.response.durationMs <= promptMs(cap), `an answer within ${promptMs(cap)} ms`, `${Math.round(read.response.durationMs)} ms`, read.response);
  },
);

check(
  {
    id: 'wait-for-finish.run-terminal-when-job-ends-first',
    title: 'a run that ends before the wait does is answered as soon as it ends, with its terminal status, never with a status read before its end',
    spec: SPEC,
    features: ['wait-for-finish', 'runs'],
    tags: ['timing'],
  },
  async ({ inconclusive }) => {
    const { run, response } = await startRun({ output: 'quick' }, cap);
    if (!isTerminalStatus(run.status)) {
      expectThat(
        heldFor(response.durationMs, cap),
        `a terminal status, or ${describeWindow(cap)}`,
        `${run.status} after ${Math.round(response.durationMs)} ms`,
        response,
      );
      // A held answer must say how the run stands when it is sent: a run that had ended before then (by the server's
      // own clock: its finishedAt against the answer's Date, which is at most a second early) makes it a stale read.
      const ended = await getRun(run.id, cap);
      const sentNoEarlierThan = Date.parse(response.headers.date ?? '');
      if (isTerminalStatus(ended.run.status) && Number.isFinite(sentNoEarlierThan)) {
        expectThat(
          Date.parse(String(ended.run.finishedAt)) >= sentNoEarlierThan - CLOCK_SKEW_MS,
          `a ${run.status} answer only while the run had not ended`,
          `${run.status} in an answer sent at ${response.headers.date} or later, though the run ended at ${String(ended.run.finishedAt)}`,
          response,
        );
      }
      inconclusive(`the quick run did not end within the ${cap} s cap, so this target cannot show the rule`);
    }
    expectThat(run.status === 'SUCCEEDED', 'status SUCCEEDED', run.status, response);
    // The server's own timestamps say how long the run took; the answer should not have been held much longer.
    const ranMs = serverMillis(run.startedAt, run.finishedAt);
    expectThat(
      response.durationMs <= ranMs + lateSlackMs(cap),
      `an answer within ${lateSlackMs(cap)} ms of the run's end (it ran ${ranMs} ms)`,
      `${Math.round(response.durationMs)} ms`,
      response,
    );
    const again = await getRun(run.id, cap);
    expectThat(again.run.status === 'SUCCEEDED', 'Get run with waitForFinish to answer the terminal status', again.run.status, again.response);
    expectThat(
      again.response.durationMs <= promptMs(cap),
      `an ended run answered within ${promptMs(cap)} ms`,
      `${Math.round(again.response.durationMs)} ms`,
      again.response,
    );
  },
);

check(
  {
    id: 'wait-for-finish.run-returns-when-wait-ends',
    title: 'a run longer than the wait is answered when the wait ends, not ended yet',
    spec: SPEC,
    features: ['wait-for-finish', 'runs'],
    tags: ['timing'],
  },
  async () => {
    const wait = 1;
    const started = await startRun(longRun, wait);
    expectThat(!isTerminalStatus(started.run.status), 'a status that is not terminal', started.run.status, started.response);
    expectThat(heldFor(started.response.durationMs, wait), describeWindow(wait), `${Math.round(started.response.durationMs)} ms`, started.response);
    const read = await getRun(started.run.id, wait);
    expectThat(!isTerminalStatus(read.run.status), 'a status that is not terminal', read.run.status, read.response);
    expectThat(heldFor(read.response.durationMs, wait), describeWindow(wait), `${Math.round(read.response.durationMs)} ms`, read.response);
  },
);

check(
  {
    id: 'wait-for-finish.run-clamped-to-cap',
    title: 'a waitForFinish above the cap is clamped to it: no error, and an answer when the cap ends, not earlier and not later',
    spec: SPEC,
    features: ['wait-for-finish', 'runs'],
    tags: ['timing', 'slow'],
  },
  async () => {
    const { run } = await startRun(longRun);
    const read = await getRun(run.id, 999_999);
    expectThat(!isTerminalStatus(read.run.status), 'a status that is not terminal (the run outlives the cap)', read.run.status, read.response);
    expectThat(heldFor(read.response.durationMs, cap), `${describeWindow(cap)}, the cap`, `${Math.round(read.response.durationMs)} ms`, read.response);
  },
);
