import { ApiNetworkError } from '../common/http.ts';
import { isTerminalStatus } from '../common/job-status.ts';
import type { WaitCapFact } from './facts.ts';
import type { ProbeClient } from './probe-client.ts';

/** The wait asked for: far above any cap, as the official clients ask when they mean "until it ends". */
export const WAIT_ASKED_SECS = 999_999;

/**
 * Holds Get run with a wait far above any cap and times the answer. A run that is still going when the answer comes
 * shows the cap itself; one that ended first shows only that the cap is at least that long. Reading a run costs nothing.
 */
export async function waitOnRun(
  probe: ProbeClient,
  run: { actorId: string; runId: string },
  source: NonNullable<WaitCapFact['source']>,
  timeoutSecs: number,
): Promise<WaitCapFact> {
  const started = performance.now();
  const params = { actorId: run.actorId, id: run.runId };
  try {
    const response = await probe.request('/v2/acts/{actorId}/runs/{id}', params, { query: { waitForFinish: WAIT_ASKED_SECS }, timeoutMs: timeoutSecs * 1000 });
    const request = probe.describe(response);
    const heldMs = Math.round(response.durationMs);
    const status = (response.body as { data?: { status?: unknown } } | undefined)?.data?.status;
    if (response.status !== 200 || typeof status !== 'string') {
      return { measured: false, source, request, note: `the wait answered HTTP ${response.status} without a run's status` };
    }
    if (isTerminalStatus(status)) {
      const note = `the run ended (${status}) ${(heldMs / 1000).toFixed(1)} s into the wait, before any cap: the cap is at least that long`;
      return { measured: false, source, request, heldMs, statusAfter: status, note };
    }
    const note = `the answer came after ${(heldMs / 1000).toFixed(1)} s with the run still ${status}: the wait ended at the cap`;
    return { measured: true, source, request, heldMs, statusAfter: status, capSecs: Math.round(heldMs / 1000), note };
  } catch (error) {
    if (!(error instanceof ApiNetworkError)) throw error;
    const heldMs = Math.round(performance.now() - started);
    const note = `no answer within ${timeoutSecs} s (${error.message}): the cap is longer than that, or waits are not capped`;
    return { measured: false, source, request: `GET ${new URL(error.request.url).pathname}`, heldMs, note };
  }
}
