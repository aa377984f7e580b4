import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { JobRecord } from '../../common/fixtures/index.ts';
import type { ApiRequest, ApiResponse } from '../../common/http.ts';
import { earlySlackMs, serverMillis } from '../../common/timing.ts';
import { describeResponse, expectBody, expectThat } from '../support/expect.ts';
import { endedRun } from '../support/jobs.ts';
import type { SuiteTarget } from '../support/target.ts';

/**
 * One run-sync call to the run's shared actor. A run-sync answer names no run, and other files run the same actor
 * meanwhile, so a call's run is found by what it was given: a POST's input carries a mark of its own (a `mark` member,
 * which the fixture actor ignores), and the runs started since the call are matched by their INPUT record. A GET sends
 * no input, so its run is one of those with no INPUT record.
 */
export class RunSyncCall {
  private readonly foreign = new Set<string>();

  private constructor(
    private readonly target: SuiteTarget,
    readonly actorId: string,
    readonly request: ApiRequest,
    /** The actor's newest run before the call: the call's run comes after it. */
    private readonly before: string | undefined,
  ) {}

  /** Marks the request's input and notes where the actor's run list stood; nothing is sent yet. */
  static async prepare(target: SuiteTarget, actorId: string, request: ApiRequest): Promise<RunSyncCall> {
    const input = request.body === undefined ? undefined : { ...(request.body as Record<string, unknown>), mark: randomUUID() };
    return new RunSyncCall(target, actorId, { ...request, body: input }, (await newestRuns(target, actorId, 1))[0]?.id);
  }

  /**
   * Sends the call once, for a run meant to end well within the cap (a run start is never sent twice: on the live API that
   * is a second, paid run). A 408 run-timeout-exceeded is still the server's right when the run really outlived the cap
   * (a loaded machine can be slow to start its process): the run is looked up and, if it did, the check is
   * inconclusive. A 408 for a run that ended within the cap fails the check.
   */
  async withinCap(inconclusive: (reason: string) => never): Promise<ApiResponse> {
    const { config } = this.target;
    const capMs = config.runSyncMaxWaitSecs * 1000;
    const response = await this.target.api.request(this.request);
    if (response.status !== 408) return response;
    const runIds = await this.runs();
    expectThat(
      runIds.length > 0,
      "the run that answered 408 in the actor's list of runs",
      `no run started since ${this.before ?? 'the start'} with this call's input`,
    );
    const ended = await Promise.all(runIds.map((runId) => endedRun(this.target, this.actorId, runId)));
    const outlived = ended.find(({ job }) => serverMillis(job.startedAt, job.finishedAt) >= capMs - earlySlackMs(config.runSyncMaxWaitSecs));
    expectThat(
      outlived !== undefined,
      `408 run-timeout-exceeded only for a run that outlived the ${config.runSyncMaxWaitSecs} s cap`,
      `a 408 though ${ended.map(({ job }) => `run ${job.id} ran ${serverMillis(job.startedAt, job.finishedAt)} ms (${job.status})`).join(', ')} by its own startedAt/finishedAt\n  first ${describeResponse(response)}`,
      ended[0]!.response,
    );
    return inconclusive(`the run outlived the ${config.runSyncMaxWaitSecs} s cap (the target started it too slowly to show the rule)`);
  }

  /** The ids of the runs this call started, as the actor's run list and their INPUT records show; clean-up stops them. */
  async runs(): Promise<string[]> {
    const found: string[] = [];
    for (const run of await newestRuns(this.target, this.actorId, 1000)) {
      if (run.id === this.before) break;
      if (this.foreign.has(run.id)) continue;
      if (await this.gave(run.id)) {
        this.target.fixtures.registry.trackRun(this.actorId, run.id);
        found.push(run.id);
      } else {
        this.foreign.add(run.id);
      }
    }
    return found;
  }

  /** Whether the run's INPUT record is this call's input (absent for a call without one). */
  private async gave(runId: string): Promise<boolean> {
    const { api } = this.target;
    const read = await api.request({ path: `/v2/acts/${this.actorId}/runs/${runId}` });
    const run = expectBody<JobRecord>(read, 200, 'run-response');
    const record = await api.request({ path: `/v2/key-value-stores/${run.defaultKeyValueStoreId}/records/INPUT` });
    if (this.request.body === undefined) return record.status === 404;
    return record.status === 200 && isDeepStrictEqual(record.body, this.request.body);
  }
}

async function newestRuns(target: SuiteTarget, actorId: string, limit: number): Promise<Array<{ id: string }>> {
  const list = await target.api.request({ path: `/v2/acts/${actorId}/runs`, query: { desc: 1, limit } });
  return expectBody<{ items: Array<{ id: string }> }>(list, 200, 'run-list-response').items;
}
