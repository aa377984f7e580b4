// The budgets the suite must keep as it grows, and how each is measured: the gate's own run by this bench; npm test,
// the self-test and the whole CI run from the timings the last `.ci/run` wrote (reports/ci/timings.json).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Budget {
  what: string;
  /** What was measured, in the budget's unit; undefined when nothing measured it yet. */
  measured: number | undefined;
  limit: number;
  unit: 's' | '×';
  source: string;
}

export interface BudgetRow extends Budget {
  verdict: 'within' | 'OVER' | 'not measured';
}

interface CiTimings {
  test?: number;
  selftest?: number;
  total?: number;
}

/** The budgets, with the conformance figures of this bench and the last CI run's timings, if any. */
export function budgets(root: string, conformance: { wallSecs: number; wallOverRequiredWait: number }): BudgetRow[] {
  const file = path.join(root, 'reports/ci/timings.json');
  const ci: CiTimings = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CiTimings) : {};
  const ciSource = existsSync(file) ? 'last .ci/run (reports/ci/timings.json)' : 'no .ci/run timings yet: run .ci/run';
  const rows: Budget[] = [
    { what: 'npm run conformance against the embedded emulator, wall', measured: conformance.wallSecs, limit: 60, unit: 's', source: 'this bench' },
    { what: '… wall / the waits its checks require', measured: conformance.wallOverRequiredWait, limit: 1.5, unit: '×', source: 'this bench' },
    { what: 'npm run selftest, the whole catalogue on 2 cores', measured: ci.selftest, limit: 15 * 60, unit: 's', source: ciSource },
    { what: 'npm test', measured: ci.test, limit: 5 * 60, unit: 's', source: ciSource },
    { what: '.ci/run, install to self-test', measured: ci.total, limit: 30 * 60, unit: 's', source: ciSource },
  ];
  return rows.map((row) => ({
    ...row,
    verdict: row.measured === undefined ? 'not measured' : row.measured <= row.limit ? 'within' : 'OVER',
  }));
}

export function formatBudgets(rows: BudgetRow[]): string[] {
  const width = Math.max(...rows.map((r) => r.what.length));
  const value = (n: number | undefined, unit: string) => (n === undefined ? '—' : `${Math.round(n * 100) / 100} ${unit}`);
  return [
    'Budgets',
    ...rows.map(
      (r) => `  ${r.what.padEnd(width)}  ${value(r.measured, r.unit).padStart(9)} of ${value(r.limit, r.unit).padStart(7)}  ${r.verdict}  (${r.source})`,
    ),
  ];
}
