import { describe, expect, it } from 'vitest';
import { isSchemaName, type JsonSchema, SCHEMA_NAMES, schemaOf } from '../../common/schemas.ts';
import { readSpecContract } from '../../common/spec-contract.ts';
import type { DriftFinding } from '../../runner/drift.ts';
import { type KnownDrift, knownDriftProblem, matchDrift } from '../../runner/known-drift.ts';
import { loadProfile } from '../../runner/profiles.ts';

// A profile's `drift` acknowledges what a kind of target is known to answer: its findings are reported apart from new
// drift, and the entries that matched nothing are listed, so the profile can follow the target.

const finding = (kind: DriftFinding['kind'], subject: string, detail: string): DriftFinding => ({
  kind,
  subject,
  detail,
  count: 1,
  example: 'GET /v2/x -> 200',
});
const entry = (kind: KnownDrift['kind'], subject: string, detail: string, reason = 'why'): KnownDrift => ({ kind, subject, detail, reason, source: 'where' });

describe('matching findings against the profile', () => {
  const findings = [
    finding('extra-field', 'Run', 'usageTotalUsd'),
    finding('extra-field', 'Run', 'stats.memAvgBytes'),
    finding('extra-field', 'Run', 'brandNewMember'),
    finding('extra-field', 'Build', 'usageTotalUsd'),
    finding('undocumented-header', 'any action', 'x-ratelimit-limit'),
    finding('deprecation', 'Run object > Get run', 'Sunset: Thu, 31 Dec 2026 23:59:59 GMT'),
  ];
  const entries = [
    entry('extra-field', 'Run', 'usageTotalUsd'),
    entry('extra-field', 'Run', 'stats.*'),
    entry('undocumented-header', '*', 'x-ratelimit-limit'),
    entry('deprecation', 'Run object > Get run', 'Sunset: *'),
    entry('unknown-error-type', 'HTTP 404', 'record-or-token-not-found'),
  ];
  const matched = matchDrift({ responses: 9, findings }, entries);
  const ackBy = (detail: string) => matched.findings.find((f) => f.detail === detail)?.acknowledgedBy;

  it('acknowledges a finding an entry names exactly, or by a trailing *, with the entry', () => {
    expect(ackBy('usageTotalUsd')).toBe(entries[0]);
    expect(ackBy('stats.memAvgBytes')).toBe(entries[1]);
    expect(ackBy('x-ratelimit-limit')).toBe(entries[2]);
    expect(ackBy('Sunset: Thu, 31 Dec 2026 23:59:59 GMT')).toBe(entries[3]);
  });

  it('leaves new what no entry names: another member, the same member of another object', () => {
    expect(matched.findings.filter((f) => f.acknowledgedBy === null).map((f) => `${f.subject} ${f.detail}`)).toEqual([
      'Run brandNewMember',
      'Build usageTotalUsd',
    ]);
  });

  it('lists the entries no finding matched, and keeps the count of responses', () => {
    expect(matched.notSeen).toEqual([entries[4]]);
    expect(matched.responses).toBe(9);
  });

  it('takes the kind into account, and the first entry that matches', () => {
    const twice = [entry('extra-field', 'Run', '*', 'first'), entry('extra-field', 'Run', 'usageTotalUsd', 'second'), entry('missing-field', 'Run', '*')];
    const result = matchDrift({ responses: 1, findings: [finding('extra-field', 'Run', 'usageTotalUsd')] }, twice);
    expect(result.findings[0]?.acknowledgedBy?.reason).toBe('first');
    expect(result.notSeen.map((e) => e.reason)).toEqual(['second', 'why']);
  });
});

describe('an entry of a profile', () => {
  it('is well formed, or named for what it lacks', () => {
    expect(knownDriftProblem(entry('extra-field', 'Run', 'x'))).toBeUndefined();
    expect(knownDriftProblem('Runs carry more members')).toMatch(/is a string: free-text notes belong in "notes"/);
    expect(knownDriftProblem({ ...entry('extra-field', 'Run', 'x'), kind: 'extra-member' })).toMatch(/"kind" "extra-member", which is no drift kind/);
    expect(knownDriftProblem({ ...entry('extra-field', 'Run', 'x'), source: '' })).toMatch(/no "source"/);
    const { reason: _, ...withoutReason } = entry('extra-field', 'Run', 'x');
    expect(knownDriftProblem(withoutReason)).toMatch(/no "reason"/);
  });
});

describe('the apify-live profile', () => {
  const profile = loadProfile('apify-live');
  const contract = readSpecContract();

  it('acknowledges drift each entry of which the analysis can find: undocumented by our spec, or documented where it is missing', () => {
    for (const known of profile.drift) {
      const where = `${known.kind} ${known.subject} ${known.detail}`;
      if (known.kind === 'unknown-error-type') expect(contract.errorTypes, where).not.toContain(known.detail);
      if (known.kind === 'undocumented-header') expect(contract.headers, where).not.toContain(known.detail);
      if (known.kind === 'undocumented-status') expect(contract.errorStatuses.map(String), where).not.toContain(known.detail);
      if (known.kind === 'extra-field' || known.kind === 'missing-field') {
        const declared = declaredAt(schemaTitled(known.subject), known.detail.replace(/\.?\*$/, ''));
        expect(declared, where).toBe(known.kind === 'missing-field' || known.detail.endsWith('*'));
      }
    }
  });

  it('keeps what no finding shows as notes, and the wait cap among them', () => {
    expect(profile.notes.join(' ')).toMatch(/waitForFinish is capped at 60 s/);
    expect(profile.drift.length).toBeGreaterThan(0);
  });
});

function schemaTitled(title: string): JsonSchema {
  const name = SCHEMA_NAMES.find((n) => schemaOf(n).title === title);
  if (name === undefined) throw new Error(`no schema is titled "${title}"`);
  return schemaOf(name);
}

/** Whether the member at a dotted path is declared, following the properties (and $refs) from the object. */
function declaredAt(schema: JsonSchema, path: string): boolean {
  let here: JsonSchema | undefined = schema;
  for (const key of path.split('.')) {
    const referred = typeof here?.$ref === 'string' ? here.$ref.replace(/\.json$/, '') : '';
    if (isSchemaName(referred)) here = schemaOf(referred);
    const properties = here?.properties as Record<string, JsonSchema> | undefined;
    here = properties?.[key];
    if (here === undefined) return false;
  }
  return true;
}
