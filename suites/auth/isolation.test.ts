import { check } from '../../common/check.ts';
import type { ActorRecord } from '../../common/fixtures/index.ts';
import { pageOf, readWholeList } from '../pagination/pages.ts';
import { expectBody, expectError, expectThat } from '../support/expect.ts';
import { shared, useTarget } from '../support/target.ts';

// Users are isolated: a private actor of one is invisible to another and cannot be changed by them. Needs a second
// user's token (APIFY_TOKEN_2).
const SPEC = 'spec/00-overview.apib#errors';
const target = useTarget();
const { api, config, fixtures, second } = target;
const needsSecondUser = { skipUnless: { condition: config.token2 !== undefined, reason: 'no second user: set APIFY_TOKEN_2 to run the isolation checks' } };
const privateActor = shared(() => fixtures.createActor('private', { fields: { description: 'mine', isPublic: false } }));

check(
  {
    id: 'auth.other-users-actor-invisible',
    title: "another user's private actor is not found by id and not listed",
    spec: SPEC,
    features: ['auth.isolation', 'actors'],
  },
  async () => {
    const other = second!.api;
    const actor = await privateActor();
    expectError(await other.request({ path: `/v2/acts/${actor.id}` }), 404);
    const { items, responses } = await readWholeList<ActorRecord>(
      async (query) => pageOf(await other.request({ path: '/v2/acts', query }), 'actor-list-response'),
      {},
    );
    expectThat(!items.some((a) => a.id === actor.id), `actor ${actor.id} absent from every page of the other user's list`, 'it is listed', responses.at(-1));
  },
  needsSecondUser,
);

check(
  {
    id: 'auth.other-users-actor-unchangeable',
    title: "another user can neither update nor delete a user's private actor",
    spec: SPEC,
    features: ['auth.isolation', 'actors'],
    tags: ['destructive'],
  },
  async () => {
    const other = second!.api;
    const actor = await privateActor();
    const update = await other.request({ method: 'PUT', path: `/v2/acts/${actor.id}`, body: { description: 'theirs' } });
    expectThat(update.status === 404 || update.status === 403, 'HTTP 404 or 403 to an update by another user', `HTTP ${update.status}`, update);
    const removal = await other.request({ method: 'DELETE', path: `/v2/acts/${actor.id}` });
    expectThat(removal.status === 404 || removal.status === 403, 'HTTP 404 or 403 to a deletion by another user', `HTTP ${removal.status}`, removal);
    const mine = expectBody<ActorRecord>(await api.request({ path: `/v2/acts/${actor.id}` }), 200, 'actor-response');
    expectThat(mine.description === 'mine', 'the actor unchanged, still there', `description ${JSON.stringify(mine.description)}`, removal);
  },
  needsSecondUser,
);
