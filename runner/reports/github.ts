import { isFailing } from '../results.ts';
import type { Summary } from './summary.ts';

// On GitHub Actions: an error annotation per failing check (workflow commands on stdout) and the verdict in Markdown
// for the job's summary page ($GITHUB_STEP_SUMMARY).

/** How many failing checks, and how many new drift findings, the step summary lists by name; the report has them all. */
const LISTED_FAILURES = 50;
const LISTED_FINDINGS = 50;

export function githubAnnotations(summary: Summary): string[] {
  const failing = summary.checks.filter((check) => isFailing(check.status));
  return [
    ...failing.map((check) => {
      const file = check.file ? `file=${property(check.file)},` : '';
      return `::error ${file}title=${property(`${check.status}: ${check.id}`)}::${data(`${check.title}\n${check.message}`)}`;
    }),
    ...summary.brokenReasons.map((reason) => `::error title=${property('the conformance suite broke (no verdict)')}::${data(reason)}`),
  ];
}

export function githubStepSummary(summary: Summary): string {
  const t = summary.totals;
  const c = summary.coverage;
  const failing = summary.checks.filter((check) => isFailing(check.status));
  const fresh = summary.drift.findings.filter((finding) => finding.acknowledgedBy === null);
  const lines = [
    `## Apify API conformance: ${summary.outcome.toUpperCase()} (exit ${summary.exitCode})`,
    '',
    `Target \`${summary.target.baseUrl}\` (${summary.target.kind}, profile \`${summary.target.profile}\`), run \`${summary.run.id}\`, spec \`${summary.run.specHash}\`.`,
    '',
    `**Checks:** ${t.passed} passed, ${t.failed} failed, ${t.inconclusive} inconclusive, ${t['unexpected-pass']} unexpected passes, ${t.error} errors, ${t['expected-failure']} expected failures, ${t.skipped} skipped, ${t['not-supported']} not supported.`,
    `**Coverage:** ${c.actions.passed}/${c.actions.documented} documented actions and ${c.responses.passed}/${c.responses.documented} documented responses exercised and passed${c.unexercised.length > 0 ? `; ${c.unexercised.length} not exercised` : ''}.`,
    `**Drift:** ${summary.drift.findings.length} warning(s): ${fresh.length} new, ${summary.drift.findings.length - fresh.length} acknowledged by the profile${
      summary.drift.notSeen.length > 0 ? `, ${summary.drift.notSeen.length} of its entries not seen in this run` : ''
    }${summary.baseline === null ? '' : `; ${summary.baseline.newDrift.length} finding(s) not reported by run \`${summary.baseline.baseline.runId}\``}.`,
  ];
  if (summary.baseline !== null && summary.baseline.newlyFailing.length > 0) {
    const { baseline, newlyFailing } = summary.baseline;
    lines.push('', `### Newly failing since run \`${baseline.runId}\``, '', ...newlyFailing.map((id) => `- \`${cell(id)}\``));
  }
  if (summary.brokenReasons.length > 0) lines.push('', '### Why the suite broke', '', ...summary.brokenReasons.map((reason) => `- ${inline(reason)}`));
  if (failing.length > 0) {
    lines.push('', `### Failing checks (${failing.length})`, '', '| check | status | first line |', '| --- | --- | --- |');
    for (const check of failing.slice(0, LISTED_FAILURES))
      lines.push(`| \`${cell(check.id)}\` | ${check.status} | ${cell(check.message.split('\n')[0] ?? '')} |`);
    if (failing.length > LISTED_FAILURES) lines.push('', `… and ${failing.length - LISTED_FAILURES} more in report.html.`);
  }
  if (fresh.length > 0) {
    lines.push('', `### New drift (${fresh.length})`, '', '| kind | where | what | responses |', '| --- | --- | --- | --- |');
    for (const f of fresh.slice(0, LISTED_FINDINGS)) lines.push(`| ${f.kind} | ${cell(f.subject)} | \`${cell(f.detail)}\` | ${f.count} |`);
    if (fresh.length > LISTED_FINDINGS) lines.push('', `… and ${fresh.length - LISTED_FINDINGS} more in report.html.`);
  }
  if (summary.drift.notSeen.length > 0) {
    lines.push('', `### Drift the profile lists, not seen in this run (${summary.drift.notSeen.length})`, '');
    for (const e of summary.drift.notSeen) lines.push(`- ${e.kind} ${inline(e.subject)}: \`${cell(e.detail)}\``);
  }
  if (summary.target.features !== null) {
    lines.push('', '### Features', '', '| feature | score |', '| --- | --- |');
    for (const f of summary.features) lines.push(`| ${f.feature} | ${f.implemented ? `${f.score.passed}/${f.score.judged}` : 'not supported'} |`);
  }
  return `${lines.join('\n')}\n`;
}

// Workflow command escaping: data may hold any text; a property also may not hold ':' or ','.
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function inline(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|').replace(/`/g, "'");
}
