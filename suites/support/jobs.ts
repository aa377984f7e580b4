import type { JobRecord } from '../../common/fixtures/index.ts';
import type { ApiClient, ApiResponse } from '../../common/http.ts';
import { expectBody, expectThat } from './expect.ts';
import type { SuiteTarget } from './target.ts';

export type JobKind = 'runs' | 'builds';

/** Get run or Get build, validated; the response comes along so a failure can name the request. */
export async function readJob(
  api: ApiClient,
  kind: JobKind,
  actorId: string,
  jobId: string,
  waitForFinish?: number,
): Promise<{ job: JobRecord; response: ApiResponse }> {
  const response = await api.request({ path: `/v2/acts/${actorId}/${kind}/${jobId}`, query: { waitForFinish } });
  return { job: expectBody<JobRecord>(response, 200, kind === 'runs' ? 'run-response' : 'build-response'), response };
}

/** Waits until the run has ended (see the fixtures), then reads it as it ended. */
export async function endedRun(target: SuiteTarget, actorId: string, runId: string): Promise<{ job: JobRecord; response: ApiResponse }> {
  await target.fixtures.waitForRun(actorId, runId);
  return readJob(target.api, 'runs', actorId, runId);
}

/** Members a platform may still update on an ended job (its usage accounting); every other member must stay as it was. */
const VOLATILE_MEMBERS = new Set(['stats', 'usage', 'usageTotalUsd', 'usageUsd']);

/** Fails unless `now` is `ended` member for member, volatile members aside; `when` says which answer `now` is. */
export function expectSameJob(ended: JobRecord, now: JobRecord, when: string, response: ApiResponse): void {
  const before = ended as unknown as Record<string, unknown>;
  const after = now as unknown as Record<string, unknown>;
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => !VOLATILE_MEMBERS.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  expectThat(
    changed.length === 0,
    `${when}: the job as it was before the abort (${ended.status}, finishedAt ${ended.finishedAt}; usage counters aside)`,
    changed.map((key) => `${key} ${JSON.stringify(before[key])} -> ${JSON.stringify(after[key])}`).join('; '),
    response,
  );
}
