import type { ApiClient, ApiResponse } from '../../common/http.ts';
import { expectBody } from './expect.ts';

/** One page of Get list of keys. */
export interface KeyPage {
  limit: number;
  isTruncated: boolean;
  exclusiveStartKey: string | null;
  nextExclusiveStartKey: string | null;
  count: number;
  items: Array<{ key: string; size: number }>;
}

export async function keyPage(
  api: ApiClient,
  storeId: string,
  query: { exclusiveStartKey?: string; limit?: number },
): Promise<{ page: KeyPage; response: ApiResponse }> {
  const response = await api.request({ path: `/v2/key-value-stores/${storeId}/keys`, query });
  return { page: expectBody<KeyPage>(response, 200, 'key-list-response'), response };
}

/** The byte order of UTF-8 strings, the documented order of keys. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The media type of a Content-Type, lower-case, without parameters. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Get items as JSON, parsed. */
export async function readItems(api: ApiClient, datasetId: string, query: Record<string, string | number | boolean> = {}) {
  const response = await api.request({ path: `/v2/datasets/${datasetId}/items`, query });
  return { items: expectBody<Record<string, unknown>[]>(response, 200, 'dataset-items'), response };
}
