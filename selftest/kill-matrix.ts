// The kill matrix: for each fault, which checks caught it; the score; the split by layer (what Dredd alone catches and
// what the Vitest suites add) and by check family; and the verdicts on the clean run and the correct variations.
// The format other tools read (selftest.json, formatVersion 1) is the types in selftest/report.ts and in this file.
import { CHECK_FAMILIES, type CheckFamily } from '../emulator/faults/catalogue.ts';
import type { SelfTestCase } from './cases.ts';
import type { CaseResult } from './run-case.ts';

export interface FaultRow {
  id: string;
  description: string;
  family: CheckFamily;
  action: string;
  /**
   * Every check the fault breaks failed (or errored); for a fault that names none, at least one check did (or a
   * documented response went unexercised).
   */
  caught: boolean;
  /** Checks the fault breaks that did not fail against it: the gate missed those rules. */
  missed: string[];
  /** The checks that did not pass: Dredd transaction names and Vitest check ids. */
  caughtBy: { dredd: string[]; vitest: string[] };
  /** Whether a check of the family the fault targets is among them. */
  caughtByOwnFamily: boolean;
  exitCode: number | null;
  outcome: string;
  /** Why the gate itself broke on this fault, if it did (then a catch may be a side effect). */
  brokenReasons: string[];
  durationMs: number;
  reportDir: string;
}

export interface PassRow {
  id: string;
  kind: 'clean' | 'variation';
  description: string;
  /** The gate passed this correct implementation (on the rerun, when the first attempt failed). */
  passed: boolean;
  exitCode: number | null;
  outcome: string;
  /** Checks that did not pass on the last attempt. */
  failing: string[];
  brokenReasons: string[];
  /** Checks that failed on the first attempt and passed on the rerun: a gate that flakes. */
  flaky: string[];
  durationMs: number;
  reportDir: string;
}

export interface FamilyCounts {
  /** Faults that target this family. */
  faults: number;
  /** Of those, caught by any check. */
  caught: number;
  /** Of those, caught by a check of this family. */
  caughtByOwnFamily: number;
  /** Faults of any family that at least one check of this family caught. */
  catches: number;
}

export interface KillMatrix {
  faults: number;
  caught: number;
  /** caught / faults, from 0 to 1 (0 when there are no faults). */
  score: number;
  byLayer: {
    /** Faults at least one Dredd transaction caught: the score of Dredd alone. */
    dredd: number;
    /** Faults at least one Vitest check caught. */
    vitest: number;
    /** Faults only Dredd caught, only Vitest caught (what the suites add), and both caught. */
    dreddOnly: number;
    vitestOnly: number;
    both: number;
  };
  byFamily: Record<CheckFamily, FamilyCounts>;
  uncaught: string[];
  /** Check families whose checks caught no fault at all. */
  familiesThatCaughtNothing: CheckFamily[];
}

export interface CaseRun {
  testCase: SelfTestCase;
  result: CaseResult;
  /** The rerun of a correct case that failed its first attempt. */
  rerun?: CaseResult;
}

/**
 * A fault's row. A check that also failed against the clean emulator tells nothing about the fault, so it is not
 * counted as a catch (the clean run's failure fails the self-test on its own).
 */
export function faultRow(run: CaseRun, failingWhenClean: ReadonlySet<string> = new Set()): FaultRow {
  const { testCase, result } = run;
  if (testCase.kind !== 'fault' || testCase.family === undefined || testCase.action === undefined) throw new Error(`${testCase.id} is not a fault`);
  const failing = result.failing.filter((check) => !failingWhenClean.has(check.id));
  const namesOf = (layer: 'dredd' | 'vitest') => failing.filter((check) => check.layer === layer).map((check) => check.id);
  const missed = (testCase.breaks ?? []).filter((id) => !failing.some((check) => check.id === id));
  return {
    id: testCase.id,
    description: testCase.description,
    family: testCase.family,
    action: testCase.action,
    caught: failing.length > 0 && missed.length === 0,
    missed,
    caughtBy: { dredd: namesOf('dredd'), vitest: namesOf('vitest') },
    caughtByOwnFamily: failing.some((check) => check.family === testCase.family),
    exitCode: result.exitCode,
    outcome: result.outcome,
    brokenReasons: result.brokenReasons,
    durationMs: result.durationMs,
    reportDir: result.reportDir,
  };
}

