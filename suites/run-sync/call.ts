import type { ApiRequest, ApiResponse } from '../../common/http.ts';
import { earlySlackMs, serverMillis } from '../../common/timing.ts';
import { describeResponse, expectBody, expectThat } from '../support/expect.ts';
import { endedRun } from '../support/jobs.ts';
import type { SuiteTarget } from '../support/target.ts';

/**
 * Calls run-sync once for a run meant to end well within the cap (a run start is never sent twice: on the live API that
 * is a second, paid run). A 408 run-timeout-exceeded is still the server's right when the run really outlived the cap
 * (a loaded machine can be slow to start its process): the run is looked up and, if it did, the check is
 * inconclusive. A 408 for a run that ended within the cap fails the check.
 */
export async function runSyncWithinCap(
  target: SuiteTarget,
  actorId: string,
  request: ApiRequest,
  inconclusive: (reason: string) => never,
): Promise<ApiResponse> {
  const capMs = target.config.runSyncMaxWaitSecs * 1000;
  const response = await target.api.request(request);
  if (response.status !== 408) return response;
  // The 408 names no run: it is the actor's newest (a file's checks run one at a time).
  const list = await target.api.request({ path: `/v2/acts/${actorId}/runs`, query: { desc: 1, limit: 1 } });
  const newest = expectBody<{ items: Array<{ id: string }> }>(list, 200, 'run-list-response').items[0];
  expectThat(newest !== undefined, "the run that answered 408 in the actor's list of runs", 'an empty list', list);
  target.fixtures.registry.trackRun(actorId, newest.id);
  const { job: run, response: read } = await endedRun(target, actorId, newest.id);
  const ranMs = serverMillis(run.startedAt, run.finishedAt);
  expectThat(
    ranMs >= capMs - earlySlackMs(target.config.runSyncMaxWaitSecs),
    `408 run-timeout-exceeded only for a run that outlived the ${target.config.runSyncMaxWaitSecs} s cap`,
    `a 408 though run ${run.id} ran ${ranMs} ms by its own startedAt/finishedAt (${run.status})\n  first ${describeResponse(response)}`,
    read,
  );
  return inconclusive(`the run outlived the ${target.config.runSyncMaxWaitSecs} s cap (the target started it too slowly to show the rule)`);
}
