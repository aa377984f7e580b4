import { DRIFT_KINDS, type DriftFinding, type DriftKind, type DriftReport } from './drift.ts';

/**
 * Drift a profile acknowledges: a kind of target is known to answer this way, for a stated reason, from a stated source.
 * `subject` and `detail` are compared with a finding's as written; a trailing `*` matches any rest (`*` alone: anything),
 * e.g. `{ "kind": "undocumented-header", "subject": "*", "detail": "x-ratelimit-limit" }` or `"detail": "Sunset: *"`.
 */
export interface KnownDrift {
  kind: DriftKind;
  subject: string;
  detail: string;
  /** Why the target answers this way. */
  reason: string;
  /** Where the fact comes from: a repository path, a commit, an issue or a pull request. */
  source: string;
}

/** A finding of this run, with the profile's entry that acknowledges it (null: new drift, to act on). */
export interface MatchedFinding extends DriftFinding {
  acknowledgedBy: KnownDrift | null;
}

/** The drift of a run held against its profile: what is acknowledged, what is new, and which entries matched nothing. */
export interface MatchedDrift {
  /** Responses examined (from Dredd and the suites). */
  responses: number;
  findings: MatchedFinding[];
  /** The profile's entries no finding of this run matched: no longer seen, or not exercised by this selection. */
  notSeen: KnownDrift[];
}

export const KNOWN_DRIFT_FORM = `{ "kind": one of ${DRIFT_KINDS.map((k) => `"${k}"`).join(', ')}, "subject": non-empty string, "detail": non-empty string (a trailing * matches any rest), "reason": non-empty string, "source": non-empty string }`;

/** What is wrong with one entry of a profile's `drift`, or undefined when it is well formed. */
export function knownDriftProblem(entry: unknown): string | undefined {
  if (typeof entry === 'string') return 'is a string: free-text notes belong in "notes"';
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'is not an object';
  const fields = entry as Record<string, unknown>;
  if (!(DRIFT_KINDS as readonly unknown[]).includes(fields.kind)) return `has "kind" ${JSON.stringify(fields.kind)}, which is no drift kind`;
  for (const member of ['subject', 'detail', 'reason', 'source'])
    if (typeof fields[member] !== 'string' || fields[member].trim() === '') return `has no "${member}" (a non-empty string)`;
  return undefined;
}

/** Holds each finding against the entries (the first that matches acknowledges it) and lists the entries nothing matched. */
export function matchDrift(report: DriftReport, entries: readonly KnownDrift[]): MatchedDrift {
  const used = new Set<KnownDrift>();
  const findings = report.findings.map((finding) => {
    const entry = entries.find((e) => acknowledges(e, finding)) ?? null;
    if (entry !== null) used.add(entry);
    return { ...finding, acknowledgedBy: entry };
  });
  return { responses: report.responses, findings, notSeen: entries.filter((e) => !used.has(e)) };
}

function acknowledges(entry: KnownDrift, finding: Pick<DriftFinding, 'kind' | 'subject' | 'detail'>): boolean {
  return entry.kind === finding.kind && fits(entry.subject, finding.subject) && fits(entry.detail, finding.detail);
}

function fits(pattern: string, text: string): boolean {
  return pattern.endsWith('*') ? text.startsWith(pattern.slice(0, -1)) : pattern === text;
}
