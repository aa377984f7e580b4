import { documentedAction } from '../dredd/check-results.ts';
import type { CheckResult, CheckStatus } from '../results.ts';
import type { Summary } from './summary.ts';

/**
 * report.html: one self-contained page (no scripts, no external assets) with the conformance matrix, every failure's
 * request and response, the timing plot, and the full list of checks.
 */
export function renderHtml(summary: Summary): string {
  const c = summary.coverage;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Conformance report: ${esc(summary.outcome)} (${esc(summary.target.profile)})</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>Apify API v2 Actors: conformance report</h1>
  <p class="outcome ${esc(summary.outcome)}">${esc(summary.outcome.toUpperCase())}</p>
  <dl>
    <dt>Target</dt><dd>${esc(summary.target.baseUrl)} (${esc(summary.target.kind)}, profile ${esc(summary.target.profile)})</dd>
    <dt>Started</dt><dd>${esc(summary.startedAt)}, took ${(summary.durationMs / 1000).toFixed(1)} s</dd>
    <dt>Coverage</dt><dd id="coverage">${c.actions.passed}/${c.actions.documented} documented actions and ${c.responses.passed}/${c.responses.documented} documented responses exercised and passed</dd>
    <dt>Checks</dt><dd>${totalsLine(summary)}</dd>
  </dl>
  ${summary.brokenReasons.length ? `<section class="broken"><h2>The suite itself broke</h2><ul>${summary.brokenReasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul></section>` : ''}
</header>
<main>
${actionMatrix(summary.checks)}
${familyMatrix(summary.checks)}
${timingPlot(summary.checks, summary.target.maxWaitSecs)}
${failures(summary.checks)}
${drift(summary)}
${allChecks(summary.checks)}
</main>
</body>
</html>
`;
}

const STATUS_ORDER: CheckStatus[] = ['passed', 'failed', 'error', 'unexpected-pass', 'expected-failure', 'skipped'];

function totalsLine(summary: Summary): string {
  return STATUS_ORDER.map((s) => `<span class="pill ${s}">${summary.totals[s]} ${s}</span>`).join(' ');
}

// Rows: documented actions; cells: each documented response of that action (Dredd) with its status.
function actionMatrix(checks: CheckResult[]): string {
  const rows = new Map<string, CheckResult[]>();
  for (const check of checks.filter((c) => c.layer === 'dredd')) {
    const action = documentedAction(check.id);
    rows.set(action, [...(rows.get(action) ?? []), check]);
  }
  const body = [...rows]
    .map(([action, results]) => `<tr><th scope="row">${esc(action)}</th><td>${results.map((r) => `<span class="pill ${r.status}" title="${esc(r.id)}">${esc(responseLabel(r))}: ${esc(r.status)}</span>`).join(' ')}</td></tr>`)
    .join('\n');
  return `<section id="matrix"><h2>Documented actions</h2>
<table class="matrix"><thead><tr><th>Action</th><th>Documented responses (Dredd)</th></tr></thead><tbody>
${body || '<tr><td colspan="2">No transaction ran.</td></tr>'}
</tbody></table></section>`;
}

function responseLabel(check: CheckResult): string {
  const example = /Example (\d+)$/.exec(check.id);
  const status = check.exchange?.expected?.statusCode;
  return status ? `HTTP ${status}` : example ? `example ${example[1]}` : 'response';
}

function familyMatrix(checks: CheckResult[]): string {
  const families = new Map<string, CheckResult[]>();
  for (const check of checks) families.set(check.family, [...(families.get(check.family) ?? []), check]);
  const head = STATUS_ORDER.map((s) => `<th>${s}</th>`).join('');
  const body = [...families]
    .map(([family, results]) => {
      const cells = STATUS_ORDER.map((s) => {
        const n = results.filter((r) => r.status === s).length;
        return `<td class="${n ? s : ''}">${n || ''}</td>`;
      }).join('');
      return `<tr><th scope="row">${esc(family)}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<section id="families"><h2>Check families</h2>
<table class="matrix"><thead><tr><th>Family</th>${head}</tr></thead><tbody>
${body}
</tbody></table></section>`;
}

// Where timing is the point, the observed duration of each timing check against the target's cap.
function timingPlot(checks: CheckResult[], capSecs: number): string {
  const timed = checks.filter((c) => c.tags.includes('timing') && (c.status === 'passed' || c.status === 'failed'));
  if (timed.length === 0) return '<section id="timing"><h2>Timing</h2><p>No timing check ran.</p></section>';
  const barHeight = 18;
  const labelWidth = 360;
  const plotWidth = 420;
  const maxSecs = Math.max(capSecs * 1.5, ...timed.map((c) => c.durationMs / 1000));
  const x = (secs: number) => labelWidth + (secs / maxSecs) * plotWidth;
  const height = timed.length * (barHeight + 6) + 30;
  const bars = timed
    .map((c, i) => {
      const y = i * (barHeight + 6);
      const secs = c.durationMs / 1000;
      return `<text x="${labelWidth - 6}" y="${y + 13}" text-anchor="end">${esc(c.id)}</text>
<rect class="${c.status}" x="${labelWidth}" y="${y}" width="${Math.max(1, x(secs) - labelWidth).toFixed(1)}" height="${barHeight}"><title>${esc(c.id)}: ${secs.toFixed(2)} s</title></rect>
<text x="${(x(secs) + 4).toFixed(1)}" y="${y + 13}">${secs.toFixed(2)} s</text>`;
    })
    .join('\n');
  const capX = x(capSecs).toFixed(1);
  return `<section id="timing"><h2>Timing checks against the wait cap (${capSecs} s)</h2>
<p>Each bar is a timing check's whole duration; the line marks the target's cap on <code>waitForFinish</code> and run-sync.</p>
<svg role="img" aria-label="Observed durations of timing checks against the cap" width="${labelWidth + plotWidth + 80}" height="${height}">
${bars}
<line class="cap" x1="${capX}" x2="${capX}" y1="0" y2="${height - 24}"/>
<text x="${capX}" y="${height - 8}" text-anchor="middle">cap ${capSecs} s</text>
</svg></section>`;
}

function failures(checks: CheckResult[]): string {
  const failing = checks.filter((c) => c.status === 'failed' || c.status === 'error' || c.status === 'unexpected-pass');
  if (failing.length === 0) return '<section id="failures"><h2>Failures</h2><p>None.</p></section>';
  const items = failing
    .map((c) => {
      const e = c.exchange;
      const exchange = e
        ? `<div class="exchange">
${e.request ? `<h4>Request</h4><pre>${esc(`${e.request.method} ${e.request.uri}\n${headerLines(e.request.headers)}${e.request.body ? `\n${e.request.body}` : ''}`)}</pre>` : ''}
${e.expected ? `<h4>Documented response</h4><pre>${esc(`${e.expected.statusCode ?? ''}\n${headerLines(e.expected.headers)}${e.expected.body ? `\n${e.expected.body}` : ''}`)}</pre>` : ''}
${e.actual ? `<h4>Actual response</h4><pre>${esc(`${e.actual.statusCode ?? ''}\n${headerLines(e.actual.headers)}${e.actual.body ? `\n${e.actual.body}` : ''}`)}</pre>` : ''}
</div>`
        : '';
      return `<article class="failure"><h3><span class="pill ${c.status}">${esc(c.status)}</span> ${esc(c.id)}</h3>
<p>${esc(c.title)} <a href="${esc(c.spec)}">${esc(c.spec)}</a></p>
<pre>${esc(c.message)}</pre>
${exchange}</article>`;
    })
    .join('\n');
  return `<section id="failures"><h2>Failures (${failing.length})</h2>\n${items}</section>`;
}

function headerLines(headers: Record<string, string> | undefined): string {
  return Object.entries(headers ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

function drift(summary: Summary): string {
  if (summary.knownDrift.length === 0) return '';
  return `<section id="drift"><h2>Known drift of this target from the 2020 document</h2><ul>${summary.knownDrift.map((d) => `<li>${esc(d)}</li>`).join('')}</ul></section>`;
}

function allChecks(checks: CheckResult[]): string {
  const rows = checks
    .map((c) => `<tr><td><span class="pill ${c.status}">${esc(c.status)}</span></td><td>${esc(c.id)}</td><td>${esc(c.title)}</td><td>${(c.durationMs / 1000).toFixed(2)} s</td><td>${esc(c.status === 'passed' ? '' : c.message.split('\n')[0] ?? '')}</td></tr>`)
    .join('\n');
  return `<section id="checks"><h2>Every check (${checks.length})</h2>
<table><thead><tr><th>Status</th><th>Id</th><th>Rule</th><th>Duration</th><th>Note</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

function esc(text: string | number): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2329;background:#fafbfc}
header,main{max-width:1200px;margin:0 auto;padding:12px 24px}
h1{font-size:22px;margin:12px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d8dee4}
dl{display:grid;grid-template-columns:110px 1fr;gap:2px 12px;margin:8px 0}dt{font-weight:600}
.outcome{display:inline-block;font-weight:700;padding:2px 10px;border-radius:4px;color:#fff}
.outcome.passed{background:#1a7f37}.outcome.failed{background:#cf222e}.outcome.broken{background:#8250df}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #d8dee4;padding:4px 8px;text-align:left;vertical-align:top}
.matrix td{text-align:left}
.pill{display:inline-block;padding:0 6px;border-radius:10px;font-size:12px;white-space:nowrap;background:#eaeef2}
.passed{background:#dafbe1}.failed{background:#ffebe9}.error{background:#fbefff}.unexpected-pass{background:#fff8c5}
.expected-failure{background:#ddf4ff}.skipped{background:#eaeef2}
td.passed,td.failed,td.error,td.unexpected-pass,td.expected-failure,td.skipped{font-weight:600}
pre{background:#f6f8fa;border:1px solid #d8dee4;padding:8px;overflow:auto;white-space:pre-wrap;word-break:break-word}
.failure{border-left:4px solid #cf222e;padding-left:12px;margin:12px 0}
svg text{font-size:11px;fill:#1d2329}svg rect.passed{fill:#2da44e}svg rect.failed{fill:#cf222e}svg line.cap{stroke:#8250df;stroke-width:2;stroke-dasharray:4 3}
.broken{border-left:4px solid #8250df;padding-left:12px}
`;
