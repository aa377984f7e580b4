import { check } from '../../common/check.ts';
import { type ActorRecord, fixtureVersion, resourceName } from '../../common/fixtures/index.ts';
import { fake } from '../../common/schemas.ts';
import { expectBody, expectError, expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';
import { differences, freshSeed } from './compare.ts';

// Actors made from payloads json-schema-faker generates from schemas/act-create.json read back with the same values;
// an update changes only what it names ("A property the body leaves out keeps its value").
const target = useTarget();
const { api, config, fixtures } = target;
const MEMBERS = ['name', 'title', 'description', 'restartOnError', 'isPublic'];

/**
 * The documented Create actor members of a generated payload. The fixture names the actor and it stays private; a
 * member the sample leaves out or sets to null gets a value, so that every member's round trip is seen.
 */
function generatedFields(seed: number): Record<string, unknown> {
  const sample = fake('act-create', { seed });
  return {
    title: sample.title ?? 'Generated title',
    description: sample.description ?? 'Generated description',
    restartOnError: sample.restartOnError ?? true,
    isPublic: false,
  };
}

check(
  {
    id: 'round-trip.actor-create-read',
    title: 'an actor created from a generated payload reads back with the values sent',
    spec: 'spec/01-actors.apib#create-actor',
    features: ['actors'],
  },
  async () => {
    const seed = freshSeed();
    const fields = generatedFields(seed);
    const sent = { ...fields, name: resourceName(config, 'round-trip'), versions: [fixtureVersion('0.0')] };
    const createResponse = await api.request({ method: 'POST', path: '/v2/acts', body: sent });
    const actor = expectBody<ActorRecord>(createResponse, 201, 'actor-response');
    fixtures.registry.trackActor(actor);
    const created = differences(sent, actor, MEMBERS);
    expectThat(created.length === 0, `the Create actor answer to hold the values sent (faker seed ${seed})`, created.join('; '), createResponse);
    const response = await api.request({ path: `/v2/acts/${actor.id}` });
    const read = differences(sent, expectBody<ActorRecord>(response, 200, 'actor-response'), MEMBERS);
    expectThat(read.length === 0, `Get actor to answer the values sent (faker seed ${seed})`, read.join('; '), response);
  },
);

check(
  {
    id: 'round-trip.create-location-names-actor',
    title: "Create actor's Location header names the actor just created",
    spec: 'spec/01-actors.apib#create-actor',
    features: ['actors'],
  },
  async () => {
    const response = await api.request({
      method: 'POST',
      path: '/v2/acts',
      body: { name: resourceName(config, 'located'), versions: [fixtureVersion('0.0')] },
    });
    const actor = expectBody<ActorRecord>(response, 201, 'actor-response');
    fixtures.registry.trackActor(actor);
    const location = response.headers.location ?? '';
    expectThat(new URL(location, config.baseUrl).pathname.endsWith(`/${actor.id}`), `a Location that ends with /${actor.id}`, `"${location}"`, response);
  },
);

check(
  {
    id: 'round-trip.actor-partial-update',
    title: 'updating one actor property leaves every other property as it was',
    spec: 'spec/01-actors.apib#update-actor',
    features: ['actors'],
  },
  async () => {
    const fields = { title: 'Kept title', description: 'before', restartOnError: true, isPublic: false };
    const actor = await fixtures.createActor('partial', { fields });
    const response = await api.request({ method: 'PUT', path: `/v2/acts/${actor.id}`, body: { description: 'after' } });
    const expected = { ...fields, name: actor.name, description: 'after' };
    for (const [what, state] of [
      ['the Update actor answer', expectBody<ActorRecord>(response, 200, 'actor-response')],
      ['Get actor after the update', expectBody<ActorRecord>(await api.request({ path: `/v2/acts/${actor.id}` }), 200, 'actor-response')],
    ] as const) {
      const found = differences(expected, state, MEMBERS);
      expectThat(found.length === 0, `${what}: description changed, every other member kept`, found.join('; '), response);
      const versions = (state as { versions?: unknown[] }).versions ?? [];
      expectThat(versions.length === 1, `${what}: the actor's one version kept`, `${versions.length} versions`, response);
    }
  },
);

check(
  {
    id: 'round-trip.tilde-name-resolves',
    title: 'an actor can be addressed as username~name wherever its id is accepted',
    spec: 'spec/01-actors.apib#actor-object',
    features: ['actors'],
  },
  async () => {
    const actor = await fixtures.createActor('tilde');
    const response = await api.request({ path: `/v2/acts/${actor.username}~${actor.name}` });
    const read = expectBody<ActorRecord>(response, 200, 'actor-response');
    expectThat(read.id === actor.id, `actor ${actor.id}`, read.id, response);
    const versions = await api.request({ path: `/v2/acts/${actor.username}~${actor.name}/versions` });
    expectBody(versions, 200, 'version-list-response');
  },
);

check(
  {
    id: 'round-trip.tilde-name-needs-owner',
    title: "username~name finds an actor only under its owner's username: the same name under another username is 404",
    spec: 'spec/01-actors.apib#actor-object',
    features: ['actors'],
  },
  async () => {
    const actor = await fixtures.createActor('tilde-owner');
    // A username nobody has: a server that looks the name up alone would still find the actor.
    const stranger = `${actor.username}-not-${actor.name.slice(-6)}`;
    expectError(await api.request({ path: `/v2/acts/${stranger}~${actor.name}` }), 404);
  },
);
