import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../runner/coverage.ts';
import { sampleResults } from './sample-results.ts';

describe('coverage of the documented contract', () => {
  const dredd = sampleResults().filter((r) => r.layer === 'dredd');

  it('counts documented actions and responses, exercised and passed', () => {
    const coverage = computeCoverage(dredd, []);
    expect(coverage.actions).toEqual({ documented: 3, exercised: 2, passed: 1 });
    expect(coverage.responses).toEqual({ documented: 3, exercised: 2, passed: 1 });
  });

  it('names every documented response that was not exercised', () => {
    expect(computeCoverage(dredd, []).unexercised).toEqual(['Apify API > Actors > Run actor synchronously > With input > Example 3']);
  });

  it('does not hold an excused response against the run, and reports the excuse', () => {
    const excuse = { id: 'Apify API > Actors > Run actor synchronously > With input > Example 3', reason: 'no cap on this target' };
    const coverage = computeCoverage(dredd, [excuse]);
    expect(coverage.unexercised).toEqual([]);
    expect(coverage.excused).toEqual([excuse]);
  });

  it('is no gate when the Dredd layer was not selected, and says why', () => {
    const coverage = computeCoverage(dredd, [], { applied: false, reason: 'not selected' });
    expect(coverage.unexercised).toEqual([]);
    expect(coverage.gate).toEqual({ applied: false, reason: 'not selected' });
    expect(coverage.responses.exercised).toBe(2);
  });
});
