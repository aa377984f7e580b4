import { FEATURES, type Feature } from '../common/features.ts';
import { type CheckResult, type CheckStatus, countStatuses, type Totals } from './results.ts';

/** How a target did on one feature: every check and transaction that needs it, by result. */
export interface FeatureScore {
  feature: Feature;
  description: string;
  /** Whether the target claims the feature (its profile's `features` or CONFORMANCE_FEATURES; every one when unset). */
  implemented: boolean;
  /** The checks that reached a verdict on it (neither skipped nor not supported), and how many of them passed. */
  score: { passed: number; judged: number };
  /** The checks that need it, per status. */
  counts: Totals;
}

const NOT_JUDGED: ReadonlySet<CheckStatus> = new Set(['skipped', 'not-supported']);

/** One score per feature that has a check, in the order of common/features.ts. */
export function featureScores(checks: CheckResult[], implemented: readonly string[] | undefined): FeatureScore[] {
  return (Object.keys(FEATURES) as Feature[]).flatMap((feature) => {
    const needing = checks.filter((check) => check.features.includes(feature));
    if (needing.length === 0) return [];
    const judged = needing.filter((check) => !NOT_JUDGED.has(check.status));
    return [
      {
        feature,
        description: FEATURES[feature],
        implemented: implemented === undefined || implemented.includes(feature),
        score: { passed: judged.filter((check) => check.status === 'passed').length, judged: judged.length },
        counts: countStatuses(needing),
      },
    ];
  });
}
