import type { ConformanceConfig } from './config.ts';

// A run-sync call answers 408 only once the server's cap has passed: seconds on a test server, 300 s on the platform,
// where a night would spend minutes producing an answer whose rule the shorter checks already pin down. The checks and
// documented responses that must outwait that cap carry the tag OUTWAITS_RUN_SYNC (plus `slow`), and run only when asked
// for (CONFORMANCE_SLOW=1) or when the cap is short. A profile that leaves them off declares them `uncovered`.

export const OUTWAITS_RUN_SYNC = 'outwaits-run-sync';

/** Checks that outwait the run-sync cap run by default only while that cap is at most this long, in seconds. */
export const SHORT_RUN_SYNC_CAP_SECS = 10;

/** Why a check with these tags does not run on this target, or undefined when it does. */
export function outwaitSkipReason(tags: readonly string[], config: Pick<ConformanceConfig, 'slow' | 'runSyncMaxWaitSecs'>): string | undefined {
  if (!tags.includes(OUTWAITS_RUN_SYNC) || config.slow || config.runSyncMaxWaitSecs <= SHORT_RUN_SYNC_CAP_SECS) return undefined;
  return `outwaits the ${config.runSyncMaxWaitSecs} s run-sync cap to see its 408: CONFORMANCE_SLOW=1 (--slow) runs it`;
}
