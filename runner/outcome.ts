import type { Coverage } from './coverage.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import { type CheckResult, isFailing } from './results.ts';

export type Outcome = 'passed' | 'failed' | 'broken';

/**
 * The verdict: `broken` (exit 2) when the suite itself did not run properly, whatever the checks say, since it has no
 * verdict on the target; else `failed` (exit 1) when a check failed, a listed known failure passed, or a documented
 * response was not exercised; else `passed` (exit 0).
 */
export function decideOutcome(
  brokenReasons: string[],
  checks: CheckResult[],
  coverage: Pick<Coverage, 'unexercised'>,
): { outcome: Outcome; exitCode: ExitCode } {
  if (brokenReasons.length > 0) return { outcome: 'broken', exitCode: EXIT.broken };
  if (checks.some((c) => isFailing(c.status)) || coverage.unexercised.length > 0) return { outcome: 'failed', exitCode: EXIT.failed };
  return { outcome: 'passed', exitCode: EXIT.passed };
}
