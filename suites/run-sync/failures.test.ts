import { check } from '../../common/check.ts';
import { OUTWAITS_RUN_SYNC } from '../../common/outwaits.ts';
import { describeWindow, heldFor, outlivingSleepMs } from '../../common/timing.ts';
import { expectBody, expectError, expectThat } from '../support/expect.ts';
import { poll } from '../support/poll.ts';
import { sharedActor, useTarget } from '../support/target.ts';
import { RunSyncCall } from './call.ts';

// Run actor synchronously, when the run does not succeed (400 run-failed) or outlasts the server's cap (408).
const SPEC = 'spec/01-actors.apib#run-actor-synchronously';
const target = useTarget();
const { api, config } = target;
const actor = sharedActor(target);

check(
  { id: 'run-sync.failed-run-400', title: 'a run-sync run that does not succeed answers 400 run-failed', spec: SPEC, features: ['runs.sync'] },
  async ({ inconclusive }) => {
    const { id } = await actor();
    const request = { method: 'POST', path: `/v2/acts/${id}/run-sync`, query: { memory: 128 }, body: { exitCode: 1, writeOutput: false } } as const;
    expectError(await (await RunSyncCall.prepare(target, id, request)).withinCap(inconclusive), 400, 'run-failed');
  },
);

check(
  {
    id: 'run-sync.timed-out-run-400',
    title: 'a run-sync run that times out (its own timeout, within the cap) does not succeed either: 400 run-failed',
    spec: SPEC,
    features: ['runs.sync'],
  },
  async ({ inconclusive }) => {
    const { id } = await actor();
    // Sleeps far past its 1 s timeout: the run ends TIMED-OUT long before the cap.
    const request = {
      method: 'POST',
      path: `/v2/acts/${id}/run-sync`,
      query: { memory: 128, timeout: 1 },
      body: { sleepMillis: 60_000, writeOutput: false },
    } as const;
    expectError(await (await RunSyncCall.prepare(target, id, request)).withinCap(inconclusive), 400, 'run-failed');
  },
);

check(
  {
    id: 'run-sync.aborted-run-400',
    title: 'a run-sync run aborted while the call waits does not succeed either: 400 run-failed',
    spec: SPEC,
    features: ['runs.sync', 'abort'],
  },
  async ({ inconclusive }) => {
    const { id } = await actor();
    const request = { method: 'POST', path: `/v2/acts/${id}/run-sync`, query: { memory: 128 }, body: { sleepMillis: 60_000, writeOutput: false } } as const;
    const call = await RunSyncCall.prepare(target, id, request);
    const answer = call.withinCap(inconclusive);
    // Awaited below; an answer that ends the check early must not count as an unhandled rejection meanwhile.
    answer.catch(() => undefined);
    // Abort the call's run as soon as it shows in the actor's list.
    const runId = await poll(async () => (await call.runs())[0], 100, Date.now() + config.runSyncMaxWaitSecs * 1000);
    if (runId === undefined) {
      await answer;
      return inconclusive(
        `the run-sync run did not show in the actor's list within the ${config.runSyncMaxWaitSecs} s cap, so it could not be aborted in time`,
      );
    }
    const aborted = await api.request({ method: 'POST', path: `/v2/acts/${id}/runs/${runId}/abort` });
    expectBody(aborted, 200, 'run-response');
    expectError(await answer, 400, 'run-failed');
  },
);

check(
  {
    id: 'run-sync.timeout-408',
    title: 'a run-sync run that outlasts the cap answers 408 run-timeout-exceeded when the cap ends',
    spec: SPEC,
    features: ['runs.sync'],
    tags: ['timing', 'slow', OUTWAITS_RUN_SYNC],
  },
  async () => {
    const cap = config.runSyncMaxWaitSecs;
    const sleepMillis = outlivingSleepMs(cap, cap);
    // The run's own timeout is longer than its sleep: only the endpoint's cap may end the wait.
    const timeout = Math.ceil(sleepMillis / 1000) + 60;
    const { id } = await actor();
    const call = await RunSyncCall.prepare(target, id, {
      method: 'POST',
      path: `/v2/acts/${id}/run-sync`,
      query: { memory: 128, timeout },
      body: { sleepMillis, writeOutput: false },
    });
    const response = await api.request(call.request);
    try {
      expectError(response, 408, 'run-timeout-exceeded');
      expectThat(heldFor(response.durationMs, cap), `${describeWindow(cap)}, the cap`, `${Math.round(response.durationMs)} ms`, response);
    } finally {
      // The run outlives the answer: found, it is stopped by clean-up instead of sleeping on. Finding it judges nothing.
      await call.runs().catch(() => undefined);
    }
  },
);
