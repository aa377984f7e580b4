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

/**
 * One page of `items` (given in ascending order). `limit` is the requested limit or the maximum, whichever is
 * smaller; 0 or no limit means the maximum (apify-client sends 0 for "no limit").
 */
/** The page limits of an emulator: its maximum page size, and the faults that bend pagination. */
export function pageLimits(context: { options: { maxPageSize: number }; faults: Faults }): { maxPageSize: number; faults: Faults } {
  return { maxPageSize: context.options.maxPageSize, faults: context.faults };
}

export function paginate<T, V = T>(
  items: readonly T[],
  query: PaginationQuery,
  limits: { maxPageSize: number; faults: Faults },
  view?: (item: T) => V,
): Page<V> {
  const { maxPageSize, faults } = limits;
  const offset = query.offset ?? 0;
  const requested = query.limit === undefined || query.limit === 0 ? maxPageSize : query.limit;
  const limit = faults.has('pagination-limit-not-clamped') ? requested : Math.min(requested, maxPageSize);
  const desc = query.desc ?? false;
  const total = items.length;
  const page: T[] = [];
  const skip = faults.has('pagination-offset-ignored') ? 0 : offset;
  const reverse = desc && !faults.has('pagination-desc-ignored');
  for (let position = skip; position < total && page.length < Math.min(limit, maxPageSize); position += 1) {
    page.push(items[reverse ? total - 1 - position : position]);
  }
  const viewed = view === undefined ? (page as unknown as V[]) : page.map(view);
  return {
    total: faults.has('pagination-total-is-page-size') ? viewed.length : total,
    offset,
    limit,
    desc: faults.has('pagination-desc-not-echoed') ? false : desc,
    count: viewed.length + (faults.has('pagination-count-off-by-one') ? 1 : 0),
    items: viewed,
  };
}
