import { check } from '../../common/check.ts';
import type { Feature } from '../../common/features.ts';
import { expectThat } from '../support/expect.ts';
import { envelope, type FetchedPage, HUGE_LIMIT, type PageQuery, readWholeList, walkPages } from './pages.ts';

/**
 * The invariants every paginated list keeps (spec "Pagination"), registered once per list as checks with ids
 * `pagination.<list>-<rule>`. Each suite file describes its list: how to fetch a page, which items it made, whether
 * the list is its alone (then counts and orders are exact) and how to add an item while a walk is under way.
 */
export interface ListUnderTest<T extends { id: string }> {
  /** Part of every check id: `actors`, `runs`, `builds`, `webhooks`. */
  name: string;
  /** The list action's section, which states its order. */
  spec: string;
  /** The feature the listed things belong to; every check of the list also needs `pagination`. */
  feature: Feature;
  fetch(query: PageQuery): Promise<FetchedPage<T>>;
  /** Fetching pages creates nothing (the list exists without the file's set-up): the envelope checks are read-only. */
  readOnlyEnvelope?: boolean;
  /** What the file put in the list. */
  contents: ListContents<T>;
}

export interface ListContents<T extends { id: string }> {
  /** The documented order field, oldest first. */
  orderBy: 'createdAt' | 'startedAt';
  /** The items the file knows are in the list (its own, and for an exclusive list any it knows came before), oldest first. */
  known(): Promise<Array<Pick<T, 'id'>>>;
  /** True when nobody else changes the list while the file runs: totals and orders are then exact. */
  exclusive: boolean;
  /** Adds an item (oldest-first order puts it last); a list the file cannot grow skips the walk check. */
  add?(): Promise<T>;
}

const PAGINATION = 'spec/00-overview.apib#pagination';

