import type { CleanupReport } from '../../common/fixtures/index.ts';

/** What one Dredd transaction did, redacted. */
export interface DreddTransactionResult {
  /** Full transaction name, e.g. `Apify API > Actors > Run actor synchronously > With input > Example 2`. */
  name: string;
  status: 'pass' | 'fail' | 'skip';
  /** Why it failed (Gavel's findings, the hooks' findings, or a request error); empty when it passed. */
  message: string;
  durationMs: number;
  /** The request as sent (token removed) and the documented and actual responses, for reports. */
  request?: { method: string; uri: string; headers: Record<string, string>; body?: string };
  expected?: { statusCode?: string; headers?: Record<string, string>; body?: string };
  actual?: { statusCode?: number; headers?: Record<string, string>; body?: string };
}

/** Written by dredd-process.ts for run-dredd.ts; internal to runner/dredd. */
export interface DreddProcessReport {
  /** The hook file announced itself (it loaded and registered its hooks). */
  hooksLoaded: boolean;
  /** Dredd's "Skipping hook loading" warnings: a hook file that failed to load. */
  hookLoadFailures: string[];
  /** Why the hooks could not do their job (configuration, endpoint, a mistaken hook), as they reported it. */
  hookProblems: string[];
  /** Names of the transactions Dredd compiled from the spec, in document order. */
  specTransactions: string[] | undefined;
  /** Parser and compiler annotations (warnings and errors) about the spec. */
  specAnnotations: string[];
  results: DreddTransactionResult[];
  /** Dredd's own error (e.g. the spec does not parse), if it reported one. */
  runError?: string;
  /** Dredd finished its run (reached its final callback). */
  finished: boolean;
  cleanup?: CleanupReport;
}

export type DreddOutcome =
  /** Every transaction ran and passed. */
  | 'passed'
  /** The suite ran properly and the target failed at least one transaction. */
  | 'failed'
  /** The suite itself did not run properly: no verdict about the target. */
  | 'broken';

export interface DreddRunResult {
  outcome: DreddOutcome;
  /** Why the run counts as broken (empty unless outcome is `broken`). */
  brokenReasons: string[];
  transactions: DreddTransactionResult[];
  /** Names of the transactions the spec defines, in document order, when Dredd got as far as compiling it. */
  specTransactions: string[] | undefined;
  /** What cleanup removed, and what it could not (`failures`). */
  cleanup: CleanupReport | undefined;
  /** Dredd's stdout and stderr, interleaved as they came, with every token removed. */
  output: string;
  exitCode: number | null;
  durationMs: number;
}
