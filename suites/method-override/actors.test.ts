import { check } from '../../common/check.ts';
import type { ActorRecord } from '../../common/fixtures/index.ts';
import { excerpt, expectBody, expectError, expectThat } from '../support/expect.ts';
import { shared, useTarget } from '../support/target.ts';

// "Any endpoint can be called with another HTTP method than its own by adding the query parameter method", and an
// endpoint answers 405 method-not-allowed to a method it does not serve.
const SPEC = 'spec/00-overview.apib#requests-and-responses';
const target = useTarget();
const { api, fixtures } = target;
const actor = shared(() => fixtures.createActor('override-actors'));

/** Sends `method` with method=DELETE to a fresh actor: 204 with no body, and the actor is gone. */
async function expectDeletedThrough(method: 'GET' | 'POST', purpose: string): Promise<void> {
  const doomed = await fixtures.createActor(purpose);
  const response = await api.request({ method, path: `/v2/acts/${doomed.id}`, query: { method: 'DELETE' } });
  expectThat(response.status === 204 && response.text === '', 'HTTP 204 with no body', `HTTP ${response.status} ${excerpt(response.text)}`, response);
  fixtures.registry.forgetActor(doomed.id);
  expectError(await api.request({ path: `/v2/acts/${doomed.id}` }), 404);
}

check(
  {
    id: 'method-override.put-updates-actor',
    title: 'GET with method=PUT updates an actor, exactly as PUT does',
    spec: SPEC,
    features: ['method-override', 'actors'],
  },
  async () => {
    const { id } = await actor();
    const description = 'set through method=PUT';
    const response = await api.request({ method: 'GET', path: `/v2/acts/${id}`, query: { method: 'PUT' }, body: { description } });
    const updated = expectBody<ActorRecord>(response, 200, 'actor-response');
    expectThat(updated.description === description, `description "${description}"`, JSON.stringify(updated.description), response);
    const read = expectBody<ActorRecord>(await api.request({ path: `/v2/acts/${id}` }), 200, 'actor-response');
    expectThat(read.description === description, `the update kept (description "${description}")`, JSON.stringify(read.description), response);
  },
);

check(
  {
    id: 'method-override.delete-deletes-actor',
    title: 'GET with method=DELETE deletes an actor, exactly as DELETE does',
    spec: SPEC,
    features: ['method-override', 'actors'],
    tags: ['destructive'],
  },
  () => expectDeletedThrough('GET', 'override-delete'),
);

check(
  {
    id: 'method-override.post-delete-deletes-actor',
    title: 'POST with method=DELETE deletes an actor: the parameter overrides any method, not only GET',
    spec: SPEC,
    features: ['method-override', 'actors'],
    tags: ['destructive'],
  },
  () => expectDeletedThrough('POST', 'override-post-delete'),
);

check(
  {
    id: 'method-override.disallowed-method-405',
    title: 'a method an endpoint does not serve, sent directly or through method=, answers 405 method-not-allowed',
    spec: 'spec/00-overview.apib#errors',
    features: ['method-override', 'actors'],
  },
  async () => {
    const { id } = await actor();
    expectError(await api.request({ method: 'DELETE', path: `/v2/acts/${id}/runs` }), 405, 'method-not-allowed');
    expectError(await api.request({ method: 'GET', path: `/v2/acts/${id}/runs`, query: { method: 'DELETE' } }), 405, 'method-not-allowed');
    expectError(await api.request({ method: 'GET', path: `/v2/acts/${id}/versions`, query: { method: 'PUT' } }), 405, 'method-not-allowed');
  },
);
