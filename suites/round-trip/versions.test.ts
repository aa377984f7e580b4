import { check } from '../../common/check.ts';
import { fixtureVersion, type VersionRecord } from '../../common/fixtures/index.ts';
import { fake } from '../../common/schemas.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { shared, useTarget } from '../support/target.ts';
import { differences, freshSeed } from './compare.ts';

// Versions made from payloads json-schema-faker generates from schemas/version-update.json read back with the same
// values; an update changes only what it names.
const target = useTarget();
const { api, fixtures } = target;
const actor = shared(() => fixtures.createActor('round-trip-versions'));
const MEMBERS = ['versionNumber', 'sourceType', 'buildTag', 'applyEnvVarsToBuild', 'envVars', 'sourceFiles'];

/**
 * A generated version on the fixture's runnable sources. What the schema cannot say is made valid: a build tag of
 * letters, digits, dots and dashes, and environment variable names a process accepts; the values stay generated.
 */
function generatedVersion(versionNumber: string, seed: number): Record<string, unknown> {
  const sample = fake('version-update', { seed });
  const tag = typeof sample.buildTag === 'string' ? sample.buildTag.replace(/[^a-z0-9.-]/gi, '').slice(0, 20) : '';
  return {
    ...fixtureVersion(versionNumber),
    buildTag: tag || 'generated',
    applyEnvVarsToBuild: sample.applyEnvVarsToBuild ?? false,
    // At least one variable, so that its round trip is seen.
    envVars: (sample.envVars?.length ? sample.envVars : [{ name: '' }]).map((envVar, i) => ({
      name: `GENERATED_${i}`,
      value: envVar.value ?? `value-${i}`,
      isSecret: false,
    })),
  };
}

check(
  {
    id: 'round-trip.version-create-read',
    title: 'a version created from a generated payload reads back with the values sent',
    spec: 'spec/01-actors.apib#create-version',
    features: ['actors.versions'],
  },
  async () => {
    const { id } = await actor();
    const seed = freshSeed();
    const sent = generatedVersion('2.0', seed);
    const createResponse = await api.request({ method: 'POST', path: `/v2/acts/${id}/versions`, body: sent });
    const created = differences(sent, expectBody<VersionRecord>(createResponse, 201, 'version-response'), MEMBERS);
    expectThat(created.length === 0, `the Create version answer to hold the values sent (faker seed ${seed})`, created.join('; '), createResponse);
    const response = await api.request({ path: `/v2/acts/${id}/versions/2.0` });
    const read = differences(sent, expectBody<VersionRecord>(response, 200, 'version-response'), MEMBERS);
    expectThat(read.length === 0, `Get version to answer the values sent (faker seed ${seed})`, read.join('; '), response);
  },
);

check(
  {
    id: 'round-trip.version-partial-update',
    title: 'updating one version property leaves every other property as it was',
    spec: 'spec/01-actors.apib#update-version',
    features: ['actors.versions'],
  },
  async () => {
    const { id } = await actor();
    const response = await api.request({ method: 'PUT', path: `/v2/acts/${id}/versions/0.0`, body: { buildTag: 'beta' } });
    const expected = { ...fixtureVersion('0.0'), buildTag: 'beta' };
    for (const [what, state] of [
      ['the Update version answer', expectBody<VersionRecord>(response, 200, 'version-response')],
      ['Get version after the update', expectBody<VersionRecord>(await api.request({ path: `/v2/acts/${id}/versions/0.0` }), 200, 'version-response')],
    ] as const) {
      const found = differences(expected, state, ['versionNumber', 'sourceType', 'buildTag', 'sourceFiles']);
      expectThat(found.length === 0, `${what}: buildTag changed, the sources kept`, found.join('; '), response);
    }
  },
);

check(
  {
    id: 'round-trip.versions-list-total',
    title: "the list of an actor's versions holds every version, and its total counts exactly its items",
    spec: 'spec/01-actors.apib#get-list-of-versions',
    features: ['actors.versions'],
  },
  async () => {
    const made = await fixtures.createActor('versions-list', { versions: [fixtureVersion('0.0'), fixtureVersion('0.1'), fixtureVersion('0.2')] });
    const response = await api.request({ path: `/v2/acts/${made.id}/versions` });
    const list = expectBody<{ total: number; items: VersionRecord[] }>(response, 200, 'version-list-response');
    const numbers = list.items.map((v) => v.versionNumber).sort();
    expectThat(numbers.join() === '0.0,0.1,0.2', 'the versions 0.0, 0.1 and 0.2', numbers.join(', '), response);
    expectThat(list.total === list.items.length, `total ${list.items.length}, the number of items`, `total ${list.total}`, response);
  },
);

check(
  {
    id: 'round-trip.secret-value-never-returned',
    title: 'an environment variable marked isSecret is stored, but no response shows its value',
    spec: 'spec/01-actors.apib#version-object',
    features: ['actors.versions'],
  },
  async () => {
    const { id } = await actor();
    const secret = `secret-${freshSeed()}`;
    const sent = { ...fixtureVersion('3.0'), envVars: [{ name: 'SECRET_ONE', value: secret, isSecret: true }] };
    const answers = [
      await api.request({ method: 'POST', path: `/v2/acts/${id}/versions`, body: sent }),
      await api.request({ path: `/v2/acts/${id}/versions/3.0` }),
      await api.request({ path: `/v2/acts/${id}/versions` }),
      await api.request({ path: `/v2/acts/${id}` }),
    ];
    expectBody(answers[0]!, 201, 'version-response');
    for (const answer of answers) expectThat(!answer.text.includes(secret), 'no response to show the secret value', 'the value in the answer', answer);
  },
);
