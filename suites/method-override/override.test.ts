import { check } from '../../common/check.ts';
import type { ActorRecord, JobRecord } from '../../common/fixtures/index.ts';
import { expectBody, expectError, expectThat } from '../support/expect.ts';
import { useBuiltActor, useTarget } from '../support/target.ts';

// "Any endpoint can be called with another HTTP method by adding the query parameter `method`": spec intro.
const SPEC = 'spec/apify-v2-actors.apib#requests-and-responses';
const target = useTarget();
const { api, fixtures } = target;
const built = useBuiltActor(target, 'method-override');

check({ id: 'method-override.post-via-get-starts-run', title: 'GET with method=POST on the run collection starts a run, exactly as POST does', spec: SPEC }, async () => {
  const response = await api.request({ method: 'GET', path: `/v2/acts/${built.actor.id}/runs`, query: { method: 'POST', memory: 128 } });
  const run = expectBody<JobRecord>(response, 201, 'run-response');
  fixtures.registry.trackRun(built.actor.id, run.id);
  const list = expectBody<{ items: JobRecord[] }>(await api.request({ path: `/v2/acts/${built.actor.id}/runs` }), 200, 'run-list-response');
  expectThat(list.items.some((r) => r.id === run.id), `run ${run.id} in the actor's runs`, 'it is not there', response);
});

check({ id: 'method-override.post-via-get-aborts-run', title: 'GET with method=POST on abort aborts a running run', spec: SPEC }, async () => {
  const run = await fixtures.startRun(built.actor.id, { sleepMillis: 60_000 });
  await fixtures.waitForRun(built.actor.id, run.id, { until: (r) => r.status === 'RUNNING' });
  const response = await api.request({ method: 'GET', path: `/v2/acts/${built.actor.id}/runs/${run.id}/abort`, query: { method: 'POST' } });
  const aborted = expectBody<JobRecord>(response, 200, 'run-response');
  expectThat(aborted.status === 'ABORTING' || aborted.status === 'ABORTED', 'status ABORTING or ABORTED', aborted.status, response);
  const final = await fixtures.waitForRun(built.actor.id, run.id);
  expectThat(final.status === 'ABORTED', 'the run to end ABORTED', final.status, response);
});

check({ id: 'method-override.put-via-get-updates', title: 'GET with method=PUT updates an actor as PUT does', spec: SPEC }, async () => {
  const actor = await fixtures.createActor('override-put');
  const response = await api.request({ method: 'GET', path: `/v2/acts/${actor.id}`, query: { method: 'PUT' }, body: { description: 'set through method=PUT' } });
  const updated = expectBody<ActorRecord>(response, 200, 'actor-response');
  expectThat(updated.description === 'set through method=PUT', 'description "set through method=PUT"', JSON.stringify(updated.description), response);
});

check({ id: 'method-override.delete-via-get-deletes', title: 'GET with method=DELETE deletes an actor as DELETE does', spec: SPEC, tags: ['destructive'] }, async () => {
  const actor = await fixtures.createActor('override-delete');
  const response = await api.request({ method: 'GET', path: `/v2/acts/${actor.id}`, query: { method: 'DELETE' } });
  expectThat(response.status === 204 && response.text === '', 'HTTP 204 with an empty body', `HTTP ${response.status} ${response.text.slice(0, 200)}`, response);
  fixtures.registry.forgetActor(actor.id);
  expectError(await api.request({ path: `/v2/acts/${actor.id}` }), 404, 'record-not-found');
});

check({ id: 'method-override.unsupported-method-405', title: 'a method the endpoint does not allow answers 405 method-not-allowed, directly or through method=', spec: 'spec/apify-v2-actors.apib#errors' }, async () => {
  expectError(await api.request({ method: 'DELETE', path: `/v2/acts/${built.actor.id}/runs` }), 405, 'method-not-allowed');
  expectError(await api.request({ method: 'GET', path: `/v2/acts/${built.actor.id}/runs`, query: { method: 'DELETE' } }), 405, 'method-not-allowed');
});
