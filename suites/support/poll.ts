import { sleep } from '../../common/backoff.ts';

/**
 * Calls `probe` every `intervalMs` until it returns something other than undefined (which `poll` then returns) or
 * `deadline` (epoch ms) passes (then undefined). Probes may throw to fail the check at once.
 */
export async function poll<T>(probe: () => Promise<T | undefined>, intervalMs: number, deadline: number): Promise<T | undefined> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    const left = deadline - Date.now();
    if (left <= 0) return undefined;
    await sleep(Math.min(intervalMs, left));
  }
}
