import { sleep } from '../../common/backoff.ts';
import type { JobRecord } from '../../common/fixtures/index.ts';
import type { ApiClient, ApiResponse } from '../../common/http.ts';
import { isTerminalStatus } from '../../common/job-status.ts';
import { expectBody, expectThat } from '../support/expect.ts';

/** The documented transitions (READY -> RUNNING -> SUCCEEDED | FAILED | TIMING-OUT -> TIMED-OUT | ABORTING -> ABORTED). */
const NEXT: Record<string, string[]> = {
  READY: ['RUNNING', 'ABORTING', 'ABORTED'],
  RUNNING: ['SUCCEEDED', 'FAILED', 'TIMING-OUT', 'ABORTING', 'ABORTED'],
  'TIMING-OUT': ['TIMED-OUT'],
  ABORTING: ['ABORTED'],
};

/** Whether `to` can follow `from`, possibly through statuses a poll did not see. */
export function canFollow(from: string, to: string): boolean {
  const seen = new Set<string>();
  const queue = [...(NEXT[from] ?? [])];
  while (queue.length > 0) {
    const status = queue.shift()!;
    if (status === to) return true;
    if (!seen.has(status)) queue.push(...(NEXT[status] ?? []));
    seen.add(status);
  }
  return false;
}

export interface Sample {
  run: JobRecord;
  previous: JobRecord | undefined;
  response: ApiResponse;
}

/**
 * Polls Get run until the run is terminal and then for `afterEndMs` more, handing every sample (with the one before)
 * to `inspect`, which throws to fail the check. Resolves to the first terminal sample.
 */
export async function observeRun(
  api: ApiClient,
  actorId: string,
  runId: string,
  inspect: (sample: Sample) => void,
  options: { timeoutMs: number; afterEndMs: number },
): Promise<Sample> {
  const giveUpAt = Date.now() + options.timeoutMs;
  let previous: JobRecord | undefined;
  let ended: Sample | undefined;
  let stopAt = Number.POSITIVE_INFINITY;
  for (;;) {
    const response = await api.request({ path: `/v2/acts/${actorId}/runs/${runId}` });
    const run = expectBody<JobRecord>(response, 200, 'run-response');
    const sample = { run, previous, response };
    inspect(sample);
    previous = run;
    if (ended === undefined && isTerminalStatus(run.status)) {
      ended = sample;
      stopAt = Date.now() + options.afterEndMs;
    }
    if (ended !== undefined && Date.now() >= stopAt) return ended;
    expectThat(ended !== undefined || Date.now() < giveUpAt, `run ${runId} to end within ${options.timeoutMs} ms`, `still ${run.status}`, response);
    await sleep(100);
  }
}
