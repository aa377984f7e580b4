import path from 'node:path';
import type { SerializedError } from 'vitest';
import type { Reporter, TestCase, TestModule, TestSpecification, TestSuite } from 'vitest/node';
import { READ_ONLY_BLOCKED } from '../exchanges/exchange.ts';
import type { Progress } from '../progress.ts';
import type { CheckResult, CheckStatus } from '../results.ts';

/** What common/check.ts stores on each test's `task.meta.check`. */
interface CheckMetaShape {
  id: string;
  family: string;
  title: string;
  spec: string;
  features: string[];
  tags: string[];
}

interface ErrorLike {
  name?: string;
  message: string;
}

/**
 * Turns each finished Vitest test into a CheckResult and feeds the progress display. A check can end in three ways
 * beyond passing: its own assertion failed; a set-up step of its file (beforeAll) failed, which Vitest reports as a
 * skip but is a failure of that check; or it was skipped on purpose, with a reason. A test without check metadata,
 * a suite file that does not load, and errors that come from the suite's own code are the suite's defects (`error`).
 */
export class CheckReporter implements Reporter {
  /** Why the suites as a whole did not run properly. */
  readonly brokenReasons: string[] = [];
  private readonly finalResults: CheckResult[] = [];
  /** Tests Vitest skipped with no reason given: decided once their file has ended and its set-up errors are known. */
  private readonly undecided = new Map<TestModule, TestCase[]>();
  private readonly reportedErrors = new Map<TestModule, Set<string>>();

  constructor(
    private readonly root: string,
    private readonly redact: (text: string) => string,
    private readonly progress: Progress,
  ) {}

  get results(): CheckResult[] {
    return this.finalResults;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.progress.expectFiles(specifications.map((s) => ({ file: s.moduleId, family: this.folderFamily(s.moduleId) })));
  }

  onTestModuleCollected(module: TestModule): void {
    const perFamily = new Map<string, number>();
    for (const test of module.children.allTests()) {
      const family = readCheckMeta(test)?.family ?? this.folderFamily(module.moduleId);
      perFamily.set(family, (perFamily.get(family) ?? 0) + 1);
    }
    this.progress.fileStarted(module.moduleId, perFamily);
  }

  onTestCaseResult(test: TestCase): void {
    const result = this.toCheckResult(test);
    if (result === undefined) {
      this.undecided.set(test.module, [...(this.undecided.get(test.module) ?? []), test]);
      return;
    }
    this.record(result);
  }

  onTestModuleEnd(module: TestModule): void {
    // A file that failed to load was never collected; either way it is no longer pending.
    this.progress.fileStarted(module.moduleId, new Map());
    const file = this.relative(module.moduleId);
    const errors = module.errors();
    const tests = [...module.children.allTests()];
    if (tests.length === 0) {
      const why = errors.length > 0 ? errors.map((e) => this.clean(e.message)).join('; ') : 'it registers no check';
      this.brokenReasons.push(`${file} did not load: ${why}`);
      return;
    }
    for (const test of this.undecided.get(module) ?? []) this.record(this.toCheckResult(test, true)!);
    this.undecided.delete(module);
    // Errors no check was charged with: a clean-up step (afterAll) that failed after the checks ran.
    const charged = this.reportedErrors.get(module) ?? new Set<string>();
    const uncharged = errors.filter((e) => !charged.has(e.message));
    if (uncharged.length === 0) return;
    const family = this.folderFamily(module.moduleId);
    this.progress.plan(family, 1);
    this.record({
      id: `${file} (clean-up)`,
      layer: 'vitest',
      family,
      title: `the clean-up of ${file} removes what its checks created`,
      spec: '',
      features: [],
      tags: [family],
      file,
      status: statusOfErrors(uncharged),
      durationMs: 0,
      message: this.clean(uncharged.map((e) => e.message).join('\n')),
    });
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>): void {
    for (const error of errors) this.brokenReasons.push(`unhandled error in the suites: ${this.clean(error.stack ?? error.message)}`);
    // A file that never ended (the run was cancelled): its undecided checks did not run.
    for (const tests of this.undecided.values()) for (const test of tests) this.record(this.toCheckResult(test, true)!);
    this.undecided.clear();
  }

  private record(result: CheckResult): void {
    this.finalResults.push(result);
    this.progress.finish(result.family, result.id, result.status);
  }

