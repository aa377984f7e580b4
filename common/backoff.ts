/**
 * The exponential backoff the API reference prescribes for 429 (spec/00-overview.apib#rate-limits): wait a random time
 * between DELAY and 2*DELAY, double DELAY, try again; DELAY starts at 500 ms.
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

/**
 * What a check (and its set-up) resends: a 429 only. A 5xx or a lost connection is the target's answer and fails the
 * check; resending it would hide the failure, and a resent POST can start a second, paid run.
 */
export const CHECK_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  maxNetworkAttempts: 1,
  initialDelayMs: 500,
  retryStatus: (status) => status === 429,
};

/** Clean-up and sweeps must remove what a run made despite a target's hiccups: they also resend after 5xx and lost connections. */
export const CLEANUP_RETRY_POLICY: RetryPolicy = {
  ...CHECK_RETRY_POLICY,
  maxNetworkAttempts: 3,
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
