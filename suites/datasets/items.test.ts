import { check } from '../../common/check.ts';
import type { StorageRecord } from '../../common/fixtures/index.ts';
import { expectBody, expectStatus, expectThat } from '../support/expect.ts';
import { poll } from '../support/poll.ts';
import { readItems } from '../support/storages.ts';
import { shared, useTarget } from '../support/target.ts';

// "Item collection": items come back in the order they were added; offset and limit count stored items and desc
// reverses them; fields, omit, unwind and clean reshape them; the pagination headers tell the window and the total.
const SPEC = 'spec/04-datasets.apib#item-collection';
const { api, fixtures } = useTarget();

type Item = Record<string, unknown>;

// Pushed as one object and then as an array: n is the position, each item has a hidden field, one is empty, and the
// last ones have arrays and objects to unwind.
const FIRST: Item = { n: 0, c: 'x', b: 'y', a: 'z', '#debug': 'first' };
const REST: Item[] = [
  ...Array.from({ length: 6 }, (_, index) => ({ n: index + 1, c: `c${index}`, b: `b${index}`, a: `a${index}`, '#debug': index })),
  {},
  { n: 8, tags: [{ tag: 't1' }, { tag: 't2' }, { tag: 't3' }] },
  { n: 9, tags: { tag: 'solo' } },
  { n: 10, tags: 'scalar' },
];
const ALL = [FIRST, ...REST];

const dataset = shared(async () => {
  const created = await fixtures.createStorage('datasets', 'items');
  expectStatus(await api.request({ method: 'POST', path: `/v2/datasets/${created.id}/items`, body: FIRST }), 201);
  await fixtures.pushItems(created.id, REST);
  return created;
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

check(
  {
    id: 'datasets.items-in-order',
    title: 'items pushed as an object and as an array come back in the order they were pushed, and itemCount counts them',
    spec: SPEC,
    features: ['datasets'],
  },
  async () => {
    const { id } = await dataset();
    const { items, response } = await readItems(api, id);
    expectThat(same(items, ALL), `the ${ALL.length} items in push order`, JSON.stringify(items), response);
    // itemCount may lag a push by a few seconds on the platform.
    const counted = await poll(
      async () => {
        const read = await api.request({ path: `/v2/datasets/${id}` });
        const count = expectBody<StorageRecord & { itemCount: number }>(read, 200, 'dataset-response').itemCount;
        return count === ALL.length ? count : undefined;
      },
      200,
      Date.now() + 6000,
    );
    expectThat(counted === ALL.length, `itemCount ${ALL.length}`, String(counted));
  },
);

check(
  {
    id: 'datasets.offset-limit-desc',
    title: 'offset and limit select a window of the stored items, and desc takes it from the newest',
    spec: SPEC,
    features: ['datasets', 'pagination'],
  },
  async () => {
    const { id } = await dataset();
    const reversed = [...ALL].reverse();
    for (const [offset, limit, desc] of [
      [0, 3, false],
      [4, 2, false],
      [9, 5, false],
      [0, 3, true],
      [2, 4, true],
      [20, 5, true],
    ] as const) {
      const { items, response } = await readItems(api, id, { offset, limit, desc });
      const expected = (desc ? reversed : ALL).slice(offset, offset + limit);
      expectThat(same(items, expected), `offset ${offset}, limit ${limit}, desc ${desc}: ${JSON.stringify(expected)}`, JSON.stringify(items), response);
    }
  },
);

check(
  {
    id: 'datasets.fields-and-omit',
    title: 'fields keeps only the fields named, in the order named; omit leaves the fields named out',
    spec: SPEC,
    features: ['datasets'],
  },
  async () => {
    const { id } = await dataset();
    const picked = await readItems(api, id, { fields: 'b,n', limit: 3 });
    const keys = picked.items.map((item) => Object.keys(item).join(','));
    expectThat(same(keys, ['b,n', 'b,n', 'b,n']), 'each item with exactly b, n in that order', JSON.stringify(keys), picked.response);
    const omitted = await readItems(api, id, { omit: 'a,c', limit: 2 });
    const left = omitted.items.map((item) => Object.keys(item).sort().join(','));
    expectThat(same(left, ['#debug,b,n', '#debug,b,n']), 'each item without a and c', JSON.stringify(left), omitted.response);
  },
);

check(
  {
    id: 'datasets.unwind',
    title: 'unwind makes an item per array element merged into the item, merges an object, and keeps other items as they are',
    spec: SPEC,
    features: ['datasets'],
  },
  async () => {
    const { id } = await dataset();
    const { items, response } = await readItems(api, id, { offset: 8, unwind: 'tags' });
    const expected = [
      { n: 8, tag: 't1' },
      { n: 8, tag: 't2' },
      { n: 8, tag: 't3' },
      { n: 9, tag: 'solo' },
      { n: 10, tags: 'scalar' },
    ];
    const sorted = items.map((item) => Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))));
    expectThat(same(sorted, expected), JSON.stringify(expected), JSON.stringify(items), response);
  },
);

check(
  {
    id: 'datasets.clean',
    title: 'clean leaves out the hidden (#) fields and the empty items, within the offset/limit window',
    spec: SPEC,
    features: ['datasets'],
  },
  async () => {
    const { id } = await dataset();
    const { items, response } = await readItems(api, id, { offset: 5, limit: 4, clean: true });
    const expected = ALL.slice(5, 9)
      .map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => !key.startsWith('#'))))
      .filter((item) => Object.keys(item).length > 0);
    expectThat(same(items, expected), JSON.stringify(expected), JSON.stringify(items), response);
    const hidden = await readItems(api, id, { limit: 2, skipHidden: true });
    expectThat(!hidden.items.some((item) => '#debug' in item), 'no #debug with skipHidden=1', JSON.stringify(hidden.items), hidden.response);
  },
);

check(
  {
    id: 'datasets.pagination-headers',
    title: 'X-Apify-Pagination-Offset, -Limit, -Count and -Total agree with the request, the body and the dataset',
    spec: SPEC,
    features: ['datasets', 'pagination'],
  },
  async () => {
    const { id } = await dataset();
    for (const [offset, limit] of [
      [0, 4],
      [8, 10],
    ] as const) {
      const { items, response } = await readItems(api, id, { offset, limit });
      const header = (name: string) => Number(response.headers[`x-apify-pagination-${name}`]);
      const window = Math.max(0, Math.min(limit, ALL.length - offset));
      const got = `offset ${header('offset')}, limit ${header('limit')}, count ${header('count')}, total ${header('total')}, ${items.length} items`;
      expectThat(
        header('offset') === offset && header('limit') === limit && header('count') === window && header('total') === ALL.length && items.length === window,
        `offset ${offset}, limit ${limit}, count ${window}, total ${ALL.length}, ${window} items`,
        got,
        response,
      );
    }
  },
);
