import { check } from '../../common/check.ts';
import { fixtureVersion, type ActorRecord, type VersionRecord } from '../../common/fixtures/index.ts';
import { fake } from '../../common/schemas.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';

// Actors and versions made from payloads json-schema-faker generates from schemas/ read back with the same values, and a
// partial update changes only what it names ("If the object does not define a specific property, its value will not be updated").
const target = useTarget();
const { api, fixtures } = target;
const SEED = Number(process.env.VITEST_POOL_ID ?? 1) * 7919 + Date.now() % 100_000;

/** Documented Create actor fields from a generated payload; isPublic stays false so a live run never publishes anything. */
function actorFields(): Record<string, unknown> {
  const sample = fake('act-create', { seed: SEED }) as Record<string, unknown>;
  return { description: sample.description ?? 'generated', title: sample.title ?? 'Generated', restartOnError: sample.restartOnError ?? true, isPublic: false };
}

/** Documented version fields from a generated payload, on the fixture's runnable sources. */
function versionFields(versionNumber: string): Record<string, unknown> {
  const sample = fake('version-update', { seed: SEED + 1 }) as Record<string, unknown>;
  const envVars = Array.isArray(sample.envVars) ? sample.envVars : [];
  return {
    ...fixtureVersion(versionNumber),
    buildTag: typeof sample.buildTag === 'string' ? sample.buildTag.replace(/[^a-z0-9.-]/gi, '').slice(0, 20) || 'generated' : 'generated',
    applyEnvVarsToBuild: sample.applyEnvVarsToBuild ?? false,
    // Names are made valid for a process environment; the values are the generated ones.
    envVars: envVars.map((v, i) => ({ name: `GENERATED_${i}`, value: String((v as { value?: unknown }).value ?? `value-${i}`), isSecret: false })),
  };
}

function sameFields(expected: Record<string, unknown>, actual: Record<string, unknown>, fields: string[]): string[] {
  return fields.filter((f) => !contains(actual[f] ?? null, expected[f] ?? null)).map((f) => `${f}: sent ${JSON.stringify(expected[f])}, read ${JSON.stringify(actual[f])}`);
}

/** `actual` holds every value of `expected`; objects may carry undocumented extra members (the contract allows them). */
function contains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => contains(actual[i], item));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([key, value]) => contains((actual as Record<string, unknown>)[key] ?? null, value ?? null));
  }
  return actual === expected;
}

check({ id: 'round-trip.actor-create-read', title: 'an actor created from a generated payload reads back with the same values', spec: 'spec/apify-v2-actors.apib#actor-collection' }, async () => {
  const fields = actorFields();
  const actor = await fixtures.createActor('round-trip', { fields });
  const response = await api.request({ path: `/v2/acts/${actor.id}` });
  const read = expectBody<ActorRecord>(response, 200, 'actor-response');
  const differences = sameFields({ ...fields, name: actor.name }, read, ['name', 'description', 'title', 'restartOnError', 'isPublic']);
  expectThat(differences.length === 0, 'the values sent', differences.join('; '), response);
});

check({ id: 'round-trip.version-create-read', title: 'a version created from a generated payload reads back with the same values', spec: 'spec/apify-v2-actors.apib#version-collection' }, async () => {
  const actor = await fixtures.createActor('round-trip-v');
  const fields = versionFields('2.0');
  await fixtures.createVersion(actor.id, fields);
  const response = await api.request({ path: `/v2/acts/${actor.id}/versions/2.0` });
  const read = expectBody<VersionRecord>(response, 200, 'version-response');
  const differences = sameFields(fields, read, ['versionNumber', 'sourceType', 'buildTag', 'applyEnvVarsToBuild', 'envVars', 'sourceFiles']);
  expectThat(differences.length === 0, 'the values sent', differences.join('; '), response);
});

check({ id: 'round-trip.actor-partial-update', title: 'updating one actor property leaves every other property as it was', spec: 'spec/apify-v2-actors.apib#actor-object' }, async () => {
  const actor = await fixtures.createActor('partial', { fields: { description: 'before', title: 'Kept title', restartOnError: true } });
  const response = await api.request({ method: 'PUT', path: `/v2/acts/${actor.id}`, body: { description: 'after' } });
  const updated = expectBody<ActorRecord>(response, 200, 'actor-response');
  const read = expectBody<ActorRecord>(await api.request({ path: `/v2/acts/${actor.id}` }), 200, 'actor-response');
  for (const state of [updated, read]) {
    const differences = sameFields({ name: actor.name, description: 'after', title: 'Kept title', restartOnError: true }, state, ['name', 'description', 'title', 'restartOnError']);
    expectThat(differences.length === 0, 'description changed and the rest kept', differences.join('; '), response);
  }
  const versions = (read as { versions?: unknown[] }).versions ?? [];
  expectThat(versions.length === 1, 'the actor\'s version kept', `${versions.length} versions`, response);
});

check({ id: 'round-trip.version-partial-update', title: 'updating one version property leaves every other property as it was', spec: 'spec/apify-v2-actors.apib#version-object' }, async () => {
  const actor = await fixtures.createActor('partial-v');
  const response = await api.request({ method: 'PUT', path: `/v2/acts/${actor.id}/versions/0.0`, body: { buildTag: 'beta' } });
  const updated = expectBody<VersionRecord>(response, 200, 'version-response');
  const original = fixtureVersion('0.0') as unknown as Record<string, unknown>;
  const differences = sameFields({ ...original, buildTag: 'beta' }, updated, ['versionNumber', 'sourceType', 'buildTag', 'sourceFiles']);
  expectThat(differences.length === 0, 'buildTag changed and the sources kept', differences.join('; '), response);
});

check({ id: 'round-trip.tilde-name-resolves', title: 'an actor can be named by username~name wherever its id is accepted', spec: 'spec/apify-v2-actors.apib#requests-and-responses' }, async () => {
  const actor = await fixtures.createActor('tilde');
  const response = await api.request({ path: `/v2/acts/${actor.username}~${actor.name}` });
  const read = expectBody<ActorRecord>(response, 200, 'actor-response');
  expectThat(read.id === actor.id, `actor ${actor.id}`, read.id, response);
});
