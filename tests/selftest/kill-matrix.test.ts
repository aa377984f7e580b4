// The kill-matrix arithmetic: what counts as caught, the split by layer and by family, and the verdicts on correct runs.
import { describe, expect, it } from 'vitest';
import type { CheckFamily } from '../../emulator/faults/catalogue.ts';
import type { SelfTestCase } from '../../selftest/cases.ts';
import { buildMatrix, type CaseRun, faultRow, passRow, problemsOf } from '../../selftest/kill-matrix.ts';
import { buildReport } from '../../selftest/report.ts';
import type { CaseResult, FailingCheck } from '../../selftest/run-case.ts';

const GET_RUN = 'Apify API > Actors > Run object > Get run';

const dredd = (id: string): FailingCheck => ({ id, layer: 'dredd', family: 'transactions', status: 'failed' });
const vitest = (id: string, status = 'failed'): FailingCheck => ({ id, layer: 'vitest', family: id.split('.')[0]!, status });

function result(id: string, exitCode: number | null, failing: FailingCheck[] = [], brokenReasons: string[] = []): CaseResult {
  const outcome = exitCode === 0 ? 'passed' : exitCode === 1 ? 'failed' : 'broken';
  return { id, exitCode, outcome, brokenReasons, failing, checks: 80, durationMs: 1000, reportDir: `reports/selftest/${id}` };
}

function fault(id: string, family: CheckFamily, exitCode: number | null, failing: FailingCheck[] = []): CaseRun {
  const testCase: SelfTestCase = {
    id,
    kind: 'fault',
    description: id,
    family,
    action: 'Run object > Get run',
    emulatorEnv: { EMULATOR_FAULTS: id, EMULATOR_VARIATIONS: '' },
  };
  return { testCase, result: result(id, exitCode, failing) };
}

function correct(id: string, first: CaseResult, rerun?: CaseResult): CaseRun {
  const testCase: SelfTestCase = {
    id,
    kind: id === 'clean' ? 'clean' : 'variation',
    description: id,
    emulatorEnv: { EMULATOR_FAULTS: '', EMULATOR_VARIATIONS: id === 'clean' ? '' : id },
  };
  return { testCase, result: first, rerun };
}

describe('a fault row', () => {
  it('is caught when any check failed or errored, and lists them by layer', () => {
    const row = faultRow(fault('a', 'lifecycle', 1, [dredd(GET_RUN), vitest('lifecycle.statuses-move-forward'), vitest('auth.token-required', 'error')]));
    expect(row.caught).toBe(true);
    expect(row.caughtBy).toEqual({ dredd: [GET_RUN], vitest: ['lifecycle.statuses-move-forward', 'auth.token-required'] });
    expect(row.caughtByOwnFamily).toBe(true);
  });

  it('is not caught when the gate broke without any check failing', () => {
    const row = faultRow({ ...fault('b', 'auth', 2), result: result('b', 2, [], ['dredd: hooks did not load']) });
    expect(row.caught).toBe(false);
    expect(row.brokenReasons).toEqual(['dredd: hooks did not load']);
  });

  it('does not count a check that also failed against the clean emulator', () => {
    const row = faultRow(fault('c', 'abort', 1, [vitest('rate-limit.burst-gets-429')]), new Set(['rate-limit.burst-gets-429']));
    expect(row.caught).toBe(false);
    expect(row.caughtBy).toEqual({ dredd: [], vitest: [] });
  });

  it('notes a catch by checks of other families only', () => {
    expect(faultRow(fault('d', 'abort', 1, [vitest('lifecycle.exit-code-decides')])).caughtByOwnFamily).toBe(false);
  });
});

describe('the kill matrix', () => {
  const rows = [
    faultRow(fault('only-dredd', 'transactions', 1, [dredd(GET_RUN)])),
    faultRow(fault('only-vitest', 'pagination', 1, [vitest('pagination.count-equals-items'), vitest('round-trip.actor-create-read')])),
    faultRow(fault('both', 'lifecycle', 1, [dredd(GET_RUN), vitest('lifecycle.statuses-move-forward')])),
    faultRow(fault('missed', 'abort', 0)),
    faultRow(fault('stray', 'abort', 1, [vitest('lifecycle.exit-code-decides')])),
  ];
  const matrix = buildMatrix(rows);

  it('scores caught faults over all faults', () => {
    expect(matrix).toMatchObject({ faults: 5, caught: 4, score: 0.8, uncaught: ['missed'] });
  });

  it('says what Dredd alone catches and what the Vitest suites add', () => {
    expect(matrix.byLayer).toEqual({ dredd: 2, vitest: 3, dreddOnly: 1, vitestOnly: 2, both: 1 });
  });

  it('counts per family the faults aimed at it, those caught, those caught by its own checks, and its catches', () => {
    expect(matrix.byFamily.abort).toEqual({ faults: 2, caught: 1, caughtByOwnFamily: 0, catches: 0 });
    expect(matrix.byFamily.lifecycle).toEqual({ faults: 1, caught: 1, caughtByOwnFamily: 1, catches: 2 });
    expect(matrix.byFamily.transactions).toEqual({ faults: 1, caught: 1, caughtByOwnFamily: 1, catches: 2 });
    expect(matrix.byFamily['round-trip']).toEqual({ faults: 0, caught: 0, caughtByOwnFamily: 0, catches: 1 });
  });

  it('names the families whose checks caught nothing', () => {
    expect(matrix.familiesThatCaughtNothing).toEqual([
      'method-override',
      'rate-limit',
      'wait-for-finish',
      'abort',
      'run-sync',
      'auth',
      'errors',
      'request-queues',
      'key-value-stores',
      'datasets',
      'tasks',
      'webhooks',
      'last-run',
      'logs',
      'users',
      'paths',
    ]);
  });

  it('scores 0 without faults', () => {
    expect(buildMatrix([])).toMatchObject({ faults: 0, caught: 0, score: 0 });
  });
});

