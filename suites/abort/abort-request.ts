import type { JobRecord } from '../../common/fixtures/index.ts';
import type { ApiClient } from '../../common/http.ts';
import { expectBody } from '../support/expect.ts';
import { expectSameJob, type JobKind, readJob } from '../support/jobs.ts';
import { poll } from '../support/poll.ts';

/** POST .../{runs|builds}/{id}/abort, answered 200 with the job. */
export async function abortJob(api: ApiClient, kind: JobKind, actorId: string, jobId: string, query?: { gracefully: 1 }) {
  const response = await api.request({ method: 'POST', path: `/v2/acts/${actorId}/${kind}/${jobId}/abort`, query });
  return { job: expectBody<JobRecord>(response, 200, kind === 'runs' ? 'run-response' : 'build-response'), response };
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
