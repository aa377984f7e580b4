import { describe, expect, it } from 'vitest';
import { readSpecContract } from '../../common/spec-contract.ts';
import { dreddCheckResults } from '../../runner/dredd/check-results.ts';
import type { DreddRunResult } from '../../runner/dredd/result.ts';
import { applyExpectations, cleanupFailed, countStatuses, gradeByFeature, isFailing } from '../../runner/results.ts';
import { sampleResults } from './sample-results.ts';

describe('expectations from a target profile', () => {
  it('turns a listed failing check into an expected failure that keeps the original message', () => {
    const [result] = applyExpectations(sampleResults(), [{ id: 'pagination.desc-reverses', reason: 'known drift', match: 'message of' }]).filter(
      (r) => r.id === 'pagination.desc-reverses',
    );
    expect(result?.status).toBe('expected-failure');
    expect(result?.message).toContain('known drift');
    expect(result?.message).toContain('message of pagination.desc-reverses');
  });

  it('turns a listed check that passes into an unexpected pass, which fails the gate', () => {
    const [result] = applyExpectations(sampleResults(), [{ id: 'pagination.count-equals-items', reason: 'stale', match: '.' }]).filter(
      (r) => r.id === 'pagination.count-equals-items',
    );
    expect(result?.status).toBe('unexpected-pass');
    expect(isFailing('unexpected-pass')).toBe(true);
  });

  it('keeps a listed check failing when it fails another way than the profile says', () => {
    const [result] = applyExpectations(sampleResults(), [{ id: 'pagination.desc-reverses', reason: 'known drift', match: 'record-or-token-not-found' }]).filter(
      (r) => r.id === 'pagination.desc-reverses',
    );
    expect(result?.status).toBe('failed');
    expect(result?.message).toContain('not in the listed way (/record-or-token-not-found/)');
  });

  it('expects an inconclusive check the profile lists, when its message fits', () => {
    const inconclusive = {
      ...sampleResults()[0]!,
      id: 'abort.running-build-ends-aborted',
      status: 'inconclusive' as const,
      message: 'every build ended first',
    };
    const [result] = applyExpectations([inconclusive], [{ id: inconclusive.id, reason: 'builds are instant here', match: 'ended first' }]);
    expect(result?.status).toBe('expected-failure');
    expect(applyExpectations([inconclusive], [])[0]?.status).toBe('inconclusive');
  });

  it('leaves skipped checks and unlisted checks alone', () => {
    const before = sampleResults();
    const after = applyExpectations(before, [{ id: 'auth.second-user-isolation', reason: 'no second user', match: '.' }]);
    expect(after).toEqual(before);
  });
});

describe('totals', () => {
  it('counts each status once and sums to the number of checks', () => {
    const totals = countStatuses(sampleResults());
    expect(totals).toEqual({
      total: 8,
      passed: 3,
      failed: 2,
      inconclusive: 0,
      skipped: 2,
      'not-supported': 0,
      'expected-failure': 0,
      'unexpected-pass': 0,
      error: 1,
    });
  });

  it('fails the gate on failed, inconclusive, unexpected-pass and error only', () => {
    expect(
      ['passed', 'failed', 'inconclusive', 'skipped', 'not-supported', 'expected-failure', 'unexpected-pass', 'error'].filter((s) => isFailing(s as never)),
    ).toEqual(['failed', 'inconclusive', 'unexpected-pass', 'error']);
  });
});

describe('grading by feature', () => {
  it('turns every check that needs a feature the target lacks into not-supported, whatever it did, and leaves the rest', () => {
    const graded = gradeByFeature(sampleResults(), ['pagination']);
    for (const check of graded) {
      if (check.features.includes('actors')) {
        expect(check).toMatchObject({
          status: 'not-supported',
          message: "not supported by the target: needs actors (CONFORMANCE_FEATURES, or the profile's features)",
        });
      } else {
        expect(check).toEqual(sampleResults().find((c) => c.id === check.id));
      }
    }
    expect(gradeByFeature(sampleResults(), undefined)).toEqual(sampleResults());
  });
});

describe('clean-up failures', () => {
  it('of the Dredd hooks are a failed check of the transactions family, so leftovers fail the run', () => {
    const run: DreddRunResult = {
      outcome: 'passed',
      brokenReasons: [],
      transactions: [],
      specTransactions: [],
      cleanup: { aborted: [], deleted: [], failures: ['actor a1 (x): 500'] },
      output: '',
      exitCode: 0,
      durationMs: 1,
    };
    const [result] = dreddCheckResults(run, readSpecContract());
    expect(result).toMatchObject({
      id: 'the Dredd hooks (clean-up)',
      family: 'transactions',
      status: 'failed',
      message: 'could not remove: actor a1 (x): 500',
    });
    expect(isFailing(result!.status)).toBe(true);
  });

  it('of the end-of-run sweep are a failed check of the runner', () => {
    expect(cleanupFailed({ id: 'the end-of-run sweep', layer: 'runner', family: 'clean-up' }, ['run r1'])).toMatchObject({ layer: 'runner', status: 'failed' });
  });
});
