import type { ApiResponse } from '../../common/http.ts';
import type { SchemaName } from '../../common/schemas.ts';
import { expectBody, expectThat } from '../support/expect.ts';

export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  desc: boolean;
  count: number;
  items: T[];
}

export interface FetchedPage<T> {
  page: Page<T>;
  response: ApiResponse;
}

export type PageQuery = Record<string, string | number | undefined>;

/** A validated page of a paginated list. */
export function pageOf<T>(response: ApiResponse, schema: SchemaName): FetchedPage<T> {
  return { page: expectBody<Page<T>>(response, 200, schema), response };
}

/** The envelope of a page without its items, for messages. */
export function envelope(page: Page<unknown>): string {
  const { total, offset, limit, desc, count } = page;
  return JSON.stringify({ total, offset, limit, desc, count, items: `(${page.items.length} items)` });
}

/**
 * Walks a list forward, `limit` items per page, until a short page; `afterFirstPage` runs once, between the first and
 * the second request. A page that brings back an item already seen fails at once (a target that ignores `offset`
 * would otherwise never end).
 */
export async function walkPages<T extends { id: string }>(
  fetchPage: (offset: number, limit: number) => Promise<FetchedPage<T>>,
  limit: number,
  afterFirstPage: () => Promise<void>,
): Promise<{ items: T[]; responses: ApiResponse[] }> {
  const items: T[] = [];
  const responses: ApiResponse[] = [];
  const seen = new Set<string>();
  for (let offset = 0; ; ) {
    const { page, response } = await fetchPage(offset, limit);
    responses.push(response);
    const repeated = page.items.filter((item) => seen.has(item.id)).map((item) => item.id);
    expectThat(repeated.length === 0, `page offset=${offset} to bring only items not seen on earlier pages`, `${repeated.join(',')} again`, response);
    for (const item of page.items) seen.add(item.id);
    items.push(...page.items);
    if (responses.length === 1) await afterFirstPage();
    if (page.items.length < limit) return { items, responses };
    offset += page.items.length;
  }
}

/** A limit no server's maximum reaches: the response tells the real maximum (the spec says it may change). */
export const HUGE_LIMIT = 999_999;
/** Walks of a list others change meanwhile, before what is missing counts as missing. */
const WALKS = 3;

/**
 * Every item of a list, in the list's order (`query` may set `desc`): pages of the server's maximum, walked forward.
 * For lists other clients change meanwhile: an item they delete earlier in the list shifts the rest back, so one walk
 * can miss an item, and one they add ahead of the walk shows up twice (kept once). A walk that misses one of `expected`
 * is repeated, up to three walks; the last walk's items are returned either way, for the check to judge.
 */
export async function readWholeList<T extends { id: string }>(
  fetchPage: (query: PageQuery) => Promise<FetchedPage<T>>,
  query: PageQuery,
  expected: readonly string[] = [],
): Promise<{ items: T[]; responses: ApiResponse[] }> {
  let walk: { items: T[]; responses: ApiResponse[] } = { items: [], responses: [] };
  for (let attempt = 1; attempt <= WALKS; attempt += 1) {
    walk = await walkWhole(fetchPage, query);
    const ids = new Set(walk.items.map((item) => item.id));
    if (expected.every((id) => ids.has(id))) break;
  }
  return walk;
}

async function walkWhole<T extends { id: string }>(
  fetchPage: (query: PageQuery) => Promise<FetchedPage<T>>,
  query: PageQuery,
): Promise<{ items: T[]; responses: ApiResponse[] }> {
  const byId = new Map<string, T>();
  const responses: ApiResponse[] = [];
  for (let offset = 0; ; ) {
    const { page, response } = await fetchPage({ ...query, offset, limit: HUGE_LIMIT });
    responses.push(response);
    const known = byId.size;
    for (const item of page.items) if (!byId.has(item.id)) byId.set(item.id, item);
    // A short page is the last; a page with nothing new ends the walk too (a target that ignores offset repeats itself).
    if (page.items.length < page.limit || offset + page.items.length >= page.total || byId.size === known) {
      return { items: [...byId.values()], responses };
    }
    offset += page.items.length;
  }
}
