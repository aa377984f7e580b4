import type { Coverage } from './coverage.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import { type CheckResult, isFailing } from './results.ts';

export type Outcome = 'passed' | 'failed' | 'broken';

/**
 * The verdict: `broken` (exit 2) when the suite itself did not run properly, whatever the checks say, since it has no
 * verdict on the target; else `failed` (exit 1) when a check failed or was inconclusive, a listed known failure passed,
 * a documented response was not exercised, or (with failOnSkip) a check did not run; else `passed` (exit 0).
 */
export function decideOutcome(
  brokenReasons: string[],
  checks: CheckResult[],
  coverage: Pick<Coverage, 'unexercised'>,
  options: { failOnSkip?: boolean } = {},
): { outcome: Outcome; exitCode: ExitCode } {
  if (brokenReasons.length > 0) return { outcome: 'broken', exitCode: EXIT.broken };
  const failing = (c: CheckResult) => isFailing(c.status) || (options.failOnSkip === true && c.status === 'skipped');
  if (checks.some(failing) || coverage.unexercised.length > 0) return { outcome: 'failed', exitCode: EXIT.failed };
  return { outcome: 'passed', exitCode: EXIT.passed };
}
