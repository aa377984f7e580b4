// The live API returns many members the documentation never mentions; every object schema must accept them
// (spec/ERRATA.md "Since 2020", Objects: "Our objects stay open to such extra members").
import { describe, expect, it } from 'vitest';
import { fake, SCHEMA_NAMES, type SchemaName, validate } from '../../common/schemas.ts';

const UNDOCUMENTED = { __undocumentedMember: { nested: [1, 'two', null] } };

describe('undocumented members are accepted', () => {
  it.each(SCHEMA_NAMES)('%s accepts an undocumented member on each of its objects', (name) => {
    for (let seed = 1; seed <= 5; seed += 1) {
      const sample = withUndocumentedMembers(fake(name, { seed }));
      expect(validate(name, sample), JSON.stringify(sample)).toEqual({ ok: true });
    }
  });

  // Members the live API or the newer docs return beyond the 2020 document (spec/ERRATA.md "Since 2020", Objects).
  const REAL_EXTRAS: Array<[SchemaName, (sample: Record<string, unknown>) => void]> = [
    ['actor', (actor) => Object.assign(actor, { taggedBuilds: { latest: { buildId: 'a'.repeat(17) } }, isDeprecated: false })],
    ['run', (run) => Object.assign(run, { usageTotalUsd: 0.01, generalAccess: 'RESTRICTED', storageIds: { datasets: {} } })],
    ['build', (build) => Object.assign(build, { actVersion: null, actorDefinition: {}, buildNumberInt: 3 })],
    ['run-short', (run) => Object.assign(run, { usageTotalUsd: 0, userId: 'b'.repeat(17) })],
    ['error', (body) => Object.assign(body, { error: { type: 'record-not-found', message: 'Actor was not found', data: {} } })],
  ];

  it.each(REAL_EXTRAS)('%s accepts the members the live API adds', (name, addExtras) => {
    const sample = fake(name, { seed: 3 }) as unknown as Record<string, unknown>;
    addExtras(sample);
    expect(validate(name, sample)).toEqual({ ok: true });
  });
});

/** A copy of `value` in which every object has one more member. */
function withUndocumentedMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withUndocumentedMembers);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = { ...UNDOCUMENTED };
  for (const [key, member] of Object.entries(value)) copy[key] = withUndocumentedMembers(member);
  return copy;
}