  /** The check's result; undefined for a test Vitest skipped without a reason while its file is still running. */
  private toCheckResult(test: TestCase, fileEnded = false): CheckResult | undefined {
    const meta = readCheckMeta(test);
    const outcome = test.result();
    const durationMs = Math.round(test.diagnostic()?.duration ?? 0);
    if (!meta) {
      return {
        id: test.fullName,
        layer: 'vitest',
        family: this.folderFamily(test.module.moduleId),
        title: test.name,
        spec: '',
        features: [],
        tags: [],
        file: this.relative(test.module.moduleId),
        status: 'error',
        durationMs,
        message: 'this test carries no check metadata (register it with common/check.ts)',
      };
    }
    const file = this.relative(test.module.moduleId);
    const base = {
      id: meta.id,
      layer: 'vitest' as const,
      family: meta.family,
      title: meta.title,
      spec: meta.spec,
      features: meta.features,
      tags: meta.tags,
      durationMs,
      file,
    };
    if (outcome.state === 'passed') return { ...base, status: 'passed', message: '' };
    if (outcome.state === 'failed') {
      const errors = outcome.errors ?? [];
      return { ...base, status: statusOfErrors(errors), message: this.clean(errors.map(describeError).join('\n')) };
    }
    const skipReason = (test.meta() as { skipReason?: unknown }).skipReason;
    if (typeof skipReason === 'string') return { ...base, status: 'skipped', message: this.redact(skipReason) };
    if (outcome.state === 'skipped' && outcome.note) return { ...base, status: 'skipped', message: this.redact(outcome.note) };
    if (!fileEnded) return undefined;
    // Skipped by Vitest because a set-up step of its file or suite failed: the check did not pass.
    const setUpErrors = this.setUpErrors(test);
    if (setUpErrors.length > 0) {
      const charged = this.reportedErrors.get(test.module) ?? new Set<string>();
      for (const error of setUpErrors) charged.add(error.message);
      this.reportedErrors.set(test.module, charged);
      return {
        ...base,
        status: statusOfErrors(setUpErrors),
        message: this.clean(`a set-up step of this check's file failed:\n${setUpErrors.map(describeError).join('\n')}`),
      };
    }
    if (outcome.state === 'pending') return { ...base, status: 'skipped', message: 'not run: the run was interrupted' };
    return { ...base, status: 'skipped', message: 'skipped without a reason (a bare test.skip in the suite)' };
  }

  private setUpErrors(test: TestCase): ErrorLike[] {
    const errors: ErrorLike[] = [];
    for (let parent: TestSuite | TestModule = test.parent; ; parent = parent.parent) {
      errors.push(...parent.errors());
      if (parent.type === 'module') return errors;
    }
  }

  /** Suite files live in suites/<family>/. */
  private folderFamily(moduleId: string): string {
    return this.relative(moduleId).split('/')[1] ?? 'suites';
  }

  private relative(moduleId: string): string {
    return path.relative(this.root, moduleId).split(path.sep).join('/');
  }

  // Vitest's messages may carry terminal colour codes, which would litter the reports.
  private clean(text: string): string {
    return this.redact(text.replace(/\u001b\[[0-9;]*m/g, ''));
  }
}

// Errors that mean the suite's own code or settings are wrong, not the target: a bad setting, a reference to
// something that does not exist, a request the runner refused in read-only mode.
const SUITE_DEFECTS = new Set(['ConfigError', 'ReferenceError', 'SyntaxError']);

export function statusOfErrors(errors: ReadonlyArray<ErrorLike>): CheckStatus {
  const defect = errors.some((e) => SUITE_DEFECTS.has(e.name ?? '') || e.message.includes(READ_ONLY_BLOCKED));
  if (defect) return 'error';
  return errors.length > 0 && errors.every((e) => e.name === 'Inconclusive') ? 'inconclusive' : 'failed';
}

function describeError(error: ErrorLike): string {
  return error.name && !['Error', 'CheckFailure', 'AssertionError'].includes(error.name) ? `${error.name}: ${error.message}` : error.message;
}

function readCheckMeta(test: TestCase): CheckMetaShape | undefined {
  const value = (test.meta() as { check?: unknown }).check;
  if (typeof value !== 'object' || value === null) return undefined;
  const meta = value as Record<string, unknown>;
  const strings = ['id', 'family', 'title', 'spec'].every((key) => typeof meta[key] === 'string');
  const lists = ['features', 'tags'].every((key) => Array.isArray(meta[key]) && meta[key].every((item) => typeof item === 'string'));
  return strings && lists ? (meta as unknown as CheckMetaShape) : undefined;
}
