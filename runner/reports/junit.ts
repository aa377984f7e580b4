import type { CheckResult } from '../results.ts';
import type { Summary } from './summary.ts';

/**
 * One merged JUnit file: a <testsuite> per check family (with the run's timestamp, host and properties), a <testcase>
 * per check (with its suite file), and for a failure the exchange that shows it in <system-out>.
 */
export function renderJunit(summary: Summary): string {
  const families = new Map<string, CheckResult[]>();
  for (const check of summary.checks) families.set(check.family, [...(families.get(check.family) ?? []), check]);
  const properties = [
    '    <properties>',
    ...Object.entries({
      target: summary.target.baseUrl,
      profile: summary.target.profile,
      'run-id': summary.run.id,
      'suite-version': summary.run.suiteVersion,
      commit: summary.run.commit ?? '',
      'spec-hash': summary.run.specHash,
    }).map(([name, value]) => `      <property name="${name}" value="${xml(value)}"/>`),
    '    </properties>',
  ];
  const suites = [...families].map(([family, checks]) => {
    const failures = checks.filter((c) => c.status === 'failed' || c.status === 'inconclusive' || c.status === 'unexpected-pass').length;
    const errors = checks.filter((c) => c.status === 'error').length;
    const skipped = checks.filter((c) => c.status === 'skipped' || c.status === 'not-supported' || c.status === 'expected-failure').length;
    const time = seconds(checks.reduce((sum, c) => sum + c.durationMs, 0));
    const cases = checks.map((c) => {
      const file = c.file ? ` file="${xml(c.file)}"` : '';
      const open = `    <testcase classname="${xml(`${c.layer}.${family}`)}" name="${xml(c.id)}"${file} time="${seconds(c.durationMs)}">`;
      const body = caseBody(c);
      return body ? `${open}\n${body}\n    </testcase>` : `${open}</testcase>`;
    });
    return [
      `  <testsuite name="${xml(family)}" tests="${checks.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}" timestamp="${xml(summary.startedAt)}" hostname="${xml(summary.run.hostname)}">`,
      ...properties,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  const t = summary.totals;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="apify-api-conformance" tests="${t.total}" failures="${t.failed + t.inconclusive + t['unexpected-pass']}" errors="${t.error}" skipped="${t.skipped + t['not-supported'] + t['expected-failure']}" time="${seconds(summary.durationMs)}" timestamp="${xml(summary.startedAt)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function caseBody(check: CheckResult): string {
  switch (check.status) {
    case 'failed':
    case 'inconclusive':
    case 'unexpected-pass':
      return [`      <failure message="${xml(firstLine(check.message))}">${xml(check.message)}</failure>`, systemOut(check)].filter(Boolean).join('\n');
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

// The request and responses that show a failure, as text a CI system displays beside it.
function systemOut(check: CheckResult): string {
  const e = check.exchange;
  if (e === undefined) return '';
  const lines = [
    e.request && `> ${e.request.method} ${e.request.uri}${e.request.body ? `\n${e.request.body}` : ''}`,
    e.expected && `documented: HTTP ${e.expected.statusCode ?? ''}${e.expected.body ? `\n${e.expected.body}` : ''}`,
    e.actual && `< HTTP ${e.actual.statusCode ?? 'no answer'}${e.actual.body ? `\n${e.actual.body}` : ''}`,
  ].filter(Boolean);
  return `      <system-out>${xml(lines.join('\n\n'))}</system-out>`;
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
