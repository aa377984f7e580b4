import { check } from '../../common/check.ts';
import { expectThat } from '../support/expect.ts';
import { byteOrder, keyPage } from '../support/storages.ts';
import { shared, useTarget } from '../support/target.ts';

// "Key collection": keys come in the byte order of their UTF-8 forms; a page starts strictly after exclusiveStartKey
// and says, with isTruncated and nextExclusiveStartKey, where the next one starts.
const SPEC = 'spec/03-key-value-stores.apib#key-collection';
const { api, fixtures } = useTarget();

// Case, digits and punctuation, written in no particular order: byte order puts `B` before `a` and `Z` before `_`.
const KEYS = ['b', 'a', 'B', 'Z', '_x', '0', 'a.b', "it's", '(p)', '!bang', 'a-b', 'zz', 'A'];
const SORTED = [...KEYS].sort(byteOrder);

const store = shared(async () => {
  const created = await fixtures.createStorage('key-value-stores', 'keys');
  await Promise.all(KEYS.map((key, index) => fixtures.putRecord(created.id, key, 'x'.repeat(index + 1), 'text/plain')));
  return created;
});

check(
  {
    id: 'key-value-stores.keys-byte-order',
    title: 'Get list of keys lists every key once, in the byte order of its UTF-8 form, with its size',
    spec: SPEC,
    features: ['key-value-stores'],
  },
  async () => {
    const { id } = await store();
    const { page, response } = await keyPage(api, id, {});
    const keys = page.items.map((item) => item.key);
    expectThat(JSON.stringify(keys) === JSON.stringify(SORTED), `keys ${JSON.stringify(SORTED)}`, JSON.stringify(keys), response);
    for (const item of page.items) {
      const size = KEYS.indexOf(item.key) + 1;
      expectThat(item.size === size, `${item.key}: size ${size}`, String(item.size), response);
    }
    expectThat(!page.isTruncated && page.count === KEYS.length, `isTruncated false and count ${KEYS.length}`, `${page.isTruncated}, ${page.count}`, response);
  },
);

check(
  {
    id: 'key-value-stores.keys-pages-visit-each-once',
    title: 'walking exclusiveStartKey pages of any size visits every key once, in order, and isTruncated and nextExclusiveStartKey agree',
    spec: SPEC,
    features: ['key-value-stores'],
  },
  async () => {
    const { id } = await store();
    for (const limit of [1, 3, 5]) {
      const seen: string[] = [];
      let start: string | undefined;
      for (let pages = 0; pages <= KEYS.length; pages += 1) {
        const { page, response } = await keyPage(api, id, { limit, exclusiveStartKey: start });
        const keys = page.items.map((item) => item.key);
        seen.push(...keys);
        expectThat(
          page.count === keys.length && keys.length <= limit,
          `count = items, at most ${limit}`,
          `count ${page.count}, ${keys.length} items`,
          response,
        );
        expectThat(page.exclusiveStartKey === (start ?? null), `exclusiveStartKey echoed as ${start ?? null}`, String(page.exclusiveStartKey), response);
        const more = seen.length < SORTED.length;
        expectThat(page.isTruncated === more, `isTruncated ${more} after ${seen.length} of ${SORTED.length} keys`, String(page.isTruncated), response);
        if (!page.isTruncated) break;
        expectThat(
          page.nextExclusiveStartKey === keys.at(-1),
          `nextExclusiveStartKey = the page's last key ${keys.at(-1)}`,
          String(page.nextExclusiveStartKey),
          response,
        );
        start = page.nextExclusiveStartKey ?? undefined;
      }
      expectThat(JSON.stringify(seen) === JSON.stringify(SORTED), `pages of ${limit} to visit ${JSON.stringify(SORTED)}`, JSON.stringify(seen));
    }
  },
);

check(
  {
    id: 'key-value-stores.keys-start-after-any-key',
    title: 'exclusiveStartKey skips every key up to it, whether or not it is a stored key',
    spec: SPEC,
    features: ['key-value-stores'],
  },
  async () => {
    const { id } = await store();
    for (const start of ['a', 'a0', 'Y', 'zzz']) {
      const { page, response } = await keyPage(api, id, { exclusiveStartKey: start });
      const expected = SORTED.filter((key) => byteOrder(key, start) > 0);
      const keys = page.items.map((item) => item.key);
      expectThat(JSON.stringify(keys) === JSON.stringify(expected), `after "${start}": ${JSON.stringify(expected)}`, JSON.stringify(keys), response);
    }
  },
);
