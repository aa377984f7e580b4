import { check } from '../../common/check.ts';
import type { ActorRecord } from '../../common/fixtures/index.ts';
import { fixtureVersion, resourceName } from '../../common/fixtures/index.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { shared, useTarget } from '../support/target.ts';
import { registerListChecks } from './list-checks.ts';
import { type PageQuery, pageOf, readWholeList } from './pages.ts';

// Get list of actors. Other files create and delete actors at the same time, so this list is not the file's alone:
// its own three actors are checked exactly, the rest only for what holds whatever they do.
const SPEC = 'spec/01-actors.apib#get-list-of-actors';
const target = useTarget();
const { api, config, fixtures, second } = target;

const ownActors = shared(async () => {
  const actors: ActorRecord[] = [];
  for (const purpose of ['list-a', 'list-b', 'list-c']) actors.push(await fixtures.createActor(purpose));
  return actors;
});

const fetchActors = async (query: PageQuery) => pageOf<ActorRecord>(await api.request({ path: '/v2/acts', query: { my: 1, ...query } }), 'actor-list-response');

registerListChecks<ActorRecord>({
  name: 'actors',
  spec: SPEC,
  feature: 'actors',
  fetch: fetchActors,
  readOnlyEnvelope: true,
  contents: { orderBy: 'createdAt', known: ownActors, exclusive: false },
});

check(
  { id: 'pagination.my-keeps-only-own', title: 'my=1 (or my=true) lists only the actors the user owns', spec: SPEC, features: ['pagination', 'actors'] },
  async () => {
    const own = await ownActors();
    // With a second user configured, an actor of theirs exists that a server ignoring `my` could list.
    const foreign = second ? await second.fixtures.createActor('list-foreign') : undefined;
    const username = own[0]!.username;
    for (const my of ['1', 'true']) {
      const { items, responses } = await readWholeList(
        fetchActors,
        { my },
        own.map((actor) => actor.id),
      );
      const response = responses.at(-1);
      const others = items.filter((actor) => actor.username !== username || actor.id === foreign?.id).map((actor) => `${actor.username}/${actor.name}`);
      expectThat(others.length === 0, `only actors of ${username}`, `also ${others.join(', ')}`, response);
      const missing = own.filter((actor) => !items.some((item) => item.id === actor.id)).map((actor) => actor.name);
      expectThat(missing.length === 0, 'every actor the user made', `${missing.join(', ')} missing`, response);
    }
  },
);

check(
  {
    id: 'pagination.without-my-lists-used-actors',
    title: "without my, the list also holds another user's public actor that the user has run; with my=1 it does not",
    spec: SPEC,
    features: ['pagination', 'actors', 'auth.isolation'],
  },
  async ({ inconclusive }) => {
    const other = second!;
    // The second user's actor, made public so the main user may run it; a target that keeps actors private is no verdict.
    const created = await other.api.request({
      method: 'POST',
      path: '/v2/acts',
      body: { name: resourceName(other.fixtures.context.config, 'used-public'), isPublic: true, versions: [fixtureVersion('0.0')] },
    });
    if (created.status >= 400 && created.status < 500) inconclusive(`the second user could not create a public actor (HTTP ${created.status})`);
    const used = expectBody<ActorRecord>(created, 201, 'actor-response');
    other.fixtures.registry.trackActor(used);
    await other.fixtures.buildActor(used.id);
    const run = await fixtures.startRun(used.id, { writeOutput: false });
    await fixtures.waitForRun(used.id, run.id);
    const listed = async (query: PageQuery) => {
      const { items, responses } = await readWholeList(
        async (page) => pageOf<ActorRecord>(await api.request({ path: '/v2/acts', query: { ...query, ...page } }), 'actor-list-response'),
        {},
        'my' in query ? [] : [used.id],
      );
      return { has: items.some((actor) => actor.id === used.id), response: responses.at(-1) };
    };
    const without = await listed({});
    expectThat(without.has, `the second user's actor ${used.id}, which the user ran, in the list without my`, 'absent', without.response);
    const mine = await listed({ my: 1 });
    expectThat(!mine.has, `actor ${used.id} absent with my=1`, 'listed', mine.response);
  },
  { skipUnless: { condition: config.token2 !== undefined, reason: 'no second user: set APIFY_TOKEN_2 to show whose actors the list holds' } },
);
