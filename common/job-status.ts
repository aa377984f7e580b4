import type { JobStatus } from './api-types.ts';

export type { JobStatus } from './api-types.ts';

/** Statuses shared by runs and builds, in lifecycle order (the platform's ACTOR_JOB_STATUSES). */
export const JOB_STATUSES: readonly JobStatus[] = ['READY', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMING-OUT', 'TIMED-OUT', 'ABORTING', 'ABORTED'];

/** A job in one of these statuses never changes again (except by resurrect). */
export const TERMINAL_STATUSES: readonly JobStatus[] = ['SUCCEEDED', 'FAILED', 'TIMED-OUT', 'ABORTED'];

export function isTerminalStatus(status: unknown): boolean {
  return typeof status === 'string' && (TERMINAL_STATUSES as readonly string[]).includes(status);
}
