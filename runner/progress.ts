import type { CheckStatus, Expectation } from './results.ts';

const LABELS: Record<CheckStatus, string> = {
  passed: 'ok',
  failed: 'FAIL',
  inconclusive: 'INCONCL',
  skipped: 'skip',
  'not-supported': 'n/a',
  error: 'ERROR',
  'expected-failure': 'expected',
  'unexpected-pass': 'UNEXPECTED',
};

/**
 * Progress while the gate runs: one line per finished check, with its family, how many of that family are done of how
 * many, and the run's overall count. Vitest only learns how many checks a file holds when it starts the file, so
 * until every suite file has started, the totals carry a `+` (at least this many).
 */
export class Progress {
  private readonly planned = new Map<string, number>();
  private readonly done = new Map<string, number>();
  /** Suite files not started yet, per family (the folder they live in). */
  private readonly pendingFiles = new Map<string, Set<string>>();
  private finished = 0;
  private readonly expected: Set<string>;

  constructor(
    private readonly print: (line: string) => void,
    expectations: Expectation[],
  ) {
    this.expected = new Set(expectations.map((e) => e.id));
  }

  /** Checks of a family that are known up front (Dredd's transactions, compiled from the spec). */
  plan(family: string, count: number): void {
    this.planned.set(family, (this.planned.get(family) ?? 0) + count);
  }

  /** The suite files Vitest is about to run, with the family each belongs to. */
  expectFiles(files: Array<{ file: string; family: string }>): void {
    for (const { file, family } of files) {
      const pending = this.pendingFiles.get(family) ?? new Set<string>();
      pending.add(file);
      this.pendingFiles.set(family, pending);
    }
  }

  /** A suite file started: its checks, counted per family, join the plan. */
  fileStarted(file: string, checksPerFamily: Map<string, number>): void {
    for (const pending of this.pendingFiles.values()) pending.delete(file);
    for (const [family, count] of checksPerFamily) this.plan(family, count);
  }

  /** One check finished. `status` is its raw result; the profile's expectations are shown as the report will. */
  finish(family: string, id: string, status: CheckStatus): void {
    this.finished += 1;
    const done = (this.done.get(family) ?? 0) + 1;
    this.done.set(family, done);
    const total = [...this.planned.values()].reduce((sum, n) => sum + n, 0);
    const more = (f?: string) => ([...this.pendingFiles].some(([family, files]) => (f === undefined || family === f) && files.size > 0) ? '+' : '');
    const overall = `[${String(this.finished).padStart(3)}/${total}${more()}]`;
    const familyCount = `${family} ${done}/${Math.max(done, this.planned.get(family) ?? 0)}${more(family)}`;
    this.print(`  ${overall} ${familyCount.padEnd(28)} ${this.label(id, status).padEnd(9)} ${id}`);
  }

  private label(id: string, status: CheckStatus): string {
    if (this.expected.has(id)) return status === 'failed' || status === 'inconclusive' ? 'expected?' : status === 'passed' ? 'UNEXPECTED' : status;
    return LABELS[status];
  }
}
