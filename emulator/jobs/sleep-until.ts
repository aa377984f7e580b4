// Waiting for a moment of the wall clock without keeping the process alive for it.
import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves at `time` (ms since the epoch) or later: a timer may fire a fraction of a millisecond early by the wall clock. */
export async function sleepUntil(time: number): Promise<void> {
  while (Date.now() < time) await sleep(time - Date.now(), undefined, { ref: false });
}
