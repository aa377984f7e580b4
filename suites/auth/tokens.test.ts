import { check } from '../../common/check.ts';
import type { ActorRecord, JobRecord } from '../../common/fixtures/index.ts';
import type { ApiResponse } from '../../common/http.ts';
import { NOBODYS_TOKEN } from '../../common/unknowns.ts';
import { expectBody, expectError, expectThat } from '../support/expect.ts';
import { shared, sharedActor, UNKNOWN_ID, useTarget } from '../support/target.ts';

// "Authentication": the token as a query parameter or a Bearer header; Get run and Get build need none.
const SPEC = 'spec/00-overview.apib#authentication';
const target = useTarget();
const { api, fixtures } = target;
const actor = sharedActor(target);
/** An actor only anonymous calls are made on, so that nothing may happen to it. */
const untouched = shared(() => fixtures.createActor('auth-anonymous'));

check(
  {
    id: 'auth.token-required',
    title: 'a call that needs a token answers 401 token-not-provided without one',
    spec: SPEC,
    features: ['auth'],
    tags: ['read-only'],
  },
  async () => {
    expectError(await api.request({ path: '/v2/acts', token: null }), 401, 'token-not-provided');
    expectError(await api.request({ path: `/v2/acts/${UNKNOWN_ID}`, token: null }), 401, 'token-not-provided');
  },
);

/** The three changes of `untouched` made without a token: update it, run it, delete it. */
async function anonymousChanges(id: string): Promise<ApiResponse[]> {
  return [
    await api.request({ method: 'PUT', path: `/v2/acts/${id}`, token: null, body: { description: 'anonymous' } }),
    await api.request({ method: 'POST', path: `/v2/acts/${id}/runs`, token: null, body: {} }),
    await api.request({ method: 'DELETE', path: `/v2/acts/${id}`, token: null }),
  ];
}

check(
  {
    id: 'auth.anonymous-change-refused',
    title: 'a call that would change something is refused without a token (a 4xx with the error envelope), and changes nothing',
    spec: SPEC,
    features: ['auth'],
  },
  async () => {
    const { id } = await untouched();
    for (const refused of await anonymousChanges(id)) {
      expectThat(refused.status >= 400 && refused.status < 500, 'a 4xx refusal', `HTTP ${refused.status}`, refused);
      expectBody(refused, refused.status, 'error');
    }
    const response = await api.request({ path: `/v2/acts/${id}` });
    const read = expectBody<ActorRecord>(response, 200, 'actor-response');
    expectThat(read.description !== 'anonymous', 'the actor still there, unchanged by the anonymous update', JSON.stringify(read.description), response);
    const runs = expectBody<{ total: number }>(await api.request({ path: `/v2/acts/${id}/runs` }), 200, 'run-list-response');
    expectThat(runs.total === 0, 'no run started by the anonymous Run actor', `${runs.total} runs`, response);
  },
);

check(
  {
    id: 'auth.anonymous-change-401',
    title: 'the refusal of a change without a token is the documented 401 token-not-provided',
    spec: SPEC,
    features: ['auth'],
  },
  async () => {
    const { id } = await untouched();
    for (const refused of await anonymousChanges(id)) expectError(refused, 401, 'token-not-provided');
  },
);

check(
  { id: 'auth.invalid-token-rejected', title: 'a token that belongs to nobody is answered 401', spec: SPEC, features: ['auth'], tags: ['read-only'] },
  async () => {
    expectError(await api.request({ path: '/v2/acts', token: NOBODYS_TOKEN }), 401);
    expectError(await api.request({ path: '/v2/acts', token: NOBODYS_TOKEN, auth: 'query' }), 401);
  },
);

check(
  {
    id: 'auth.query-and-bearer',
    title: 'the token is accepted both as the token query parameter and as an Authorization: Bearer header',
    spec: SPEC,
    features: ['auth'],
  },
  async () => {
    const { id } = await actor();
    for (const auth of ['query', 'bearer'] as const) {
      const response = await api.request({ path: `/v2/acts/${id}`, auth });
      const read = expectBody<ActorRecord>(response, 200, 'actor-response');
      expectThat(read.id === id, `actor ${id} read with the token as ${auth}`, read.id, response);
    }
  },
);

check(
  {
    id: 'auth.run-and-build-readable-without-token',
    title: 'Get run and Get build answer without a token: the id is the credential',
    spec: 'spec/01-actors.apib#get-run',
    features: ['auth', 'runs', 'builds'],
  },
  async () => {
    const { id } = await actor();
    const run = await fixtures.startRun(id, { writeOutput: false });
    const runResponse = await api.request({ path: `/v2/acts/${id}/runs/${run.id}`, token: null });
    expectThat(expectBody<JobRecord>(runResponse, 200, 'run-response').id === run.id, `run ${run.id}`, runResponse.text, runResponse);
    const { build } = await fixtures.sharedActor();
    const buildResponse = await api.request({ path: `/v2/acts/${id}/builds/${build.id}`, token: null });
    expectThat(expectBody<JobRecord>(buildResponse, 200, 'build-response').id === build.id, `build ${build.id}`, buildResponse.text, buildResponse);
  },
);
