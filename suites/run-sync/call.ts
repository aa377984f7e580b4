import { randomInt, randomUUID } from 'node:crypto';
import type { JobRecord } from '../../common/fixtures/index.ts';
import type { ApiRequest, ApiResponse } from '../../common/http.ts';
import { earlySlackMs, serverMillis } from '../../common/timing.ts';
import { describeResponse, expectBody, expectThat } from '../support/expect.ts';
import { endedRun } from '../support/jobs.ts';
import type { SuiteTarget } from '../support/target.ts';

/**
 * One run-sync call to the run's shared actor. A run-sync answer names no run, and other files (and Dredd) run the same
 * actor meanwhile, so a call's run is found by what it was given. A POST's input carries a mark of its own (a `mark`
 * member, which the fixture actor ignores), found in the INPUT record of the runs started since the call. A GET sends
 * no input: it asks for a run timeout of its own, long enough never to matter, found in the run's options.
 */
export class RunSyncCall {
  /** Runs known not to be this call's. */
  private readonly foreign = new Set<string>();

  private constructor(
    private readonly target: SuiteTarget,
    readonly actorId: string,
    readonly request: ApiRequest,
    /** The actor's newest run before the call: the call's run comes after it. */
    private readonly before: string | undefined,
    private readonly mark: { input: string } | { timeoutSecs: number },
  ) {}

  /** Marks the request and notes where the actor's run list stood; nothing is sent yet. */
  static async prepare(target: SuiteTarget, actorId: string, request: ApiRequest): Promise<RunSyncCall> {
    const before = (await newestRuns(target, actorId, 1))[0]?.id;
    if (request.body === undefined) {
      const timeoutSecs = 7200 + randomInt(3600);
      return new RunSyncCall(target, actorId, { ...request, query: { ...request.query, timeout: timeoutSecs } }, before, { timeoutSecs });
    }
    const input = randomUUID();
    return new RunSyncCall(target, actorId, { ...request, body: { ...(request.body as Record<string, unknown>), mark: input } }, before, { input });
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
      `no run started since ${this.before ?? 'the start'} with this call's mark`,
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

  /** The ids of the runs this call started, as the actor's run list and the runs' records show; clean-up stops them. */
  async runs(): Promise<string[]> {
    const found: string[] = [];
    for (const run of await newestRuns(this.target, this.actorId, 1000)) {
      if (run.id === this.before) break;
      if (this.foreign.has(run.id)) continue;
      const mine = await this.started(run);
      if (mine) {
        this.target.fixtures.registry.trackRun(this.actorId, run.id);
        found.push(run.id);
      } else if (mine === false) {
        this.foreign.add(run.id);
      }
    }
    return found;
  }

  /** Whether this call started the run; undefined while its INPUT record is not there yet. */
  private async started(run: ListedRun): Promise<boolean | undefined> {
    const { api } = this.target;
    const record = await api.request({ path: `/v2/key-value-stores/${run.defaultKeyValueStoreId}/records/INPUT` });
    if ('input' in this.mark) {
      if (record.status !== 200) return undefined;
      return markOf(record.text) === this.mark.input;
    }
    if (record.status === 200) return false;
    const read = await api.request({ path: `/v2/acts/${this.actorId}/runs/${run.id}` });
    const options = expectBody<JobRecord>(read, 200, 'run-response').options as { timeoutSecs?: unknown } | undefined;
    return options?.timeoutSecs === this.mark.timeoutSecs;
  }
}

/** A list item of Get list of runs: what finding a call's run reads. */
interface ListedRun {
  id: string;
  defaultKeyValueStoreId: string;
}

/** The `mark` of an INPUT record, whatever content type the target stored it with. */
function markOf(text: string): unknown {
  try {
    return (JSON.parse(text) as { mark?: unknown } | null)?.mark;
  } catch {
    return undefined;
  }
}

async function newestRuns(target: SuiteTarget, actorId: string, limit: number): Promise<ListedRun[]> {
  const list = await target.api.request({ path: `/v2/acts/${actorId}/runs`, query: { desc: 1, limit } });
  return expectBody<{ items: ListedRun[] }>(list, 200, 'run-list-response').items;
}
