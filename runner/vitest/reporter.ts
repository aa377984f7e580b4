import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { SerializedError } from 'vitest';
import type { CheckResult } from '../results.ts';

/** What common/check.ts stores on each test's `task.meta.check`. */
interface CheckMetaShape {
  id: string;
  family: string;
  title: string;
  spec: string;
  tags: string[];
}

/**
 * Turns each finished Vitest test into a CheckResult and reports progress per family ("pagination 3/12") as it goes.
 * A test without check metadata is a suite defect (it could never be selected, expected or reported by id), so it is
 * reported as an `error`.
 */
export class CheckReporter implements Reporter {
  readonly results: CheckResult[] = [];
  readonly unhandledErrors: string[] = [];
  private readonly plannedPerFamily = new Map<string, number>();
  private readonly donePerFamily = new Map<string, number>();

  constructor(
    private readonly redact: (text: string) => string,
    private readonly print: (line: string) => void,
  ) {}

  onTestModuleCollected(module: TestModule): void {
    for (const test of module.children.allTests()) {
      const family = readCheckMeta(metaOf(test).check)?.family ?? 'unlabelled';
      this.plannedPerFamily.set(family, (this.plannedPerFamily.get(family) ?? 0) + 1);
    }
  }

  onTestCaseResult(test: TestCase): void {
    const result = toCheckResult(test, this.redact);
    this.results.push(result);
    const done = (this.donePerFamily.get(result.family) ?? 0) + 1;
    this.donePerFamily.set(result.family, done);
    const planned = this.plannedPerFamily.get(result.family) ?? done;
    this.print(`  [suites] ${result.family} ${done}/${planned}  ${SYMBOL[result.status] ?? '?'} ${result.id}`);
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>): void {
    for (const error of errors) this.unhandledErrors.push(this.redact(error.stack ?? error.message));
  }
}

const SYMBOL: Partial<Record<CheckResult['status'], string>> = { passed: 'ok', failed: 'FAIL', skipped: 'skip', error: 'ERROR' };

function toCheckResult(test: TestCase, redact: (text: string) => string): CheckResult {
  const meta = readCheckMeta(metaOf(test).check);
  const outcome = test.result();
  const durationMs = Math.round(test.diagnostic()?.duration ?? 0);
  const base = meta
    ? { id: meta.id, family: meta.family, title: meta.title, spec: meta.spec, tags: meta.tags }
    : { id: test.fullName, family: 'unlabelled', title: test.name, spec: '', tags: [] };
  if (!meta) {
    return { ...base, layer: 'vitest', status: 'error', durationMs, message: 'this test carries no check metadata (register it with common/check.ts)' };
  }
  switch (outcome.state) {
    case 'passed':
      return { ...base, layer: 'vitest', status: 'passed', durationMs, message: '' };
    case 'failed':
      return {
        ...base,
        layer: 'vitest',
        status: 'failed',
        durationMs,
        message: redact(outcome.errors.map((e) => e.message).join('\n')),
      };
    default: {
      const skipReason = metaOf(test).skipReason;
      const note = outcome.state === 'skipped' ? outcome.note : undefined;
      const reason = typeof skipReason === 'string' ? skipReason : (note ?? 'skipped');
      return { ...base, layer: 'vitest', status: 'skipped', durationMs, message: redact(reason) };
    }
  }
}

function readCheckMeta(value: unknown): CheckMetaShape | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const meta = value as Record<string, unknown>;
  const strings = ['id', 'family', 'title', 'spec'].every((key) => typeof meta[key] === 'string');
  const tags = Array.isArray(meta.tags) && meta.tags.every((tag) => typeof tag === 'string');
  return strings && tags ? (meta as unknown as CheckMetaShape) : undefined;
}

// Read as plain data: the metadata crosses a process boundary and is checked field by field above.
function metaOf(test: TestCase): Record<string, unknown> {
  return test.meta() as Record<string, unknown>;
}
