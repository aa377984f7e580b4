import type { JobRecord } from '../../common/fixtures/index.ts';
import type { ApiClient, ApiResponse } from '../../common/http.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { type JobKind, readJob } from '../support/jobs.ts';
import { poll } from '../support/poll.ts';

/** POST .../{runs|builds}/{id}/abort, answered 200 with the job. */
export async function abortJob(api: ApiClient, kind: JobKind, actorId: string, jobId: string, query?: { gracefully: 1 }) {
  const response = await api.request({ method: 'POST', path: `/v2/acts/${actorId}/${kind}/${jobId}/abort`, query });
  return { job: expectBody<JobRecord>(response, 200, kind === 'runs' ? 'run-response' : 'build-response'), response };
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

/**
 * Reads the job for `watchMs` (polling) and fails if it ever differs from `ended`: an abort of an ended job must change
 * nothing, neither in its answer nor later.
 */
export async function expectUnchanged(api: ApiClient, kind: JobKind, actorId: string, ended: JobRecord, watchMs: number): Promise<void> {
  await poll(
    async () => {
      const { job: now, response } = await readJob(api, kind, actorId, ended.id);
      expectSameJob(ended, now, 'read after the abort', response);
      return undefined;
    },
    200,
    Date.now() + watchMs,
  );
}
