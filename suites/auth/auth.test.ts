import { check } from '../../common/check.ts';
import type { ActorRecord, JobRecord } from '../../common/fixtures/index.ts';
import { expectBody, expectError, expectThat } from '../support/expect.ts';
import { UNKNOWN_ID, useBuiltActor, useTarget } from '../support/target.ts';

// "Authentication": a token by query or Bearer header; runs and builds readable by id alone; users isolated.
const SPEC = 'spec/apify-v2-actors.apib#authentication';
const target = useTarget();
const { api, api2, config, fixtures } = target;
const built = useBuiltActor(target, 'auth');

check({ id: 'auth.token-required', title: 'a call that needs a token answers 401 token-not-provided without one', spec: SPEC, tags: ['read-only'] }, async () => {
  expectError(await api.request({ path: '/v2/acts', token: null }), 401, 'token-not-provided');
  expectError(await api.request({ path: `/v2/acts/${UNKNOWN_ID}`, token: null }), 401, 'token-not-provided');
});

check({ id: 'auth.invalid-token-rejected', title: 'a wrong token is answered 401', spec: SPEC, tags: ['read-only'] }, async () => {
  expectError(await api.request({ path: '/v2/acts', token: 'NotARealToken0000000000000' }), 401);
});

check({ id: 'auth.query-and-bearer', title: 'the token is accepted both as the token query parameter and as a Bearer header', spec: SPEC }, async () => {
  expectBody(await api.request({ path: `/v2/acts/${built.actor.id}`, auth: 'query' }), 200, 'actor-response');
  expectBody(await api.request({ path: `/v2/acts/${built.actor.id}`, auth: 'bearer' }), 200, 'actor-response');
});

check({ id: 'auth.run-and-build-readable-without-token', title: 'Get run and Get build answer without a token: the id is the credential', spec: 'spec/apify-v2-actors.apib#run-object' }, async () => {
  const run = await fixtures.startRun(built.actor.id, { output: 'x' });
  const read = expectBody<JobRecord>(await api.request({ path: `/v2/acts/${built.actor.id}/runs/${run.id}`, token: null }), 200, 'run-response');
  expectThat(read.id === run.id, `run ${run.id}`, read.id);
  const builds = expectBody<{ items: JobRecord[] }>(await api.request({ path: `/v2/acts/${built.actor.id}/builds` }), 200, 'build-list-response');
  const buildId = builds.items[0]!.id;
  expectBody(await api.request({ path: `/v2/acts/${built.actor.id}/builds/${buildId}`, token: null }), 200, 'build-response');
});

check(
  { id: 'auth.other-users-actor-invisible', title: 'another user can neither see nor change a private actor', spec: SPEC },
  async () => {
    const other = api2!;
    const actor = await fixtures.createActor('private', { fields: { description: 'mine' } });
    expectError(await other.request({ path: `/v2/acts/${actor.id}` }), 404);
    const update = await other.request({ method: 'PUT', path: `/v2/acts/${actor.id}`, body: { description: 'theirs' } });
    expectThat(update.status === 404 || update.status === 403, 'HTTP 404 or 403 to an update by another user', `HTTP ${update.status}`, update);
    const listed = expectBody<{ items: ActorRecord[] }>(await other.request({ path: '/v2/acts', query: { limit: 1000 } }), 200, 'actor-list-response');
    expectThat(!listed.items.some((a) => a.id === actor.id), 'the actor absent from the other user\'s list', 'it is listed', update);
    const mine = expectBody<ActorRecord>(await api.request({ path: `/v2/acts/${actor.id}` }), 200, 'actor-response');
    expectThat(mine.description === 'mine', 'the actor unchanged', JSON.stringify(mine.description), update);
  },
  { skipUnless: { condition: config.token2 !== undefined, reason: 'no second user: set APIFY_TOKEN_2 to run the isolation check' } },
);
