import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../runner/reports/junit.ts';
import { sampleSummary } from './sample-results.ts';

/** The attributes of the first element named `tag` whose attributes include `match`. */
function attributes(xml: string, tag: string): Record<string, string> {
  const element = new RegExp(`<${tag} ([^>]*)>`).exec(xml)?.[1] ?? '';
  return Object.fromEntries([...element.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

describe('junit.xml', () => {
  it('agrees with the summary: one testcase per check, and the same failures, errors and skips', () => {
    const summary = sampleSummary();
    const xml = renderJunit(summary);
    const t = summary.totals;
    expect(xml.match(/<testcase /g)?.length).toBe(t.total);
    expect(attributes(xml, 'testsuites')).toMatchObject({
      tests: String(t.total),
      failures: String(t.failed + t['unexpected-pass']),
      errors: String(t.error),
      skipped: String(t.skipped + t['not-supported'] + t['expected-failure']),
    });
    expect(xml.match(/<failure /g)?.length).toBe(t.failed + t['unexpected-pass']);
    expect(xml.match(/<error /g)?.length).toBe(t.error);
    expect(xml.match(/<skipped /g)?.length).toBe(t.skipped + t['not-supported'] + t['expected-failure']);
  });

  it('says which run it is: timestamp, host and properties on each suite, the file of a check, the exchange of a failure', () => {
    const summary = sampleSummary();
    const xml = renderJunit(summary);
    expect(attributes(xml, 'testsuite')).toMatchObject({ timestamp: summary.startedAt, hostname: 'sample-host' });
    for (const [name, value] of [
      ['target', 'http://127.0.0.1:1'],
      ['profile', 'generic'],
      ['run-id', 'samplerun'],
      ['commit', '0123456789abcdef0123456789abcdef01234567'],
      ['spec-hash', 'abcdef012345'],
    ]) {
      expect(xml).toContain(`<property name="${name}" value="${value}"/>`);
    }
    const withFile = renderJunit({ ...summary, checks: summary.checks.map((c) => ({ ...c, file: `suites/${c.family}/x.test.ts` })) });
    expect(withFile).toMatch(/<testcase [^>]*name="pagination\.desc-reverses" file="suites\/pagination\/x\.test\.ts"/);
    // The failed Create actor transaction carries its exchange: the request and the response that broke the rule.
    expect(xml).toMatch(
      /<system-out>&gt; POST \/v2\/acts\?token=\*\*\*\n\{&quot;name&quot;:&quot;x&quot;\}\n\ndocumented: HTTP 201\n\n&lt; HTTP 200\n\{&quot;data&quot;:\{\}\}<\/system-out>/,
    );
  });

  it('has one testsuite per check family whose counts add up to the totals', () => {
    const summary = sampleSummary();
    const xml = renderJunit(summary);
    const suites = [...xml.matchAll(/<testsuite ([^>]*)>/g)].map((m) => Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));
    expect(suites.map((s) => s.name).sort()).toEqual([...new Set(summary.checks.map((c) => c.family))].sort());
    expect(suites.reduce((n, s) => n + Number(s.tests), 0)).toBe(summary.totals.total);
  });

  it('escapes what a target sent so the file stays well-formed', () => {
    const summary = sampleSummary();
    summary.checks[1] = { ...summary.checks[1]!, message: 'got <html> & "quotes"\u0001' };
    const xml = renderJunit(summary);
    expect(xml).toContain('got &lt;html&gt; &amp; &quot;quotes&quot;');
    expect(xml).not.toContain('\u0001');
  });
});
