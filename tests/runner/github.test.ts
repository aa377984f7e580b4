import { describe, expect, it } from 'vitest';
import { githubAnnotations, githubStepSummary } from '../../runner/reports/github.ts';
import { sampleResults, sampleSummary } from './sample-results.ts';

// On GitHub Actions a failure must reach the annotations and the job's summary intact: the workflow-command escaping
// keeps a message with newlines, colons, commas or percent signs from being cut or read as another command.

describe('GitHub Actions output', () => {
  it('one error annotation per failing check, escaped so the whole message survives', () => {
    const checks = sampleResults().map((c) =>
      c.id === 'pagination.desc-reverses' ? { ...c, file: 'suites/pagination/a,b.test.ts', message: 'got 100%: a, b\nsecond line' } : c,
    );
    const lines = githubAnnotations(sampleSummary(checks));
    expect(lines).toHaveLength(3);
    expect(lines).toContain(
      '::error file=suites/pagination/a%2Cb.test.ts,title=failed%3A pagination.desc-reverses::rule of pagination.desc-reverses%0Agot 100%25: a, b%0Asecond line',
    );
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
  });

  it('a Markdown verdict: outcome, totals, coverage, drift, and each failing check with its first line', () => {
    const markdown = githubStepSummary(sampleSummary());
    expect(markdown).toMatch(/^## Apify API conformance: FAILED \(exit 1\)\n/);
    expect(markdown).toContain('**Coverage:** 1/3 documented actions');
    expect(markdown).toContain('### Failing checks (3)');
    expect(markdown).toContain('| `pagination.desc-reverses` | failed | message of pagination.desc-reverses |');
    expect(markdown).not.toContain('### Features');
    // Drift: new apart from acknowledged, each new finding by name, and the profile's entries this run did not see.
    const drift = sampleSummary().drift;
    const fresh = drift.findings.filter((f) => f.acknowledgedBy === null);
    expect(fresh.length).toBeGreaterThan(0);
    expect(markdown).toContain(
      `**Drift:** ${drift.findings.length} warning(s): ${fresh.length} new, 1 acknowledged by the profile, 1 of its entries not seen in this run.`,
    );
    expect(markdown).toContain(`### New drift (${fresh.length})`);
    expect(markdown).toContain(`| ${fresh[0]!.kind} | ${fresh[0]!.subject} | \`${fresh[0]!.detail}\` | ${fresh[0]!.count} |`);
    expect(markdown).not.toMatch(/\| `x-ratelimit-limit` \|/);
    expect(markdown).toContain('### Drift the profile lists, not seen in this run (1)\n\n- unknown-error-type HTTP 404: `record-or-token-not-found`');
  });
});
