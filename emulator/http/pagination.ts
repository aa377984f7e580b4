// Offset pagination of lists (actors, webhooks, builds, runs), as the API documents it.
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
export function paginate<T, V = T>(
  items: readonly T[],
  query: PaginationQuery,
  maxPageSize: number,
  view?: (item: T) => V,
): Page<V> {
  const offset = query.offset ?? 0;
  const limit = query.limit === undefined || query.limit === 0 ? maxPageSize : Math.min(query.limit, maxPageSize);
  const desc = query.desc ?? false;
  const total = items.length;
  const page: T[] = [];
  for (let position = offset; position < total && page.length < limit; position += 1) {
    page.push(items[desc ? total - 1 - position : position]);
  }
  const viewed = view === undefined ? (page as unknown as V[]) : page.map(view);
  return { total, offset, limit, desc, count: viewed.length, items: viewed };
}
