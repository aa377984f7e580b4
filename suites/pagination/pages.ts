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

/** A validated page of a paginated list. */
export function pageOf<T>(response: ApiResponse, schema: SchemaName): { page: Page<T>; response: ApiResponse } {
  return { page: expectBody<Page<T>>(response, 200, schema), response };
}

/**
 * Walks a list forward with `limit` per page until a short page. Items are identified by `id`; a page that brings
 * back an item already seen ends the walk at once (a target that ignores `offset` would otherwise never end).
 */
export async function walkPages<T extends { id: string }>(
  fetchPage: (offset: number, limit: number) => Promise<{ page: Page<T>; response: ApiResponse }>,
  limit: number,
): Promise<{ items: T[]; lastResponse: ApiResponse | undefined }> {
  const items: T[] = [];
  const seen = new Set<string>();
  let lastResponse: ApiResponse | undefined;
  for (let offset = 0; ; ) {
    const { page, response } = await fetchPage(offset, limit);
    lastResponse = response;
    const repeated = page.items.filter((item) => seen.has(item.id)).map((item) => item.id);
    expectThat(repeated.length === 0, `page offset=${offset} to bring only items not seen on earlier pages`, `again ${repeated.join(',')}`, response);
    for (const item of page.items) seen.add(item.id);
    items.push(...page.items);
    if (page.items.length < limit) return { items, lastResponse };
    offset += page.items.length;
  }
}
