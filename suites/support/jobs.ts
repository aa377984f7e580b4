import type { JobRecord } from '../../common/fixtures/index.ts';
import type { ApiClient, ApiResponse } from '../../common/http.ts';
import { expectBody } from './expect.ts';
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