export function registerListChecks<T extends { id: string }>(list: ListUnderTest<T>): void {
  const id = (rule: string) => `pagination.${list.name}-${rule}`;
  const envelopeTags = list.readOnlyEnvelope ? ['read-only'] : [];

  check(
    {
      id: id('count-equals-items'),
      title: `the ${list.name} list's count equals the number of items returned, never more than the limit`,
      spec: PAGINATION,
      features: ['pagination', list.feature],
      tags: envelopeTags,
    },
    async () => {
      for (const limit of [1, 2, undefined, HUGE_LIMIT]) {
        const { page, response } = await list.fetch({ limit });
        expectThat(page.count === page.items.length, `count == items.length (${page.items.length})`, `count ${page.count}`, response);
        expectThat(page.items.length <= page.limit, `at most limit (${page.limit}) items`, `${page.items.length} items`, response);
      }
    },
  );

  check(
    {
      id: id('offset-and-desc-echo'),
      title: `the ${list.name} list echoes offset and desc, defaulting to 0 and false, and reads desc given as true or 1`,
      spec: PAGINATION,
      features: ['pagination', list.feature],
      tags: envelopeTags,
    },
    async () => {
      const cases: Array<[PageQuery, number, boolean]> = [
        [{}, 0, false],
        [{ offset: 1, desc: 'true' }, 1, true],
        [{ offset: 2, desc: '1' }, 2, true],
        [{ offset: 0, desc: 'false' }, 0, false],
        [{ desc: '0' }, 0, false],
      ];
      for (const [query, offset, desc] of cases) {
        const { page, response } = await list.fetch(query);
        expectThat(page.offset === offset && page.desc === desc, `offset ${offset} and desc ${desc}`, envelope(page), response);
      }
    },
  );

  check(
    {
      id: id('limit-clamped'),
      title: `the ${list.name} list's limit is the requested one or the maximum, whichever is smaller: a larger one is clamped, not rejected, and no limit means the maximum`,
      spec: PAGINATION,
      features: ['pagination', list.feature],
      tags: envelopeTags,
    },
    async () => {
      const small = await list.fetch({ limit: 2 });
      expectThat(small.page.limit === 2, 'limit 2', envelope(small.page), small.response);
      const huge = await list.fetch({ limit: HUGE_LIMIT });
      const max = huge.page.limit;
      expectThat(
        Number.isInteger(max) && max >= 1 && max < HUGE_LIMIT,
        `a limit clamped below the requested ${HUGE_LIMIT} (the maximum)`,
        envelope(huge.page),
        huge.response,
      );
      const justAbove = await list.fetch({ limit: max + 1 });
      expectThat(justAbove.page.limit === max, `limit ${max}, the maximum`, envelope(justAbove.page), justAbove.response);
      const exact = await list.fetch({ limit: max });
      expectThat(exact.page.limit === max, `limit ${max} as requested`, envelope(exact.page), exact.response);
      const unset = await list.fetch({});
      expectThat(unset.page.limit === max, `limit ${max} (the maximum) when none is requested`, envelope(unset.page), unset.response);
    },
  );

  const contents = list.contents;

  check(
    {
      id: id('total-counts-all'),
      title: `the ${list.name} list's total counts every item, not just the page`,
      spec: PAGINATION,
      features: ['pagination', list.feature],
    },
    async () => {
      const known = await contents.known();
      const first = await list.fetch({ limit: 1 });
      if (!contents.exclusive) {
        expectThat(first.page.total >= known.length, `total >= ${known.length} (the items this file made)`, envelope(first.page), first.response);
        return;
      }
      expectThat(first.page.total === known.length, `total ${known.length}`, envelope(first.page), first.response);
      const tail = await list.fetch({ offset: known.length - 1, limit: 2 });
      expectThat(
        tail.page.total === known.length && tail.page.items.length === 1,
        `total ${known.length} and 1 item at offset ${known.length - 1}`,
        envelope(tail.page),
        tail.response,
      );
      const past = await list.fetch({ offset: known.length });
      expectThat(
        past.page.total === known.length && past.page.items.length === 0,
        `total ${known.length} and no item past the end`,
        envelope(past.page),
        past.response,
      );
    },
  );

  check(
    {
      id: id('ordered-and-desc-reverses'),
      title: `the ${list.name} list is ordered by ${contents.orderBy}, oldest first, and desc=1 gives the exact reverse`,
      spec: list.spec,
      features: ['pagination', list.feature],
    },
    async () => {
      const knownIds = (await contents.known()).map((item) => item.id);
      // The whole list, page by page: the maximum page size may be smaller than the list.
      const asc = await readWholeList(list.fetch, {}, knownIds);
      const ascResponse = asc.responses.at(-1);
      const stamps = asc.items.map((item) => String((item as Record<string, unknown>)[contents.orderBy]));
      const unordered = stamps.findIndex((stamp, i) => i > 0 && stamps[i - 1]! > stamp);
      expectThat(unordered === -1, `${contents.orderBy} never decreasing`, `${stamps[unordered - 1]} before ${stamps[unordered]}`, ascResponse);
      const ascIds = asc.items.map((item) => item.id);
      const ownOrder = ascIds.filter((itemId) => knownIds.includes(itemId));
      expectThat(
        JSON.stringify(ownOrder) === JSON.stringify(knownIds),
        `this file's items in the order they were made (${knownIds.join(',')})`,
        ownOrder.join(','),
        ascResponse,
      );
      const desc = await readWholeList(list.fetch, { desc: 1 }, knownIds);
      const descResponse = desc.responses.at(-1);
      let descIds = desc.items.map((item) => item.id);
      let expected = [...ascIds].reverse();
      if (!contents.exclusive) {
        // Other files create and delete items meanwhile: compare the items both answers hold.
        const inBoth = new Set(descIds.filter((itemId) => ascIds.includes(itemId)));
        descIds = descIds.filter((itemId) => inBoth.has(itemId));
        expected = expected.filter((itemId) => inBoth.has(itemId));
      }
      expectThat(JSON.stringify(descIds) === JSON.stringify(expected), `desc=1 to list ${expected.join(',')}`, descIds.join(','), descResponse);
    },
  );

  if (contents.exclusive) {
    check(
      {
        id: id('desc-pages-reverse'),
        title: `${list.name} pages walked with desc=1 concatenate to the exact reverse of the ascending walk: desc orders the list before it is cut into pages`,
        spec: PAGINATION,
        features: ['pagination', list.feature],
      },
      async () => {
        const walk = (desc: number) =>
          walkPages<T>(
            (offset, limit) => list.fetch({ offset, limit, desc }),
            2,
            async () => {},
          );
        const asc = (await walk(0)).items.map((item) => item.id);
        const desc = await walk(1);
        const expected = [...asc].reverse();
        const ids = desc.items.map((item) => item.id);
        expectThat(JSON.stringify(ids) === JSON.stringify(expected), `desc=1 pages to list ${expected.join(',')}`, ids.join(','), desc.responses.at(-1));
      },
    );
  }

  const add = contents.add;
  if (!add || !contents.exclusive) return;
  check(
    {
      id: id('pages-concatenate'),
      title: `${list.name} pages walked with offset and limit concatenate to the whole list, with no gap and no duplicate, while new items are added`,
      spec: PAGINATION,
      features: ['pagination', list.feature],
    },
    async () => {
      const before = (await contents.known()).map((item) => item.id);
      let added: T | undefined;
      const walked = await walkPages<T>(
        (offset, limit) => list.fetch({ offset, limit }),
        2,
        async () => {
          added = await add();
        },
      );
      const expected = [...before, added!.id];
      const ids = walked.items.map((item) => item.id);
      expectThat(
        JSON.stringify(ids) === JSON.stringify(expected),
        `every item once, in order, ending with the one added during the walk (${expected.join(',')})`,
        ids.join(','),
        walked.responses.at(-1),
      );
    },
  );
}
