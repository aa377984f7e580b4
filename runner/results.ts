/**
 * One list of results for both layers of the gate. Dredd transactions and Vitest checks become `CheckResult`s; the
 * target profile's expectations then turn known failures into `expected-failure` and stale entries into `unexpected-pass`.
 */

export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'expected-failure' | 'unexpected-pass' | 'error';

export type Layer = 'dredd' | 'vitest';

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

export interface Expectation {
  id: string;
  reason: string;
}

/** Applies a profile's expectations: a listed check that fails is expected; one that passes is an unexpected pass. */
export function applyExpectations(results: CheckResult[], expectations: Expectation[]): CheckResult[] {
  const reasons = new Map(expectations.map((e) => [e.id, e.reason]));
  return results.map((result) => {
    const reason = reasons.get(result.id);
    if (reason === undefined) return result;
    if (result.status === 'failed') {
      return { ...result, status: 'expected-failure', message: `expected to fail on this target: ${reason}\n${result.message}` };
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
  const totals: Totals = { total: results.length, passed: 0, failed: 0, skipped: 0, 'expected-failure': 0, 'unexpected-pass': 0, error: 0 };
  for (const result of results) totals[result.status] += 1;
  return totals;
}

/** The statuses that make the gate fail. */
export function isFailing(status: CheckStatus): boolean {
  return status === 'failed' || status === 'unexpected-pass' || status === 'error';
}
