import { describe, expect, it } from 'vitest';
import { applyExpectations, countStatuses, isFailing } from '../../runner/results.ts';
import { sampleResults } from './sample-results.ts';

describe('expectations from a target profile', () => {
  it('turns a listed failing check into an expected failure that keeps the original message', () => {
    const [result] = applyExpectations(sampleResults(), [{ id: 'pagination.desc-reverses', reason: 'known drift' }]).filter(
      (r) => r.id === 'pagination.desc-reverses',
    );
    expect(result?.status).toBe('expected-failure');
    expect(result?.message).toContain('known drift');
    expect(result?.message).toContain('message of pagination.desc-reverses');
  });

  it('turns a listed check that passes into an unexpected pass, which fails the gate', () => {
    const [result] = applyExpectations(sampleResults(), [{ id: 'pagination.count-equals-items', reason: 'stale' }]).filter(
      (r) => r.id === 'pagination.count-equals-items',
    );
    expect(result?.status).toBe('unexpected-pass');
    expect(isFailing('unexpected-pass')).toBe(true);
  });

  it('leaves skipped checks and unlisted checks alone', () => {
    const before = sampleResults();
    const after = applyExpectations(before, [{ id: 'auth.second-user-isolation', reason: 'no second user' }]);
    expect(after).toEqual(before);
  });
});

describe('totals', () => {
  it('counts each status once and sums to the number of checks', () => {
    const totals = countStatuses(sampleResults());
    expect(totals).toEqual({ total: 8, passed: 3, failed: 2, skipped: 2, 'expected-failure': 0, 'unexpected-pass': 0, error: 1 });
  });

  it('fails the gate on failed, unexpected-pass and error only', () => {
    expect(['passed', 'failed', 'skipped', 'expected-failure', 'unexpected-pass', 'error'].filter((s) => isFailing(s as never))).toEqual([
      'failed',
      'unexpected-pass',
      'error',
    ]);
  });
});
