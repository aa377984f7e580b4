// The memory quota (EMULATOR_MEMORY_QUOTA_MBYTES; the platform's "maximum combined memory of all running jobs"): every
// unfinished run and build holds its memory, counted per user, and a start that would go over the quota is refused.
import { actorMemoryLimitExceeded } from '../errors.ts';
import type { EmulatorState } from '../state/store.ts';
import { isTerminal } from './status-machine.ts';

/** Throws 402 actor-memory-limit-exceeded when `askedMbytes` more would take the user's jobs over the quota (0: none). */
export function checkMemoryQuota(state: EmulatorState, userId: string, askedMbytes: number, quotaMbytes: number): void {
  if (quotaMbytes === 0) return;
  const inUse = memoryInUse(state, userId);
  if (inUse + askedMbytes > quotaMbytes) throw actorMemoryLimitExceeded(quotaMbytes, inUse, askedMbytes);
}

/** What the user's unfinished runs and builds hold (ABORTING and TIMING-OUT jobs still hold theirs). */
function memoryInUse(state: EmulatorState, userId: string): number {
  let total = 0;
  for (const jobs of [state.builds.values(), state.runs.values()]) {
    for (const job of jobs) {
      if (job.userId === userId && !isTerminal(job.status)) total += job.options.memoryMbytes;
    }
  }
  return total;
}
