/** Exit statuses of `npm run conformance`. */
export const EXIT = {
  /** Every check passed or failed as the target's profile expects. */
  passed: 0,
  /** The target failed a check, a listed known failure passed, or a documented response was not exercised. */
  failed: 1,
  /** The suite itself broke: bad configuration, unreachable target, hooks or suites that did not run. */
  broken: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
