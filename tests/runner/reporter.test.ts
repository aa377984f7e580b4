import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVitest } from 'vitest/node';
import { createRedactor } from '../../common/redact.ts';
import { Progress } from '../../runner/progress.ts';
import type { CheckResult } from '../../runner/results.ts';
import { CheckReporter } from '../../runner/vitest/reporter.ts';
import { setEnvironment } from '../support/environment.ts';

// Suite files written to end in each way a check can end (tests/runner/fixtures/reporter/suites/<family>/*.check.ts).
const ROOT = fileURLToPath(new URL('./fixtures/reporter/', import.meta.url));

let reporter: CheckReporter;
const lines: string[] = [];
const byId = (id: string): CheckResult => {
  const result = reporter.results.find((r) => r.id === id);
  if (!result) throw new Error(`no result for ${id}: ${reporter.results.map((r) => r.id).join(', ')}`);
  return result;
};

beforeAll(async () => {
  const restoreEnvironment = setEnvironment({
    APIFY_API_BASE_URL: 'http://127.0.0.1:1',
    APIFY_TOKEN: 'reporter-test-token',
    CONFORMANCE_SELECT: '',
    CONFORMANCE_READ_ONLY: '0',
  });
  reporter = new CheckReporter(ROOT, createRedactor(['secret-in-message']).text, new Progress((line) => lines.push(line), []));
  const vitest = await createVitest('test', { config: false, root: ROOT, include: ['suites/**/*.check.ts'], run: true, watch: false, reporters: [reporter] });
  try {
    await vitest.start();
  } finally {
    await vitest.close();
    restoreEnvironment();
  }
}, 60_000);

describe('turning Vitest results into check results', () => {
  it('reports a passing check with its metadata', () => {
    expect(byId('beta.passes')).toMatchObject({
      layer: 'vitest',
      family: 'beta',
      title: 'a rule the target keeps',
      spec: 'spec#beta',
      tags: ['beta', 'read-only'],
      status: 'passed',
      file: 'suites/beta/mixed.check.ts',
    });
  });

  it('reports a failing check with its message, redacted', () => {
    const failed = byId('beta.fails');
    expect(failed.status).toBe('failed');
    expect(failed.message).toContain('expected HTTP 201; got HTTP 200');
    expect(failed.message).not.toContain('secret-in-message');
  });

  it('reports a check skipped on purpose as skipped, with its reason', () => {
    expect(byId('beta.not-here')).toMatchObject({ status: 'skipped', message: 'no second user: set APIFY_TOKEN_2' });
    expect(byId('beta.kept-from-verdict')).toMatchObject({ status: 'inconclusive', message: 'Inconclusive: every build ended before its abort arrived' });
  });

  it('fails every check of a file whose set-up failed, though Vitest calls them skipped', () => {
    for (const id of ['alpha.one', 'alpha.two']) {
      expect(byId(id).status).toBe('failed');
      expect(byId(id).message).toMatch(/set-up step .* failed:\ncreating the fixture actor answered HTTP 500/);
    }
  });

  it('reports a failed clean-up after passing checks as a failure of its own', () => {
    expect(byId('alpha.three').status).toBe('passed');
    expect(byId('suites/alpha/cleanup-fails.check.ts (clean-up)')).toMatchObject({
      status: 'failed',
      family: 'alpha',
      message: expect.stringContaining('Cleanup left resources'),
    });
  });

  it("calls a check whose own code is broken an error (the suite's defect, not the target's)", () => {
    expect(byId('beta.defect')).toMatchObject({ status: 'error', message: expect.stringMatching(/^ReferenceError: notDefinedAnywhere/) });
  });

  it('calls a test without check metadata an error', () => {
    const unlabelled = reporter.results.find((r) => r.title === 'a test registered without check()');
    expect(unlabelled).toMatchObject({ status: 'error', family: 'beta', message: expect.stringContaining('no check metadata') });
  });

  it('calls a suite file that does not load a broken suite, by name', () => {
    expect(reporter.brokenReasons).toEqual([expect.stringMatching(/^suites\/gamma\/broken\.check\.ts did not load: .*does-not-exist/)]);
    expect(reporter.results.some((r) => r.id === 'gamma.never')).toBe(false);
  });

  it('shows progress for every result: the family, n of m, and the overall count', () => {
    expect(lines).toHaveLength(reporter.results.length);
    expect(lines.find((l) => l.includes('beta.passes'))).toMatch(/^ {2}\[ *\d+\/\d+\+?\] beta \d\/6 +ok +beta\.passes$/);
    // The total is exact once every file has started; a `+` may remain if the last line came before a file ended.
    expect(lines[lines.length - 1]).toMatch(new RegExp(`^ {2}\\[ *${reporter.results.length}/${reporter.results.length}\\+?\\]`));
  });
});
