import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../runner/coverage.ts';
import { renderJunit } from '../../runner/reports/junit.ts';
import { buildSummary } from '../../runner/reports/summary.ts';
import { sampleResults } from './sample-results.ts';

function summaryOf() {
  const checks = sampleResults();
  return buildSummary({
    target: { kind: 'external', baseUrl: 'http://127.0.0.1:1', profile: 'generic', maxWaitSecs: 3 },
    startedAt: '2026-11-28T10:00:00.000Z',
    durationMs: 4200,
    outcome: 'failed',
    exitCode: 1,
    brokenReasons: [],
    coverage: computeCoverage(checks.filter((c) => c.layer === 'dredd'), []),
    knownDrift: [],
    checks,
  });
}

describe('junit.xml', () => {
  it('agrees with the summary: one testcase per check and the same failure, error and skip counts', () => {
    const summary = summaryOf();
    const xml = renderJunit(summary);
    expect(xml.match(/<testcase /g)?.length).toBe(summary.totals.total);
    expect(xml).toMatch(new RegExp(`<testsuites [^>]*tests="${summary.totals.total}" failures="${summary.totals.failed}" errors="${summary.totals.error}" skipped="${summary.totals.skipped}"`));
    expect(xml.match(/<failure /g)?.length).toBe(summary.totals.failed);
    expect(xml.match(/<error /g)?.length).toBe(summary.totals.error);
    expect(xml.match(/<skipped /g)?.length).toBe(summary.totals.skipped);
  });

  it('escapes what a target sent so the file stays well-formed', () => {
    const summary = summaryOf();
    summary.checks[1] = { ...summary.checks[1]!, message: 'got <html> & "quotes"\u0001' };
    const xml = renderJunit(summary);
    expect(xml).toContain('got &lt;html&gt; &amp; &quot;quotes&quot;');
    expect(xml).not.toContain('\u0001');
  });
});
