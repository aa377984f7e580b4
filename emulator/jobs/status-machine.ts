// The status machine shared by builds and runs: READY -> RUNNING -> SUCCEEDED | FAILED | TIMING-OUT -> TIMED-OUT |
// ABORTING -> ABORTED. Statuses only move forward; finishedAt is set exactly when a job becomes terminal. The one way
// back is resurrect, which reopens a terminal run.
import type { JobStatus } from '../state/types.ts';

const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['SUCCEEDED', 'FAILED', 'TIMED-OUT', 'ABORTED']);

const NEXT_STATUSES: Record<JobStatus, readonly JobStatus[]> = {
  READY: ['RUNNING', 'ABORTING', 'FAILED'],
  RUNNING: ['SUCCEEDED', 'FAILED', 'TIMING-OUT', 'ABORTING'],
  'TIMING-OUT': ['TIMED-OUT', 'ABORTING'],
  ABORTING: ['ABORTED'],
  SUCCEEDED: [],
  FAILED: [],
  'TIMED-OUT': [],
  ABORTED: [],
};

/** The statuses an abort request acts on; aborting any other job changes nothing. */
export const ABORTABLE_STATUSES: ReadonlySet<JobStatus> = new Set(['READY', 'RUNNING', 'TIMING-OUT']);

export interface LifecycleJob {
  status: JobStatus;
  startedAt: string;
  finishedAt: string | null;
  stats: { durationMillis: number; runTimeSecs: number };
}

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

export class IllegalTransitionError extends Error {
  constructor(from: JobStatus, to: JobStatus) {
    super(`Illegal job status transition ${from} -> ${to}`);
  }
}

/** Moves `job` to `to`; when that is terminal, stamps finishedAt and the duration. */
export function transition(job: LifecycleJob, to: JobStatus, now: Date): void {
  if (!canTransition(job.status, to)) throw new IllegalTransitionError(job.status, to);
  job.status = to;
  if (isTerminal(to)) {
    job.finishedAt = now.toISOString();
    job.stats.durationMillis = Math.max(0, now.getTime() - Date.parse(job.startedAt));
    job.stats.runTimeSecs = job.stats.durationMillis / 1000;
  }
}

/** Resurrect: a terminal job runs again, in place. */
export function reopen(job: LifecycleJob): void {
  if (!isTerminal(job.status)) throw new IllegalTransitionError(job.status, 'RUNNING');
  job.status = 'RUNNING';
  job.finishedAt = null;
}
