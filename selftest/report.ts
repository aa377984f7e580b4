// reports/selftest.json and the kill matrix as printed at the end of `npm run selftest`.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CLEAN_ID } from './cases.ts';
import { buildMatrix, type CaseRun, type FaultRow, faultRow, type KillMatrix, type PassRow, passRow, problemsOf } from './kill-matrix.ts';

export const FORMAT_VERSION = 1;

export interface SelfTestReport {
  formatVersion: typeof FORMAT_VERSION;
  startedAt: string;
  durationMs: number;
  /** How many cases ran at the same time. */
  parallel: number;
  /** Every case of the catalogue ran (no selection on the command line). */
  complete: boolean;
  /** The self-test's verdict: no problem below. */
  passed: boolean;
  /** Why it failed, one line each. */
  problems: string[];
  /** Worth a look, not a failure: checks that flaked on a correct implementation, catches by a check of another family. */
  warnings: string[];
  matrix: KillMatrix;
  clean?: PassRow;
  variations: PassRow[];
  faults: FaultRow[];
}

export function buildReport(runs: CaseRun[], meta: { startedAt: Date; parallel: number; interrupted: boolean; complete: boolean }): SelfTestReport {
  const cleanRun = runs.find((run) => run.testCase.id === CLEAN_ID);
  // Checks that failed against the clean emulator, on either attempt: their failure says nothing about a fault.
  const cleanAttempts = cleanRun === undefined ? [] : [cleanRun.result, ...(cleanRun.rerun ? [cleanRun.rerun] : [])];
  const failingWhenClean = new Set(cleanAttempts.flatMap((attempt) => attempt.failing.map((check) => check.id)));
  const faults = runs.filter((run) => run.testCase.kind === 'fault').map((run) => faultRow(run, failingWhenClean));
  const variations = runs.filter((run) => run.testCase.kind === 'variation').map(passRow);
  const clean = cleanRun === undefined ? undefined : passRow(cleanRun);
  const matrix = buildMatrix(faults);
  const problems = problemsOf({ clean, variations, faults, matrix, complete: meta.complete });
  if (meta.interrupted) problems.push('interrupted: not every case ran');
  const warnings = [
    ...[...(clean ? [clean] : []), ...variations]
      .filter((row) => row.flaky.length > 0)
      .map((row) => `${row.id}: failed once and passed on the rerun; flaky: ${row.flaky.join(', ')}`),
    ...faults.filter((f) => f.caught && !f.caughtByOwnFamily).map((f) => `${f.id}: caught, but by no check of its family ${f.family}`),
    ...faults.filter((f) => f.caught && f.brokenReasons.length > 0).map((f) => `${f.id}: the gate broke on it (${f.brokenReasons[0]})`),
  ];
  return {
    formatVersion: FORMAT_VERSION,
    startedAt: meta.startedAt.toISOString(),
    durationMs: Date.now() - meta.startedAt.getTime(),
    parallel: meta.parallel,
    complete: meta.complete,
    passed: problems.length === 0,
    problems,
    warnings,
    matrix,
    clean,
    variations,
    faults,
  };
}

export async function writeReport(file: string, report: SelfTestReport): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}

const percent = (part: number, whole: number) => `${whole === 0 ? 0 : ((part / whole) * 100).toFixed(1)}%`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;

/** The kill matrix as text: a line per fault, the correct implementations, the score by layer and by family. */
export function formatReport(report: SelfTestReport): string[] {
  const lines: string[] = ['', 'Kill matrix (fault, family, caught by: Dredd transactions / Vitest checks)'];
  const idWidth = Math.max(...report.faults.map((f) => f.id.length), 10);
  for (const fault of report.faults) {
    const by = fault.caught
      ? `${fault.caughtBy.dredd.length} Dredd / ${fault.caughtBy.vitest.length} Vitest: ${listed([...fault.caughtBy.vitest, ...fault.caughtBy.dredd.map(shortTransaction)])}`
      : fault.missed.length > 0
        ? `MISSED ${listed(fault.missed)}`
        : `NOT CAUGHT${fault.brokenReasons.length > 0 ? ` (the gate broke: ${fault.brokenReasons.join('; ')})` : ''}`;
    lines.push(`  ${fault.id.padEnd(idWidth)}  ${fault.family.padEnd(15)}  ${by}`);
  }
  lines.push('', 'Correct implementations (the gate must pass each)');
  for (const row of [...(report.clean ? [report.clean] : []), ...report.variations]) {
    const verdict = row.passed
      ? `passed${row.flaky.length > 0 ? ` on the rerun (flaky: ${row.flaky.join(', ')})` : ''}`
      : `FAILED: ${row.failing.join(', ') || row.brokenReasons.join('; ')}`;
    lines.push(`  ${row.id.padEnd(idWidth)}  ${verdict} (${seconds(row.durationMs)})`);
  }
  const m = report.matrix;
  lines.push(
    '',
    `Score: ${m.caught}/${m.faults} faults caught (${percent(m.caught, m.faults)})`,
    `  Dredd alone: ${m.byLayer.dredd}/${m.faults} (${percent(m.byLayer.dredd, m.faults)}); the Vitest suites add ${m.byLayer.vitestOnly}` +
      ` (Vitest alone: ${m.byLayer.vitest}; caught by Dredd only ${m.byLayer.dreddOnly}, by both ${m.byLayer.both})`,
    '  By family: faults aimed at it caught (by its own checks) / faults its checks caught',
  );
  for (const [family, counts] of Object.entries(m.byFamily)) {
    lines.push(`    ${family.padEnd(16)} ${counts.caught}/${counts.faults} (${counts.caughtByOwnFamily} by its own checks); caught ${counts.catches}`);
  }
  for (const warning of report.warnings) lines.push(`WARNING ${warning}`);
  for (const problem of report.problems) lines.push(`PROBLEM ${problem}`);
  lines.push(`Self-test ${report.passed ? 'passed' : 'FAILED'} in ${seconds(report.durationMs)} (${report.parallel} cases at a time)`);
  return lines;
}

/** The first few names; selftest.json has them all. */
function listed(names: string[], shown = 6): string {
  return names.length <= shown ? names.join(', ') : `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

/** "Apify API > Actors > Run object > Get run" -> "Actors > Run object > Get run". */
function shortTransaction(name: string): string {
  return name.replace(/^Apify API > /, '');
}
