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

/** Walks a list forward with `limit` per page until a short page, guarding against a target that never ends. */
export async function walkPages<T>(
  fetchPage: (offset: number, limit: number) => Promise<{ page: Page<T>; response: ApiResponse }>,
  limit: number,
): Promise<{ items: T[]; lastResponse: ApiResponse | undefined }> {
  const items: T[] = [];
  let lastResponse: ApiResponse | undefined;
  for (let offset = 0, pages = 0; ; pages += 1) {
    const { page, response } = await fetchPage(offset, limit);
    lastResponse = response;
    expectThat(pages < 10_000, 'a list that ends', 'more than 10000 pages', response);
    items.push(...page.items);
    if (page.items.length < limit) return { items, lastResponse };
    offset += page.items.length;
  }
}
