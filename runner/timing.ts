import { pathnameOf, queryOf, type RecordedExchange } from './exchanges/exchange.ts';

/** One request where the server may hold the answer: a `waitForFinish` or a synchronous run, sent by a check or a Dredd transaction. */
export interface WaitObservation {
  checkId: string;
  request: string;
  /** The `waitForFinish` asked for; undefined for run-sync, which always waits up to the cap. */
  requestedSecs: number | undefined;
  observedSecs: number;
  status: number | undefined;
  /** The job's status in the answer, when the answer is a job. */
  jobStatus: string | undefined;
}

/** The waits the checks asked for and how long the target actually held each request (fixture set-up excluded). */
export function waitObservations(exchanges: RecordedExchange[]): WaitObservation[] {
  const observations: WaitObservation[] = [];
  for (const exchange of exchanges) {
    // A Dredd exchange's checkId is its transaction; a suite's set-up and clean-up have none.
    if (!exchange.checkId) continue;
    const waitParam = queryOf(exchange).get('waitForFinish');
    const requested = waitParam !== null && /^\d+$/.test(waitParam) ? Number(waitParam) : undefined;
    const isRunSync = /\/run-sync(-get-dataset-items)?\/?$/.test(pathnameOf(exchange));
    if (!isRunSync && !(requested !== undefined && requested > 0)) continue;
    observations.push({
      checkId: exchange.checkId,
      request: `${exchange.method} ${pathnameOf(exchange)}${requested === undefined ? '' : `?waitForFinish=${requested}`}`,
      requestedSecs: isRunSync ? undefined : requested,
      observedSecs: Math.round(exchange.durationMs) / 1000,
      status: exchange.status,
      jobStatus: jobStatusOf(exchange),
    });
  }
  return observations;
}

function jobStatusOf(exchange: RecordedExchange): string | undefined {
  try {
    const body = JSON.parse(exchange.responseBody ?? '') as { data?: { status?: unknown } };
    return typeof body.data?.status === 'string' ? body.data.status : undefined;
  } catch {
    return undefined;
  }
}
