import { check } from '../../common/check.ts';
import type { JobRecord } from '../../common/fixtures/index.ts';
import { isTerminalStatus } from '../../common/job-status.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { useBuiltActor, useTarget } from '../support/target.ts';
import { capTolerance } from './tolerance.ts';

// waitForFinish on runs: default 0, wait until terminal or until the wait ends, values above the cap clamped to it.
const SPEC = 'spec/apify-v2-actors.apib#waiting-for-a-build-or-a-run';
const target = useTarget();
const { api, config, fixtures } = target;
const built = useBuiltActor(target, 'wait-run');
const cap = () => config.maxWaitSecs;
// A run that is certain to outlive every wait in this file.
const longRun = () => ({ sleepMillis: (cap() * 2 + 10) * 1000 });

check({ id: 'wait-for-finish.default-returns-at-once', title: 'without waitForFinish, Run actor answers at once with a non-terminal status', spec: SPEC, tags: ['timing'] }, async () => {
  const response = await api.request({ method: 'POST', path: `/v2/acts/${built.actor.id}/runs`, query: { memory: 128 }, body: longRun() });
  const run = expectBody<JobRecord>(response, 201, 'run-response');
  fixtures.registry.trackRun(built.actor.id, run.id);
  expectThat(!isTerminalStatus(run.status), 'a non-terminal status', run.status, response);
  expectThat(response.durationMs < cap() * 500, `an answer within half the cap (${cap() / 2} s)`, `${response.durationMs} ms`, response);
});

check({ id: 'wait-for-finish.terminal-when-job-ends-first', title: 'a run that ends before the wait is over is returned with its terminal status', spec: SPEC, tags: ['timing'] }, async () => {
  const response = await api.request({ method: 'POST', path: `/v2/acts/${built.actor.id}/runs`, query: { memory: 128, waitForFinish: cap() }, body: { output: 'quick' } });
  const run = expectBody<JobRecord>(response, 201, 'run-response');
  fixtures.registry.trackRun(built.actor.id, run.id);
  // A run that has not ended by the cap (a slow platform) is not this rule's business; one that ended must say so.
  if (!isTerminalStatus(run.status)) {
    expectThat(response.durationMs >= cap() * 900, `a terminal status, or an answer only after the cap (${cap()} s)`, `${run.status} after ${response.durationMs} ms`, response);
    return;
  }
  expectThat(run.status === 'SUCCEEDED', 'status SUCCEEDED', run.status, response);
  const again = expectBody<JobRecord>(await api.request({ path: `/v2/acts/${built.actor.id}/runs/${run.id}`, query: { waitForFinish: cap() } }), 200, 'run-response');
  expectThat(again.status === 'SUCCEEDED', 'Get run with waitForFinish to return the terminal status too', again.status, response);
});

check({ id: 'wait-for-finish.returns-when-wait-ends', title: 'a run longer than the wait is returned when the wait ends, with a non-terminal status', spec: SPEC, tags: ['timing'] }, async () => {
  const run = await fixtures.startRun(built.actor.id, longRun());
  const response = await api.request({ path: `/v2/acts/${built.actor.id}/runs/${run.id}`, query: { waitForFinish: 1 } });
  const read = expectBody<JobRecord>(response, 200, 'run-response');
  expectThat(!isTerminalStatus(read.status), 'a non-terminal status', read.status, response);
  expectThat(response.durationMs >= 900 && response.durationMs <= 1000 + capTolerance(cap()), `an answer after about 1 s (0.9 to ${1 + capTolerance(cap()) / 1000} s)`, `${response.durationMs} ms`, response);
});

check({ id: 'wait-for-finish.clamped-to-cap', title: 'a waitForFinish above the cap is clamped to the cap: no error, an answer near the cap, not earlier and not later', spec: SPEC, tags: ['timing', 'slow'] }, async () => {
  const run = await fixtures.startRun(built.actor.id, longRun());
  const response = await api.request({ path: `/v2/acts/${built.actor.id}/runs/${run.id}`, query: { waitForFinish: 999999 } });
  const read = expectBody<JobRecord>(response, 200, 'run-response');
  expectThat(!isTerminalStatus(read.status), 'a non-terminal status (the run outlives the cap)', read.status, response);
  const low = cap() * 900;
  const high = cap() * 1000 + capTolerance(cap());
  expectThat(response.durationMs >= low && response.durationMs <= high, `an answer after ${low / 1000}..${high / 1000} s (cap ${cap()} s)`, `${response.durationMs} ms`, response);
});
