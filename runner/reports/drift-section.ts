import type { DriftKind } from '../drift.ts';
import type { KnownDrift, MatchedFinding } from '../known-drift.ts';
import { esc } from './escape-html.ts';
import type { Summary } from './summary.ts';

const DRIFT_TITLES: Record<DriftKind, string> = {
  deprecation: 'Deprecation and Sunset announcements, per action',
  'undocumented-status': 'Status codes the spec does not document for the action',
  'unknown-error-type': 'Error types the spec does not name',
  'unknown-enum-value': 'Values outside a documented enumeration',
  'null-field': 'Members that are null where the spec does not allow null',
  'missing-field': 'Documented members no answer carried, per object',
  'undocumented-header': 'Response headers the spec does not document',
  'extra-field': 'Members the spec does not document, per object',
};

/**
 * The report's drift section: new drift first (grouped by kind; what to act on), then the drift the profile
 * acknowledges with its reason and source, the profile's entries this run did not see, and the profile's notes.
 */
export function driftSection(summary: Summary): string {
  const fresh = summary.drift.findings.filter((f) => f.acknowledgedBy === null);
  const acknowledged = summary.drift.findings.filter((f) => f.acknowledgedBy !== null);
  const groups = (Object.keys(DRIFT_TITLES) as DriftKind[])
    .map((kind) => {
      const findings = fresh.filter((f) => f.kind === kind);
      if (findings.length === 0) return '';
      const rows = findings.map((f) => `<tr>${findingCells(f)}</tr>`).join('\n');
      return `<h4>${DRIFT_TITLES[kind]} (${findings.length})</h4>
<table class="drift"><thead><tr><th>Where</th><th>What</th><th>Responses</th><th>First seen</th></tr></thead><tbody>
${rows}
</tbody></table>`;
    })
    .join('\n');
  const known = acknowledged.length
    ? `<h3 id="drift-acknowledged">Acknowledged by the profile (${acknowledged.length})</h3>
<table class="drift"><thead><tr><th>Kind</th><th>Where</th><th>What</th><th>Responses</th><th>First seen</th><th>Why</th><th>Source</th></tr></thead><tbody>
${acknowledged.map((f) => `<tr><td>${esc(f.kind)}</td>${findingCells(f)}<td>${esc(f.acknowledgedBy?.reason ?? '')}</td><td>${esc(f.acknowledgedBy?.source ?? '')}</td></tr>`).join('\n')}
</tbody></table>`
    : '';
  const notSeen = summary.drift.notSeen.length
    ? `<h3 id="drift-not-seen">Listed by the profile, not seen in this run (${summary.drift.notSeen.length})</h3>
<p>No longer seen, or not exercised by this selection: information, not a failure. An entry the target no longer shows can be removed from the profile.</p>
<ul>${summary.drift.notSeen.map((e) => `<li>${entryText(e)}</li>`).join('')}</ul>`
    : '';
  const notes = summary.notes.length ? `<h3>Notes of the profile</h3><ul>${summary.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  return `<section id="drift"><h2>Drift: where the target's answers and the spec part ways (warnings)</h2>
<p>${summary.drift.responses} responses examined. These break no documented rule, so they do not fail the run; they are evidence for updating the spec and <code>spec/ERRATA.md</code>, or the profile.</p>
<h3 id="drift-new">New drift (${fresh.length})</h3>
${groups || '<p>Nothing the profile does not acknowledge.</p>'}
${known}
${notSeen}
${notes}</section>`;
}

function findingCells(f: MatchedFinding): string {
  return `<td>${esc(f.subject)}</td><td><code>${esc(f.detail)}</code></td><td>${f.count}</td><td><code>${esc(f.example)}</code></td>`;
}

function entryText(e: KnownDrift): string {
  return `${esc(e.kind)} ${esc(e.subject)}: <code>${esc(e.detail)}</code> (${esc(e.reason)} Source: ${esc(e.source)})`;
}
