import { documentedAction } from './dredd/check-results.ts';
import type { CheckResult, Exception } from './results.ts';

/** How much of the documented contract the run exercised: every action, every documented response. */
export interface Coverage {
  actions: { documented: number; exercised: number; passed: number };
  responses: { documented: number; exercised: number; passed: number };
  /** Documented responses (transaction names) that were not exercised, and are not excused by the profile. */
  unexercised: string[];
  /** Documented responses the profile excuses, with the reason. */
  excused: Exception[];
  /** Whether an unexercised response fails the run; it does not when the Dredd layer was not selected. */
  gate: { applied: boolean; reason: string };
  /** Documented responses of features the target does not implement: outside its contract, so not counted above. */
  notSupported: number;
}

const EXERCISED = new Set(['passed', 'failed', 'expected-failure', 'unexpected-pass']);

/** Computed from the Dredd layer: one transaction per documented request/response pair of the target's features. */
export function computeCoverage(
  allDreddResults: CheckResult[],
  uncovered: Exception[],
  gate: Coverage['gate'] = { applied: true, reason: 'every documented response must be exercised' },
): Coverage {
  const dreddResults = allDreddResults.filter((result) => result.status !== 'not-supported');
  const excusedIds = new Set(uncovered.map((u) => u.id));
  const actions = new Map<string, { exercised: boolean; passed: boolean }>();
  const unexercised: string[] = [];
  let exercised = 0;
  let passed = 0;
  for (const result of dreddResults) {
    const ran = EXERCISED.has(result.status);
    const ok = result.status === 'passed';
    if (ran) exercised += 1;
    if (ok) passed += 1;
    if (!ran && !excusedIds.has(result.id)) unexercised.push(result.id);
    const action = documentedAction(result.id);
    const seen = actions.get(action) ?? { exercised: true, passed: true };
    actions.set(action, { exercised: seen.exercised && ran, passed: seen.passed && ok });
  }
  const actionStates = [...actions.values()];
  return {
    actions: {
      documented: actions.size,
      exercised: actionStates.filter((a) => a.exercised).length,
      passed: actionStates.filter((a) => a.passed).length,
    },
    responses: { documented: dreddResults.length, exercised, passed },
    unexercised: gate.applied ? unexercised : [],
    excused: uncovered.filter((u) => dreddResults.some((r) => r.id === u.id)),
    gate,
    notSupported: allDreddResults.length - dreddResults.length,
  };
}
