import type { Coverage } from '../coverage.ts';
import type { ExitCode } from '../exit-codes.ts';
import { countStatuses, type CheckResult, type Totals } from '../results.ts';

/** reports/summary.json: the whole run in one document; junit.xml and report.html are rendered from it. */
export interface Summary {
  target: { kind: string; baseUrl: string; profile: string; maxWaitSecs: number };
  startedAt: string;
  durationMs: number;
  outcome: 'passed' | 'failed' | 'broken';
  exitCode: ExitCode;
  /** Why the suite itself broke (no verdict on the target); empty unless outcome is `broken`. */
  brokenReasons: string[];
  totals: Totals;
  byLayer: { dredd: Totals; vitest: Totals };
  coverage: Coverage;
  /** Known differences between this kind of target and the 2020 document (from the profile). */
  knownDrift: string[];
  checks: CheckResult[];
}

export function buildSummary(input: Omit<Summary, 'totals' | 'byLayer'>): Summary {
  return {
    ...input,
    totals: countStatuses(input.checks),
    byLayer: {
      dredd: countStatuses(input.checks.filter((c) => c.layer === 'dredd')),
      vitest: countStatuses(input.checks.filter((c) => c.layer === 'vitest')),
    },
  };
}
