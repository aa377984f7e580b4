import { lateSlackMs } from '../../common/timing.ts';
import { type CheckResult, type CheckStatus, countStatuses, type Exchange, isFailing, type Totals } from '../results.ts';
import type { WaitObservation } from '../timing.ts';
import { driftSection } from './drift-section.ts';
import { esc } from './escape-html.ts';
import { curlCommand, rerunCommand } from './reproduce.ts';
import type { Summary } from './summary.ts';

/**
 * report.html: one self-contained page (no scripts, no external assets) rendered from the summary: the verdict, then
 * every failure's request and response (what to fix comes first), the score per feature, the conformance matrix, the
 * waits against the target's cap, the drift warnings and the full list of checks. Every failing pill links to its failure.
 */
export function renderHtml(summary: Summary): string {
  const anchors = failureAnchors(summary.checks);
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
${overview(summary)}
</header>
<main>
${failures(summary, anchors)}
${features(summary)}
${matrix(summary, anchors)}
${families(summary.checks)}
${timing(summary.waits, { waitForFinish: summary.target.maxWaitSecs, runSync: summary.target.runSyncMaxWaitSecs })}
${driftSection(summary)}
${allChecks(summary.checks, anchors)}
</main>
</body>
</html>
`;
}

const STATUS_ORDER: CheckStatus[] = ['passed', 'failed', 'inconclusive', 'error', 'unexpected-pass', 'expected-failure', 'skipped', 'not-supported'];

/** The anchor of each failing check's entry under Failures, by check id. */
type Anchors = Map<string, string>;

function failureAnchors(checks: CheckResult[]): Anchors {
  return new Map(checks.filter((c) => isFailing(c.status)).map((c, i) => [c.id, `failure-${i + 1}`]));
}

/** A status pill; a failing one links to the failure's entry. */
function pill(anchors: Anchors, id: string, status: CheckStatus, text: string): string {
  const anchor = anchors.get(id);
  const label = `<span class="pill ${status}" title="${esc(id)}">${esc(text)}</span>`;
  return anchor === undefined ? label : `<a href="#${anchor}">${label}</a>`;
}
function overview(summary: Summary): string {
  const c = summary.coverage;
  const selection = summary.selection.select.length > 0 ? summary.selection.select.join(', ') : 'everything';
  return `<h1>Apify API v2: conformance report</h1>
<p class="outcome ${esc(summary.outcome)}">${esc(summary.outcome.toUpperCase())} (exit ${summary.exitCode})</p>
<dl>
  <dt>Target</dt><dd>${esc(summary.target.baseUrl)} (${esc(summary.target.kind)}, profile ${esc(summary.target.profile)}; wait cap ${summary.target.maxWaitSecs} s, run-sync cap ${summary.target.runSyncMaxWaitSecs} s, rate limit ${summary.target.rateLimitRps}/s)</dd>
  <dt>Started</dt><dd>${esc(summary.startedAt)}, took ${(summary.durationMs / 1000).toFixed(1)} s</dd>
  <dt>Run</dt><dd id="run">run id ${esc(summary.run.id)}; suite ${esc(summary.run.suiteVersion)}${summary.run.commit ? ` at ${esc(summary.run.commit.slice(0, 12))}` : ''}; spec ${esc(summary.run.specHash)}</dd>
  <dt>Selection</dt><dd>${esc(selection)}${summary.selection.readOnly ? ', read-only mode' : ''}${summary.selection.dredd ? '' : ', without the Dredd layer'}</dd>
  <dt>Coverage</dt><dd id="coverage">${c.actions.passed}/${c.actions.documented} documented actions and ${c.responses.passed}/${c.responses.documented} documented responses exercised and passed${c.gate.applied ? '' : ` (not a gate in this run: ${esc(c.gate.reason)})`}${c.unexercised.length ? `; not exercised: ${c.unexercised.map(esc).join(', ')}` : ''}${c.excused.length ? `; excused by the profile: ${c.excused.map((e) => `${esc(e.id)} (${esc(e.reason)})`).join(', ')}` : ''}</dd>
  <dt>Checks</dt><dd id="totals">${STATUS_ORDER.map((s) => `<span class="pill ${s}">${summary.totals[s]} ${s}</span>`).join(' ')}</dd>
  <dt>Drift</dt><dd>${summary.drift.findings.length} warning(s) from ${summary.drift.responses} responses: <a href="#drift-new">${summary.drift.findings.filter((f) => f.acknowledgedBy === null).length} new</a>, ${summary.drift.findings.filter((f) => f.acknowledgedBy !== null).length} acknowledged by the profile${summary.drift.notSeen.length ? `; ${summary.drift.notSeen.length} of its entries not seen` : ''}</dd>
</dl>
${summary.brokenReasons.length ? `<section id="broken" class="broken"><h2>The suite itself broke: no verdict on the target</h2><ul>${summary.brokenReasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul></section>` : ''}`;
}

// Rows: documented actions. Columns: the Dredd transaction of each documented response, then each check family that
// sent the action a request (the worst status of those checks).
function matrix(summary: Summary, anchors: Anchors): string {
  const { families: columns, rows } = summary.matrix;
  const head = `<th>Action</th><th>Dredd: documented responses</th>${columns.map((f) => `<th>${esc(f)}</th>`).join('')}`;
  const body = rows
    .map((row) => {
      const responses = row.responses.map((r) => pill(anchors, r.id, r.result, `${r.status} ${r.result}`)).join(' ');
      const cells = columns
        .map((family) => {
          const cell = row.families[family];
          return cell ? `<td class="${cell.result}" title="${cell.checks} check(s) of ${esc(family)}">${esc(cell.result)}</td>` : '<td class="none"></td>';
        })
        .join('');
      return `<tr><th scope="row">${esc(row.action)}<br><code>${esc(row.method)} ${esc(row.path)}</code></th><td>${responses}</td>${cells}</tr>`;
    })
    .join('\n');
  return `<section id="matrix"><h2>Conformance matrix</h2>
<p>Each documented action, the Dredd transaction of each of its documented responses, and each check family whose checks sent it a request (a cell shows the worst status among them; empty: the family did not exercise the action).</p>
<div class="scroll"><table class="matrix"><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></div></section>`;
}

/** Cells of a row of counts, one per status. */
function statusCells(counts: Totals): string {
  return STATUS_ORDER.map((s) => `<td class="${counts[s] ? s : ''}">${counts[s] || ''}</td>`).join('');
}

function statusHeads(): string {
  return STATUS_ORDER.map((s) => `<th>${s}</th>`).join('');
}

function families(checks: CheckResult[]): string {
  const byFamily = new Map<string, CheckResult[]>();
  for (const check of checks) byFamily.set(check.family, [...(byFamily.get(check.family) ?? []), check]);
  const body = [...byFamily]
    .map(([family, results]) => {
      const counts = countStatuses(results);
      return `<tr><th scope="row">${esc(family)}</th><td>${counts.total}</td>${statusCells(counts)}</tr>`;
    })
    .join('\n');
  return `<section id="families"><h2>Check families</h2>
<table class="counts"><thead><tr><th>Family</th><th>checks</th>${statusHeads()}</tr></thead><tbody>
${body}
</tbody></table></section>`;
}

// The target's grade per feature: what it claims to implement, and how the checks that need each feature did.
function features(summary: Summary): string {
  const claimed = summary.target.features === null ? 'every feature (no list in the profile)' : `${summary.target.features.length} feature(s)`;
  const body = summary.features
    .map((f) => {
      const score = f.implemented ? `${f.score.passed}/${f.score.judged}` : 'not supported';
      return `<tr><th scope="row" title="${esc(f.description)}">${esc(f.feature)}</th><td>${score}</td>${statusCells(f.counts)}</tr>`;
    })
    .join('\n');
  return `<section id="features"><h2>Features</h2>
<p>The target claims ${esc(claimed)}. A check counts under every feature it needs; a feature's score is the checks that passed of those that reached a verdict.</p>
<table class="counts"><thead><tr><th>Feature</th><th>score</th>${statusHeads()}</tr></thead><tbody>
${body}
</tbody></table></section>`;
}

function failures(summary: Summary, anchors: Anchors): string {
  const failing = summary.checks.filter((c) => isFailing(c.status));
  if (failing.length === 0) return '<section id="failures"><h2>Failures</h2><p>None.</p></section>';
  const items = failing
    .map(
      (c) => `<article class="failure" id="${anchors.get(c.id)}"><h3><span class="pill ${c.status}">${esc(c.status)}</span> ${esc(c.id)}</h3>
<p>${esc(c.title)}${c.spec ? ` (<a href="${esc(c.spec)}">${esc(c.spec)}</a>)` : ''}${c.file ? `, in <code>${esc(c.file)}</code>` : ''}</p>
<pre>${esc(c.message)}</pre>
${c.exchange ? exchange(c.exchange) : ''}
${reproduce(summary, c)}</article>`,
    )
    .join('\n');
  return `<section id="failures"><h2>Failures (${failing.length})</h2>\n${items}</section>`;
}

// The request as curl (token as $APIFY_TOKEN) and the command that reruns the check alone.
function reproduce(summary: Summary, check: CheckResult): string {
  const curl = curlCommand(summary, check.exchange?.request);
  return `<div class="reproduce"><h4>Reproduce</h4>${curl ? `<pre class="curl">${esc(curl)}</pre>` : ''}<pre class="rerun">${esc(rerunCommand(summary, check))}</pre></div>`;
}

function exchange(e: Exchange): string {
  const block = (title: string, lines: Array<string | undefined>) =>
    `<h4>${title}</h4><pre>${esc(lines.filter((l) => l !== undefined && l !== '').join('\n'))}</pre>`;
  return `<div class="exchange">
${e.request ? block('Request', [`${e.request.method} ${e.request.uri}`, headerLines(e.request.headers), e.request.body && `\n${e.request.body}`]) : ''}
${e.expected ? block('Documented response', [`HTTP ${e.expected.statusCode ?? ''}`, headerLines(e.expected.headers), e.expected.body && `\n${e.expected.body}`]) : ''}
${e.actual ? block('Actual response', [e.actual.statusCode === undefined ? undefined : `HTTP ${e.actual.statusCode}`, headerLines(e.actual.headers), e.actual.body && `\n${e.actual.body}`]) : ''}
</div>`;
}

function headerLines(headers: Record<string, string> | undefined): string {
  return Object.entries(headers ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

// Where timing is the point: each waitForFinish or run-sync request a check sent, the time the target held it (bar),
// the wait asked for (tick) and the cap of its endpoint (dashed line; run-sync may have a longer one of its own).
function timing(waits: WaitObservation[], caps: { waitForFinish: number; runSync: number }): string {
  const twoCaps = caps.runSync !== caps.waitForFinish;
  const title = `<h2>Waits against the cap (${caps.waitForFinish} s${twoCaps ? `; run-sync ${caps.runSync} s` : ''})</h2>`;
  if (waits.length === 0) return `<section id="timing">${title}<p>No check asked the target to wait.</p></section>`;
  const rowHeight = 22;
  const labelWidth = 360;
  const plotWidth = 420;
  const noteWidth = 300;
  const top = 8;
  const capOf = (w: WaitObservation) => (w.requestedSecs === undefined ? caps.runSync : caps.waitForFinish);
  // Holding a request a little past the cap is network and scheduling noise, not a longer cap: the checks' own slack.
  const toleranceOf = (capSecs: number) => lateSlackMs(capSecs) / 1000;
  const tolerance = toleranceOf(caps.waitForFinish);
  const longestCap = Math.max(...waits.map(capOf));
  const maxSecs = Math.max(
    longestCap * 1.3,
    ...waits.map((w) => w.observedSecs * 1.1),
    ...waits.map((w) => Math.min(w.requestedSecs ?? 0, caps.waitForFinish * 2)),
  );
  const x = (secs: number) => labelWidth + (Math.min(secs, maxSecs) / maxSecs) * plotWidth;
  const height = top + waits.length * rowHeight + 34;
  const width = labelWidth + plotWidth + noteWidth;
  const rows = waits
    .map((w, i) => {
      const y = top + i * rowHeight;
      const overCap = w.observedSecs > capOf(w) + toleranceOf(capOf(w));
      const requested =
        w.requestedSecs === undefined
          ? ''
          : `<line class="requested" x1="${x(w.requestedSecs).toFixed(1)}" x2="${x(w.requestedSecs).toFixed(1)}" y1="${y}" y2="${y + rowHeight - 6}"><title>asked for ${w.requestedSecs} s</title></line>`;
      const note = `${w.observedSecs.toFixed(2)} s${w.requestedSecs === undefined ? ' (run-sync)' : ` of ${w.requestedSecs} s asked`} -> ${w.status ?? 'no answer'}${w.jobStatus ? ` ${w.jobStatus}` : ''}`;
      return `<text x="${labelWidth - 8}" y="${y + 13}" text-anchor="end">${esc(abbreviate(w.checkId, 52))}</text>
<rect class="${overCap ? 'over' : 'held'}" x="${labelWidth}" y="${y + 2}" width="${Math.max(1, x(w.observedSecs) - labelWidth).toFixed(1)}" height="${rowHeight - 10}"><title>${esc(`${w.checkId}: ${w.request}`)}</title></rect>
${requested}
<text class="value${overCap ? ' over' : ''}" x="${labelWidth + plotWidth + 12}" y="${y + 13}">${esc(note)}</text>`;
    })
    .join('\n');
  const capX = x(caps.waitForFinish).toFixed(1);
  const runSyncCap = twoCaps && waits.some((w) => w.requestedSecs === undefined) ? x(caps.runSync).toFixed(1) : undefined;
  const axisY = top + waits.length * rowHeight + 4;
  return `<section id="timing">${title}
<p>Bars: how long the target held each request (the wait it observed); ticks: the <code>waitForFinish</code> a check asked for; dashed line: the cap (<code>CONFORMANCE_MAX_WAIT_SECS</code>${runSyncCap === undefined ? '' : "; the second one, run-sync's own, <code>CONFORMANCE_RUN_SYNC_MAX_WAIT_SECS</code>"}). A red bar went past the cap of its endpoint by more than ${tolerance.toFixed(1)} s (the checks' own slack${runSyncCap === undefined ? '' : ', a tenth of the cap for the longer one'}): the target held a request longer than its cap.</p>
<svg role="img" aria-label="Observed waits against the cap" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
${rows}
<line class="axis" x1="${labelWidth}" x2="${labelWidth + plotWidth}" y1="${axisY}" y2="${axisY}"/>
<text x="${labelWidth}" y="${axisY + 16}">0 s</text>
<text x="${labelWidth + plotWidth}" y="${axisY + 16}" text-anchor="end">${maxSecs.toFixed(1)} s</text>
${runSyncCap === undefined ? '' : `<line class="cap" x1="${runSyncCap}" x2="${runSyncCap}" y1="0" y2="${axisY}"><title>run-sync cap ${caps.runSync} s</title></line>\n`}<line class="cap" x1="${capX}" x2="${capX}" y1="0" y2="${axisY}"/>
<text class="cap" x="${capX}" y="${axisY + 28}" text-anchor="middle">cap ${caps.waitForFinish} s</text>
</svg></section>`;
}

function allChecks(checks: CheckResult[], anchors: Anchors): string {
  const rows = checks
    .map(
      (c) =>
        `<tr><td>${pill(anchors, c.id, c.status, c.status)}</td><td>${esc(c.id)}</td><td>${esc(c.title)}</td><td>${(c.durationMs / 1000).toFixed(2)} s</td><td>${esc(c.status === 'passed' ? '' : (c.message.split('\n')[0] ?? ''))}</td></tr>`,
    )
    .join('\n');
  return `<section id="checks"><h2>Every check (${checks.length})</h2>
<table><thead><tr><th>Status</th><th>Id</th><th>Rule</th><th>Duration</th><th>Note</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

// A label that fits: without the API's title, and cut in the middle, since the end (the example, the rule) tells rows apart.
function abbreviate(text: string, length: number): string {
  const label = text.replace(/^Apify API > /, '');
  if (label.length <= length) return label;
  const head = Math.floor(length / 3);
  return `${label.slice(0, head)}…${label.slice(label.length - (length - head - 1))}`;
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2329;background:#fafbfc}
header,main{max-width:1400px;margin:0 auto;padding:12px 24px}
h1{font-size:22px;margin:12px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d8dee4}h3{font-size:15px;margin:16px 0 6px}
dl{display:grid;grid-template-columns:110px 1fr;gap:2px 12px;margin:8px 0}dt{font-weight:600}
.outcome{display:inline-block;font-weight:700;padding:2px 10px;border-radius:4px;color:#fff}
.outcome.passed{background:#1a7f37}.outcome.failed{background:#cf222e}.outcome.broken{background:#8250df}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #d8dee4;padding:4px 8px;text-align:left;vertical-align:top}
.scroll{overflow-x:auto}.matrix th[scope=row]{font-weight:600;min-width:15em}.matrix code{font-weight:400;font-size:12px;color:#57606a}
.matrix td{white-space:nowrap;font-size:12px}.matrix thead th{font-size:12px}td.none{background:#fafbfc}
.pill{display:inline-block;padding:0 6px;border-radius:10px;font-size:12px;white-space:nowrap;background:#eaeef2}
.passed{background:#dafbe1}.failed{background:#ffebe9}.inconclusive{background:#fff1e5}.error{background:#fbefff}.unexpected-pass{background:#fff8c5}
.expected-failure{background:#ddf4ff}.skipped,.not-supported{background:#eaeef2}
pre{background:#f6f8fa;border:1px solid #d8dee4;padding:8px;overflow:auto;white-space:pre-wrap;word-break:break-word;max-height:28em}
.failure{border-left:4px solid #cf222e;padding-left:12px;margin:12px 0}
svg text{font-size:11px;fill:#1d2329}svg rect.held{fill:#2da44e}svg rect.over{fill:#cf222e}
svg line.cap{stroke:#8250df;stroke-width:2;stroke-dasharray:5 3}svg text.cap{fill:#8250df;font-weight:600}
svg line.requested{stroke:#0969da;stroke-width:3}svg text.over{fill:#cf222e;font-weight:600}svg line.axis{stroke:#57606a}
.broken{border-left:4px solid #8250df;padding-left:12px}
`;
