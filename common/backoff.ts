/**
 * The exponential backoff the API reference prescribes for 429 (and official clients also apply to 5xx and network
 * errors): wait a random time between DELAY and 2*DELAY, double DELAY, try again; DELAY starts at 500 ms.
 */
export interface RetryPolicy {
  /** Total attempts including the first one (the 2019 client used 8: delays of up to ~128 s in all). */
  maxAttempts: number;
  /**
   * Total attempts when no response comes at all (refused, reset, timed out). Fewer than for 429: a target that is down
   * should fail fast, while a dropped connection still gets a second chance.
   */
  maxNetworkAttempts: number;
  /** DELAY of the first wait, in milliseconds. */
  initialDelayMs: number;
  /** Whether a response status is retried. */
  retryStatus(status: number): boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  maxNetworkAttempts: 3,
  initialDelayMs: 500,
  retryStatus: (status) => status === 429 || status >= 500,
};

/** The wait before retry number `retryIndex` (0 for the first retry): uniform in [DELAY, 2*DELAY), DELAY = initial * 2^index. */
export function backoffDelayMs(policy: RetryPolicy, retryIndex: number, random: () => number = Math.random): number {
  const delay = policy.initialDelayMs * 2 ** retryIndex;
  return Math.round(delay + random() * delay);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
