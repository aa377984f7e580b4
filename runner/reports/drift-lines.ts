import type { MatchedDrift } from '../known-drift.ts';

/** How many new findings the printed summary lists by name; the report has them all. */
const LISTED_NEW_DRIFT = 20;

/** The drift in the printed summary: the counts, then each new finding (what to act on) in one line. */
export function driftLines(drift: MatchedDrift): string[] {
  const fresh = drift.findings.filter((f) => f.acknowledgedBy === null);
  const acknowledged = drift.findings.length - fresh.length;
  const notSeen =
    drift.notSeen.length > 0 ? `; ${drift.notSeen.length} entr${drift.notSeen.length === 1 ? 'y' : 'ies'} of the profile not seen in this run` : '';
  return [
    `Drift: ${drift.findings.length} warning(s) from ${drift.responses} responses: ${fresh.length} new, ${acknowledged} acknowledged by the profile${notSeen} (see the report)`,
    ...fresh.slice(0, LISTED_NEW_DRIFT).map((f) => `  new drift: ${f.kind} ${f.subject}: ${f.detail} (${f.count}×, first ${f.example})`),
    ...(fresh.length > LISTED_NEW_DRIFT ? [`  … and ${fresh.length - LISTED_NEW_DRIFT} more in the report`] : []),
  ];
}
