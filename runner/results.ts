import { missingFeatures, notSupportedReason } from '../common/features.ts';

/**
 * One list of results for both layers of the gate. Dredd transactions and Vitest checks become `CheckResult`s; the
 * target profile's expectations then turn known failures into `expected-failure` and stale entries into `unexpected-pass`.
 */

/**
 * `inconclusive`: the target kept the check from reaching its verdict (e.g. every job ended before the abort arrived);
 * it fails the run like `failed` unless the profile expects it. `skipped` is only what the run chose: not selected,
 * read-only mode, a capability it was not given. `not-supported`: the check needs a feature the target does not claim
 * (its profile's `features`); it is not run and does not count in the verdict.
 */
export type CheckStatus = 'passed' | 'failed' | 'inconclusive' | 'skipped' | 'not-supported' | 'expected-failure' | 'unexpected-pass' | 'error';

/** Who produced a result: Dredd, the suites, or the runner itself (its end-of-run sweep). */
export type Layer = 'dredd' | 'vitest' | 'runner';

/** A request and response pair kept for the report (already redacted). */
export interface Exchange {
  request?: { method: string; uri: string; headers?: Record<string, string>; body?: string };
  expected?: { statusCode?: string; headers?: Record<string, string>; body?: string };
  actual?: { statusCode?: number; headers?: Record<string, string>; body?: string };
}

export interface CheckResult {
  /** Stable id: `<family>.<rule>` for Vitest checks, the transaction name for Dredd. */
  id: string;
  layer: Layer;
  /** Check family; Dredd transactions belong to `transactions`. */
  family: string;
  /** The rule in one sentence (Vitest) or the documented action (Dredd). */
  title: string;
  /** Link into the spec. */
  spec: string;
  /** What a target must implement for the rule to apply (common/features.ts). */
  features: string[];
  tags: string[];
  status: CheckStatus;
  durationMs: number;
  /** Why it failed, was skipped or was expected to fail; empty when it passed. */
  message: string;
  /** The suite file that holds a Vitest check (relative to the project). */
  file?: string;
  /** The request and response that show a failure. */
  exchange?: Exchange;
}

/** Every check that needs a feature the target does not implement becomes `not-supported`, whatever it did. */
export function gradeByFeature(results: CheckResult[], implemented: readonly string[] | undefined): CheckResult[] {
  return results.map((result) => {
    const missing = missingFeatures(result.features, implemented);
    return missing.length === 0 ? result : { ...result, status: 'not-supported', message: notSupportedReason(missing) };
  });
}

/** A check or documented response a profile excuses, with why. */
export interface Exception {
  id: string;
  reason: string;
}

/** A check known to fail on a target, and what its failure looks like. */
export interface Expectation extends Exception {
  /** A regular expression the failure message must match (e.g. an error type or "got HTTP 404"). */
  match: string;
}

/** How the message of an expected failure starts: the profile's reason follows, then the failure itself. */
export const EXPECTED_FAILURE_PREFIX = 'expected to fail on this target: ';

/**
 * Applies a profile's expectations: a listed check that fails (or is inconclusive) the way the profile says is
 * expected; one that fails another way stays failing, so a listed deviation cannot hide a new one; one that passes is
 * an unexpected pass.
 */
export function applyExpectations(results: CheckResult[], expectations: Expectation[]): CheckResult[] {
  const listed = new Map(expectations.map((e) => [e.id, e]));
  return results.map((result) => {
    const expectation = listed.get(result.id);
    if (expectation === undefined) return result;
    const { reason, match } = expectation;
    if (result.status === 'failed' || result.status === 'inconclusive') {
      if (new RegExp(match).test(result.message)) {
        return { ...result, status: 'expected-failure', message: `${EXPECTED_FAILURE_PREFIX}${reason}\n${result.message}` };
      }
      return { ...result, message: `listed as a known failure (${reason}), but not in the listed way (/${match}/):\n${result.message}` };
    }
    if (result.status === 'passed') {
      return {
        ...result,
        status: 'unexpected-pass',
        message: `listed as a known failure (${reason}) but passed: remove it from the profile's expectations`,
      };
    }
    return result;
  });
}

export type Totals = Record<CheckStatus, number> & { total: number };

export function countStatuses(results: CheckResult[]): Totals {
  const totals: Totals = {
    total: results.length,
    passed: 0,
    failed: 0,
    inconclusive: 0,
    skipped: 0,
    'not-supported': 0,
    'expected-failure': 0,
    'unexpected-pass': 0,
    error: 0,
  };
  for (const result of results) totals[result.status] += 1;
  return totals;
}

/** The statuses that make the gate fail. */
export function isFailing(status: CheckStatus): boolean {
  return status === 'failed' || status === 'inconclusive' || status === 'unexpected-pass' || status === 'error';
}

/** What a clean-up step could not remove, as a failed check: leftovers on the target fail the run. */
export function cleanupFailed(who: Pick<CheckResult, 'id' | 'layer' | 'family'>, failures: string[]): CheckResult {
  return {
    id: `${who.id} (clean-up)`,
    layer: who.layer,
    family: who.family,
    title: `the clean-up of ${who.id} removes what it created`,
    spec: '',
    features: [],
    tags: [who.family],
    status: 'failed',
    durationMs: 0,
    message: `could not remove: ${failures.join('; ')}`,
  };
}
