import type { Summary } from './summary.ts';

/** One merged JUnit file: a <testsuite> per check family, a <testcase> per check. */
export function renderJunit(summary: Summary): string {
  const families = new Map<string, Summary['checks']>();
  for (const check of summary.checks) families.set(check.family, [...(families.get(check.family) ?? []), check]);
  const suites = [...families].map(([family, checks]) => {
    const failures = checks.filter((c) => c.status === 'failed' || c.status === 'inconclusive' || c.status === 'unexpected-pass').length;
    const errors = checks.filter((c) => c.status === 'error').length;
    const skipped = checks.filter((c) => c.status === 'skipped' || c.status === 'not-supported' || c.status === 'expected-failure').length;
    const time = seconds(checks.reduce((sum, c) => sum + c.durationMs, 0));
    const cases = checks.map((c) => {
      const open = `    <testcase classname="${xml(`${c.layer}.${family}`)}" name="${xml(c.id)}" time="${seconds(c.durationMs)}">`;
      const body = caseBody(c);
      return body ? `${open}\n${body}\n    </testcase>` : `${open}</testcase>`;
    });
    return [
      `  <testsuite name="${xml(family)}" tests="${checks.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  const t = summary.totals;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="apify-actors-conformance" tests="${t.total}" failures="${t.failed + t.inconclusive + t['unexpected-pass']}" errors="${t.error}" skipped="${t.skipped + t['not-supported'] + t['expected-failure']}" time="${seconds(summary.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function caseBody(check: Summary['checks'][number]): string {
  switch (check.status) {
    case 'failed':
    case 'inconclusive':
    case 'unexpected-pass':
      return `      <failure message="${xml(firstLine(check.message))}">${xml(check.message)}</failure>`;
    case 'error':
      return `      <error message="${xml(firstLine(check.message))}">${xml(check.message)}</error>`;
    case 'skipped':
    case 'not-supported':
    case 'expected-failure':
      return `      <skipped message="${xml(`${check.status}: ${firstLine(check.message)}`)}"/>`;
    default:
      return '';
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

// Also drops characters XML 1.0 cannot carry at all (control characters from a target's raw body).
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
