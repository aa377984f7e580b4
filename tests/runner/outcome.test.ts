import { describe, expect, it } from 'vitest';
import { EXIT } from '../../runner/exit-codes.ts';
import { decideOutcome } from '../../runner/outcome.ts';
import { applyExpectations, type CheckStatus } from '../../runner/results.ts';
import { checkResult, sampleResults } from './sample-results.ts';

const check = (id: string, status: CheckStatus) => checkResult(id, status, { message: `message of ${id}` });
const covered = { unexercised: [] };

describe('exit status', () => {
  it('is 0 when every check passed or was skipped with a reason', () => {
    expect(decideOutcome([], [check('a.x', 'passed'), check('a.y', 'skipped')], covered)).toEqual({ outcome: 'passed', exitCode: EXIT.passed });
  });

  it('is 0 when the only failures are the ones the profile expects', () => {
    const checks = applyExpectations([check('a.x', 'passed'), check('a.y', 'failed')], [{ id: 'a.y', reason: 'known drift', match: '.' }]);
    expect(checks[1]!.status).toBe('expected-failure');
    expect(decideOutcome([], checks, covered).exitCode).toBe(EXIT.passed);
  });

  it('is 1 when a check failed', () => {
    expect(decideOutcome([], [check('a.x', 'passed'), check('a.y', 'failed')], covered)).toEqual({ outcome: 'failed', exitCode: EXIT.failed });
  });

  it('is 1 when a check the profile expects to fail passed (the list cannot rot)', () => {
    const checks = applyExpectations([check('a.x', 'passed')], [{ id: 'a.x', reason: 'was broken once', match: '.' }]);
    expect(checks[0]!.status).toBe('unexpected-pass');
    expect(decideOutcome([], checks, covered).exitCode).toBe(EXIT.failed);
  });

  it('is 1 when a documented response was not exercised and the profile does not excuse it', () => {
    expect(decideOutcome([], [check('a.x', 'passed')], { unexercised: ['Apify API > Actors > Actor object > Get actor'] }).exitCode).toBe(EXIT.failed);
  });

  it('is 1 with failOnSkip when a check did not run, and for an inconclusive check whatever the options', () => {
    expect(decideOutcome([], [check('a.x', 'skipped')], covered).exitCode).toBe(EXIT.passed);
    expect(decideOutcome([], [check('a.x', 'skipped')], covered, { failOnSkip: true }).exitCode).toBe(EXIT.failed);
    expect(decideOutcome([], [check('a.x', 'inconclusive')], covered).exitCode).toBe(EXIT.failed);
  });

  it('is 2 when the suite itself broke, whatever the checks say', () => {
    expect(decideOutcome(['dredd: the conformance hooks did not load'], sampleResults(), covered)).toEqual({ outcome: 'broken', exitCode: EXIT.broken });
    expect(decideOutcome(['suites: suites/x.test.ts did not load'], [check('a.x', 'passed')], covered).exitCode).toBe(EXIT.broken);
  });

  it('uses three distinct codes', () => {
    expect(new Set(Object.values(EXIT)).size).toBe(3);
  });
});