export function passRow(run: CaseRun): PassRow {
  const { testCase, result, rerun } = run;
  if (testCase.kind === 'fault') throw new Error(`${testCase.id} is a fault`);
  const last = rerun ?? result;
  const passes = (r: CaseResult) => r.exitCode === 0;
  const failingIds = (r: CaseResult) => r.failing.map((check) => check.id);
  return {
    id: testCase.id,
    kind: testCase.kind,
    description: testCase.description,
    passed: passes(last),
    exitCode: last.exitCode,
    outcome: last.outcome,
    failing: failingIds(last),
    brokenReasons: last.brokenReasons,
    flaky: rerun !== undefined && passes(rerun) ? failingIds(result) : [],
    durationMs: result.durationMs + (rerun?.durationMs ?? 0),
    reportDir: last.reportDir,
  };
}

export function buildMatrix(faults: FaultRow[]): KillMatrix {
  const byFamily = Object.fromEntries(
    CHECK_FAMILIES.map((family): [CheckFamily, FamilyCounts] => [family, { faults: 0, caught: 0, caughtByOwnFamily: 0, catches: 0 }]),
  ) as Record<CheckFamily, FamilyCounts>;
  for (const fault of faults) {
    const own = byFamily[fault.family];
    own.faults += 1;
    if (fault.caught) own.caught += 1;
    if (fault.caughtByOwnFamily) own.caughtByOwnFamily += 1;
  }
  const caught = faults.filter((fault) => fault.caught);
  for (const fault of caught) {
    for (const family of catchingFamilies(fault)) byFamily[family].catches += 1;
  }
  const byDredd = (fault: FaultRow) => fault.caughtBy.dredd.length > 0;
  const byVitest = (fault: FaultRow) => fault.caughtBy.vitest.length > 0;
  return {
    faults: faults.length,
    caught: caught.length,
    score: faults.length === 0 ? 0 : caught.length / faults.length,
    byLayer: {
      dredd: caught.filter(byDredd).length,
      vitest: caught.filter(byVitest).length,
      dreddOnly: caught.filter((f) => byDredd(f) && !byVitest(f)).length,
      vitestOnly: caught.filter((f) => byVitest(f) && !byDredd(f)).length,
      both: caught.filter((f) => byDredd(f) && byVitest(f)).length,
    },
    byFamily,
    uncaught: faults.filter((fault) => !fault.caught).map((fault) => fault.id),
    familiesThatCaughtNothing: CHECK_FAMILIES.filter((family) => byFamily[family].catches === 0),
  };
}

/** The families of the checks that caught a fault: a Vitest id starts with its family, a Dredd transaction is `transactions`. */
function catchingFamilies(fault: FaultRow): Set<CheckFamily> {
  const families = new Set<CheckFamily>();
  if (fault.caughtBy.dredd.length > 0) families.add('transactions');
  for (const id of fault.caughtBy.vitest) {
    const family = id.split('.')[0] as CheckFamily;
    if (CHECK_FAMILIES.includes(family)) families.add(family);
  }
  return families;
}

/**
 * Why the self-test fails, one line each: the clean run or a correct variation failed, a fault went uncaught, or a
 * check family caught nothing. `complete` is false when only some cases ran; the family rule then does not apply.
 */
export function problemsOf(report: { clean?: PassRow; variations: PassRow[]; faults: FaultRow[]; matrix: KillMatrix; complete: boolean }): string[] {
  const problems: string[] = [];
  for (const row of [...(report.clean ? [report.clean] : []), ...report.variations]) {
    if (!row.passed) {
      const why = row.failing.length > 0 ? `failing ${row.failing.join(', ')}` : row.brokenReasons.join('; ') || `exit ${row.exitCode}`;
      problems.push(`${row.kind === 'clean' ? 'the clean emulator' : `correct variation ${row.id}`} failed the gate (${row.outcome}): ${why}`);
    }
  }
  if (report.matrix.uncaught.length > 0) {
    problems.push(`score ${report.matrix.caught}/${report.matrix.faults}: not caught ${report.matrix.uncaught.join(', ')}`);
  }
  for (const fault of report.faults.filter((f) => f.missed.length > 0)) {
    problems.push(`${fault.id} breaks ${fault.missed.join(', ')}, which passed against it`);
  }
  if (report.complete && report.matrix.familiesThatCaughtNothing.length > 0) {
    problems.push(`check families that caught no fault: ${report.matrix.familiesThatCaughtNothing.join(', ')}`);
  }
  return problems;
}
