// Offset pagination of lists (actors, webhooks, builds, runs), as the API documents it.
import type { Faults } from '../faults/faults.ts';
import { queryBoolean, queryInteger } from './query.ts';

export const paginationQuerySchema = {
  offset: queryInteger(0),
  limit: queryInteger(0),
  desc: queryBoolean,
} as const;

export interface PaginationQuery {
  offset?: number;
  limit?: number;
  desc?: boolean;
}

export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  desc: boolean;
  count: number;
  items: T[];
}

/** What bounds a page: the emulator's maximum page size, and the faults that bend pagination. */
export interface PageLimits {
  maxPageSize: number;
  faults: Faults;
}

export function pageLimits(context: { options: { maxPageSize: number }; faults: Faults }): PageLimits {
  return { maxPageSize: context.options.maxPageSize, faults: context.faults };
}

/**
 * One page of `items` (given in ascending order). `limit` is the requested limit or the maximum, whichever is
 * smaller; 0 or no limit means the maximum (apify-client sends 0 for "no limit").
 */
export function paginate<T, V = T>(items: readonly T[], query: PaginationQuery, limits: PageLimits, view?: (item: T) => V): Page<V> {
  const { maxPageSize, faults } = limits;
  const offset = query.offset ?? 0;
  const requested = query.limit === undefined || query.limit === 0 ? maxPageSize : query.limit;
  const limit = Math.min(requested, maxPageSize);
  const desc = query.desc ?? false;
  const total = items.length;
  const page: T[] = [];
  const first = faults.has('pagination-offset-ignored') ? 0 : offset;
  const reverse = desc && !faults.has('pagination-desc-ignored');
  // Fault pagination-desc-per-page: the page is cut from the ascending order, and only its own items are reversed.
  const perPage = reverse && faults.has('pagination-desc-per-page');
  for (let position = first; position < total && page.length < limit; position += 1) {
    page.push(items[reverse && !perPage ? total - 1 - position : position]);
  }
  if (perPage) page.reverse();
  const viewed = view === undefined ? (page as unknown as V[]) : page.map(view);
  return {
    total: faults.has('pagination-total-is-page-size') ? viewed.length : total,
    offset,
    // Fault pagination-limit-not-clamped: the page is cut at the maximum, but the echo says what was asked.
    limit: faults.has('pagination-limit-not-clamped') ? requested : limit,
    desc: faults.has('pagination-desc-not-echoed') ? false : desc,
    count: viewed.length + (faults.has('pagination-count-off-by-one') ? 1 : 0),
    items: viewed,
  };
}
