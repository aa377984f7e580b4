import { check } from '../../common/check.ts';
import { OUTWAITS_RUN_SYNC } from '../../common/outwaits.ts';
import { describeWindow, heldFor, outlivingSleepMs } from '../../common/timing.ts';
import { expectBody, expectError, expectThat } from '../support/expect.ts';
import { poll } from '../support/poll.ts';
import { builtActor, useTarget } from '../support/target.ts';
import { runSyncWithinCap } from './call.ts';

// Run actor synchronously, when the run does not succeed (400 run-failed) or outlasts the server's cap (408).
const SPEC = 'spec/01-actors.apib#run-actor-synchronously';
const target = useTarget();
const { api, config, fixtures } = target;
const actor = builtActor(target, 'run-sync-fail');

check(
  { id: 'run-sync.failed-run-400', title: 'a run-sync run that does not succeed answers 400 run-failed', spec: SPEC, features: ['runs.sync'] },
  async ({ inconclusive }) => {
    const { id } = await actor();
    const response = await runSyncWithinCap(
      target,
      id,
      { method: 'POST', path: `/v2/acts/${id}/run-sync`, query: { memory: 128 }, body: { exitCode: 1, writeOutput: false } },
      inconclusive,
    );
    expectError(response, 400, 'run-failed');
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
    expectError(await runSyncWithinCap(target, id, request, inconclusive), 400, 'run-failed');
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
    const newestRun = async () => {
      const list = await api.request({ path: `/v2/acts/${id}/runs`, query: { desc: 1, limit: 1 } });
      return expectBody<{ items: Array<{ id: string }> }>(list, 200, 'run-list-response').items[0]?.id;
    };
    const before = await newestRun();
    const call = runSyncWithinCap(target, id, request, inconclusive);
    // Awaited below; an answer that ends the check early must not count as an unhandled rejection meanwhile.
    call.catch(() => undefined);
    // The call's run is the actor's next one (a file's checks run one at a time): abort it as soon as it shows.
    const runId = await poll(
      async () => {
        const newest = await newestRun();
        return newest !== before ? newest : undefined;
      },
      100,
      Date.now() + config.runSyncMaxWaitSecs * 1000,
    );
    if (runId === undefined) {
      await call;
      return inconclusive(
        `the run-sync run did not show in the actor's list within the ${config.runSyncMaxWaitSecs} s cap, so it could not be aborted in time`,
      );
    }
    fixtures.registry.trackRun(id, runId);
    const aborted = await api.request({ method: 'POST', path: `/v2/acts/${id}/runs/${runId}/abort` });
    expectBody(aborted, 200, 'run-response');
    expectError(await call, 400, 'run-failed');
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
    const response = await api.request({
      method: 'POST',
      path: `/v2/acts/${(await actor()).id}/run-sync`,
      query: { memory: 128, timeout },
      body: { sleepMillis, writeOutput: false },
    });
    expectError(response, 408, 'run-timeout-exceeded');
    expectThat(heldFor(response.durationMs, cap), `${describeWindow(cap)}, the cap`, `${Math.round(response.durationMs)} ms`, response);
  },
);
