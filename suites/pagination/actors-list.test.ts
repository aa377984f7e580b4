import { beforeAll } from 'vitest';
import { check } from '../../common/check.ts';
import type { ActorRecord } from '../../common/fixtures/index.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';
import { pageOf, type Page } from './pages.ts';

// Pagination of Get list of actors: spec/apify-v2-actors.apib, "Pagination" and "Actor collection".
const SPEC = 'spec/apify-v2-actors.apib#actor-collection';
const { api, config, fixtures } = useTarget();
let own: ActorRecord[];

beforeAll(async () => {
  own = [];
  // Read-only mode creates nothing; the read-only checks below need no actor of their own.
  if (config.readOnly) return;
  for (const purpose of ['page-a', 'page-b', 'page-c']) own.push(await fixtures.createActor(purpose));
});

const list = async (query: Record<string, string | number>) =>
  pageOf<ActorRecord>(await api.request({ path: '/v2/acts', query: { my: 1, ...query } }), 'actor-list-response');

check({ id: 'pagination.count-equals-items', title: 'count equals the number of items returned', spec: SPEC, tags: ['read-only'] }, async () => {
  for (const limit of [1, 2, 1000]) {
    const { page, response } = await list({ limit });
    expectThat(page.count === page.items.length, `count == items.length (${page.items.length})`, `count ${page.count}`, response);
  }
});

check({ id: 'pagination.offset-and-desc-echo', title: 'offset and desc echo the request, defaulting to 0 and false', spec: SPEC, tags: ['read-only'] }, async () => {
  const plain = await list({});
  expectThat(plain.page.offset === 0 && plain.page.desc === false, 'offset 0 and desc false by default', `offset ${plain.page.offset}, desc ${plain.page.desc}`, plain.response);
  const given = await list({ offset: 1, desc: 1 });
  expectThat(given.page.offset === 1 && given.page.desc === true, 'offset 1 and desc true', `offset ${given.page.offset}, desc ${given.page.desc}`, given.response);
});

check({ id: 'pagination.limit-is-smaller-of-requested-and-max', title: 'limit equals the requested limit or the server maximum, whichever is smaller; a larger one is clamped, not rejected', spec: SPEC, tags: ['read-only'] }, async () => {
  const small = await list({ limit: 2 });
  expectThat(small.page.limit === 2, 'limit 2', `limit ${small.page.limit}`, small.response);
  // The maximum may change (the docs say so): learn it from a huge request instead of assuming 1000.
  const huge = await list({ limit: 1_000_000 });
  const max = huge.page.limit;
  expectThat(max >= 1 && max < 1_000_000, 'a clamped limit below the requested 1000000', `limit ${max}`, huge.response);
  const justAbove = await list({ limit: max + 1 });
  expectThat(justAbove.page.limit === max, `limit clamped to the maximum ${max}`, `limit ${justAbove.page.limit}`, justAbove.response);
  expectThat(huge.page.count <= max, `at most ${max} items`, `${huge.page.count}`, huge.response);
});

check({ id: 'pagination.sorted-by-created-at', title: 'actors are sorted by createdAt ascending, and desc=1 returns the exact reverse', spec: SPEC, tags: ['read-only'] }, async () => {
  const asc = await list({ limit: 1000 });
  const dates = asc.page.items.map((a) => String(a.createdAt));
  const sorted = dates.every((d, i) => i === 0 || dates[i - 1]! <= d);
  expectThat(sorted, 'createdAt non-decreasing', dates.join(', '), asc.response);
  const desc = await list({ limit: 1000, desc: 1 });
  // Other suites create and delete actors meanwhile: compare the ids both lists hold.
  const inBoth = new Set(desc.page.items.map((a) => a.id));
  const ascIds = asc.page.items.map((a) => a.id).filter((id) => inBoth.has(id));
  const descIds = desc.page.items.map((a) => a.id).filter((id) => ascIds.includes(id));
  expectThat(JSON.stringify(descIds) === JSON.stringify([...ascIds].reverse()), 'desc=1 to list the same ids in reverse order', descIds.join(','), desc.response);
});

check({ id: 'pagination.booleans-true-or-1', title: 'boolean parameters accept both true and 1', spec: SPEC }, async () => {
  const pairs: Array<[Page<ActorRecord>, Page<ActorRecord>]> = [];
  const withTrue = await api.request({ path: '/v2/acts', query: { my: 'true', desc: 'true', limit: 1000 } });
  const withOne = await api.request({ path: '/v2/acts', query: { my: '1', desc: '1', limit: 1000 } });
  pairs.push([expectBody(withTrue, 200, 'actor-list-response'), expectBody(withOne, 200, 'actor-list-response')]);
  const [a, b] = pairs[0]!;
  expectThat(a.desc === true && b.desc === true, 'desc true for both spellings', `${a.desc} / ${b.desc}`, withOne);
  const ownIds = own.map((x) => x.id);
  const ownIn = (p: Page<ActorRecord>) => p.items.filter((x) => ownIds.includes(x.id)).map((x) => x.id).join(',');
  expectThat(ownIn(a) === ownIn(b) && ownIn(a) !== '', 'the same own actors, in the same order, for true and 1', `${ownIn(a)} / ${ownIn(b)}`, withOne);
});

check({ id: 'pagination.my-keeps-only-own', title: 'my=1 lists only actors owned by the user', spec: SPEC }, async () => {
  const username = own[0]!.username;
  const { page, response } = await list({ limit: 1000 });
  const foreign = page.items.filter((a) => a.username !== username).map((a) => `${a.username}/${a.name}`);
  expectThat(foreign.length === 0, `only actors of ${username}`, `also ${foreign.join(', ')}`, response);
  const ownIds = own.map((a) => a.id);
  expectThat(ownIds.every((id) => page.items.some((a) => a.id === id)), 'the own actors present', 'some missing', response);
});