describe('the verdict on correct implementations', () => {
  it('passes a run that exits 0, and fails one that does not, naming its failing checks', () => {
    expect(passRow(correct('charset', result('charset', 0))).passed).toBe(true);
    const failed = passRow(correct('extra-fields', result('extra-fields', 1, [vitest('round-trip.version-create-read')])));
    expect(failed).toMatchObject({ passed: false, failing: ['round-trip.version-create-read'], flaky: [] });
  });

  it('passes a run whose rerun passed, and names the checks that flaked', () => {
    const row = passRow(correct('latency', result('latency', 1, [vitest('wait-for-finish.returns-when-wait-ends')]), result('latency-rerun', 0)));
    expect(row).toMatchObject({ passed: true, flaky: ['wait-for-finish.returns-when-wait-ends'], durationMs: 2000 });
  });

  it('fails a run whose rerun failed as well', () => {
    const row = passRow(correct('sporadic-429', result('sporadic-429', 1, [dredd(GET_RUN)]), result('sporadic-429-rerun', 1, [dredd(GET_RUN)])));
    expect(row).toMatchObject({ passed: false, failing: [GET_RUN], flaky: [] });
  });
});

describe('the self-test verdict', () => {
  const startedAt = new Date();
  const meta = { startedAt, parallel: 2, interrupted: false, complete: false };

  it('passes when the clean run and the variations pass and every fault is caught', () => {
    const report = buildReport([correct('clean', result('clean', 0)), fault('a', 'lifecycle', 1, [vitest('lifecycle.statuses-move-forward')])], meta);
    expect(report.passed).toBe(true);
    expect(report.problems).toEqual([]);
  });

  it('fails on an uncaught fault, a failed variation, and (on a complete run) a family that caught nothing', () => {
    const runs = [
      correct('clean', result('clean', 0)),
      correct('charset', result('charset', 1, [dredd(GET_RUN)]), result('charset-rerun', 1, [dredd(GET_RUN)])),
      fault('a', 'abort', 0),
    ];
    const report = buildReport(runs, { ...meta, complete: true });
    expect(report.passed).toBe(false);
    expect(report.problems).toHaveLength(3);
    expect(report.problems[0]).toMatch(/correct variation charset failed the gate/);
    expect(report.problems[1]).toMatch(/score 0\/1: not caught a/);
    expect(report.problems[2]).toMatch(/check families that caught no fault: pagination, /);
  });

  it('is caught only when every check the fault breaks failed, and names the ones that passed', () => {
    const named = (failing: FailingCheck[]): CaseRun => {
      const run = fault('named', 'lifecycle', 1, failing);
      return { ...run, testCase: { ...run.testCase, breaks: ['lifecycle.exit-code-decides', 'lifecycle.timeout-times-out'] } };
    };
    const partly = faultRow(named([vitest('lifecycle.exit-code-decides')]));
    expect(partly).toMatchObject({ caught: false, missed: ['lifecycle.timeout-times-out'] });
    expect(faultRow(named([vitest('lifecycle.exit-code-decides'), vitest('lifecycle.timeout-times-out')]))).toMatchObject({ caught: true, missed: [] });
    const report = buildReport([named([vitest('lifecycle.exit-code-decides')])], meta);
    expect(report.problems).toContain('named breaks lifecycle.timeout-times-out, which passed against it');
  });

  it('takes no catch from a check that fails against the clean emulator too', () => {
    const runs = [correct('clean', result('clean', 1, [vitest('auth.token-required')])), fault('a', 'auth', 1, [vitest('auth.token-required')])];
    const report = buildReport(runs, meta);
    expect(report.matrix.uncaught).toEqual(['a']);
    expect(problemsOf(report)[0]).toMatch(/the clean emulator failed the gate/);
  });

  it('fails when interrupted', () => {
    expect(buildReport([], { ...meta, interrupted: true }).problems).toEqual(['interrupted: not every case ran']);
  });
});
