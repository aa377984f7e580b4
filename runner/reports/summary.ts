import { type BaselineComparison, SUMMARY_SCHEMA_VERSION } from '../baseline.ts';
import type { Coverage } from '../coverage.ts';
import type { ExitCode } from '../exit-codes.ts';
import type { FeatureScore } from '../feature-scores.ts';
import type { KnownDrift, MatchedDrift } from '../known-drift.ts';
import type { ConformanceMatrix } from '../matrix.ts';
import { type CheckResult, countStatuses, type Totals } from '../results.ts';
import type { RunIdentity } from '../run-identity.ts';
import type { WaitObservation } from '../timing.ts';

/** reports/summary.json: the whole run in one document; junit.xml and report.html are rendered from it. */
export interface Summary {
  /** The version of this document's shape (runner/baseline.ts), so an earlier one can be read as a baseline. */
  schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  /** Which run this is: its id, the suite's version and commit, the spec's hash, the machine. */
  run: RunIdentity;
  /** `features`: what the target claims to implement; null when it is judged on every feature. */
  target: {
    kind: string;
    baseUrl: string;
    profile: string;
    maxWaitSecs: number;
    runSyncMaxWaitSecs: number;
    rateLimitRps: number;
    /** CONFORMANCE_MAX_CONCURRENT_BUILDS; null: no limit. */
    maxConcurrentBuilds: number | null;
    features: string[] | null;
  };
  /** What was asked to run: CONFORMANCE_SELECT, read-only mode, and whether the Dredd layer ran. */
  selection: { select: string[]; readOnly: boolean; dredd: boolean };
  startedAt: string;
  durationMs: number;
  outcome: 'passed' | 'failed' | 'broken';
  exitCode: ExitCode;
  /** Why the suite itself broke (no verdict on the target); empty unless outcome is `broken`. */
  brokenReasons: string[];
  totals: Totals;
  byLayer: { dredd: Totals; vitest: Totals };
  coverage: Coverage;
  /** Per feature: implemented or not, and how its checks did. */
  features: FeatureScore[];
  /** Every documented action against the Dredd transactions and the check families that exercised it. */
  matrix: ConformanceMatrix;
  /**
   * Where the target's answers and the spec part ways: warnings, never failures. Each finding names the profile entry
   * that acknowledges it (null: new drift); `notSeen` lists the profile's entries no finding matched.
   */
  drift: MatchedDrift;
  /** Requests where the server may hold the answer (waitForFinish, run-sync): asked, observed, against the cap. */
  waits: WaitObservation[];
  /** The drift this kind of target is known to show (the profile's `drift`). */
  knownDrift: KnownDrift[];
  /** Known differences no drift finding shows (the profile's `notes`). */
  notes: string[];
  /**
   * What the run cost the target: the builds every process of the run started (each takes 4 GB for minutes on the
   * platform); `fixtureBuilds` of them made the shared fixture actors, the rest were checks'.
   */
  workload: { builds: number; fixtureBuilds: number };
  /** What changed since the run given with `--baseline`; null without one. */
  baseline: BaselineComparison | null;
  checks: CheckResult[];
}

export function buildSummary(input: Omit<Summary, 'schemaVersion' | 'totals' | 'byLayer'>): Summary {
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    ...input,
    totals: countStatuses(input.checks),
    byLayer: {
      dredd: countStatuses(input.checks.filter((c) => c.layer === 'dredd')),
      vitest: countStatuses(input.checks.filter((c) => c.layer === 'vitest')),
    },
  };
}
