// waitForFinish: hold a request until its job is terminal or the wait ends, whichever comes first. Event-driven: the
// job manager calls `notify` when a job becomes terminal; nothing polls.

import { setTimeout as sleep } from 'node:timers/promises';
import { invalidParameter } from '../errors.ts';
import type { Faults } from '../faults/faults.ts';
import type { JobStatus } from '../state/types.ts';
import { isTerminal } from './status-machine.ts';

export class JobWaiters {
  private readonly waiting = new Map<string, Set<() => void>>();

  constructor(readonly faults: Faults) {}

  /** Resolves when `notify(jobId)` is called or after `ms`. */
  wait(jobId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      let waiters = this.waiting.get(jobId);
      if (waiters === undefined) {
        waiters = new Set();
        this.waiting.set(jobId, waiters);
      }
      const waitersOfJob = waiters;
      const finish = () => {
        clearTimeout(timer);
        waitersOfJob.delete(finish);
        if (waitersOfJob.size === 0 && this.waiting.get(jobId) === waitersOfJob) this.waiting.delete(jobId);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      waitersOfJob.add(finish);
    });
  }

  notify(jobId: string): void {
    const waiters = this.waiting.get(jobId);
    if (waiters === undefined) return;
    for (const finish of [...waiters]) finish();
  }

  /** Answers every held request now (the emulator is closing). */
  releaseAll(): void {
    for (const jobId of [...this.waiting.keys()]) this.notify(jobId);
  }

  get pending(): number {
    let count = 0;
    for (const waiters of this.waiting.values()) count += waiters.size;
    return count;
  }
}

/** Seconds to hold a request: the requested wait clamped to the cap; 0 when absent. Large values are never refused. */
export function effectiveWaitSecs(requestedSecs: number | undefined, capSecs: number): number {
  return Math.max(0, Math.min(requestedSecs ?? 0, capSecs));
}

/** Holds the request for the job's wait and gives the job to answer with: as it stands when the wait ends. */
export async function waitForFinish<Job extends { id: string; status: JobStatus }>(
  waiters: JobWaiters,
  job: Job,
  requestedSecs: number | undefined,
  capSecs: number,
): Promise<Job> {
  // Fault wait-for-finish-default-is-cap: without waitForFinish the answer is held for the whole cap, ended or not.
  if (waiters.faults.has('wait-for-finish-default-is-cap') && requestedSecs === undefined) {
    await sleep(capSecs * 1000);
    return job;
  }
  const secs = faultyWaitSecs(waiters.faults, requestedSecs, capSecs) ?? effectiveWaitSecs(requestedSecs, capSecs);
  if (secs === 0 || isTerminal(job.status)) return job;
  // Fault wait-for-finish-stale-snapshot: the job is read before the wait, the wait is slept through whole, and the
  // answer is what was read.
  if (waiters.faults.has('wait-for-finish-stale-snapshot')) {
    const snapshot = structuredClone(job);
    await sleep(secs * 1000);
    return snapshot;
  }
  await waiters.wait(job.id, secs * 1000);
  return job;
}

// Wrong ways to wait, from the fault catalogue (emulator/faults/catalogue.ts); undefined when none is on.
function faultyWaitSecs(faults: Faults, requestedSecs: number | undefined, capSecs: number): number | undefined {
  if (faults.has('wait-for-finish-ignored')) return 0;
  if (faults.has('wait-for-finish-cap-not-applied')) return requestedSecs ?? 0;
  // The wait is counted in the wrong unit somewhere on the way: half of it is served.
  if (faults.has('wait-for-finish-returns-early')) return effectiveWaitSecs(requestedSecs, capSecs) / 2;
  if (faults.has('wait-for-finish-short-wait-held-late')) {
    const secs = effectiveWaitSecs(requestedSecs, capSecs);
    return secs > 0 && secs < capSecs ? secs + Math.max(0, capSecs / 10 - 0.5) : secs;
  }
  if (faults.has('wait-for-finish-above-cap-rejected') && (requestedSecs ?? 0) > capSecs) {
    throw invalidParameter(`waitForFinish must not exceed ${capSecs}`);
  }
  return undefined;
}
