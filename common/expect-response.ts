import type { ApiResponse } from './http.ts';

/** A response that is not what a setup or cleanup step needed; the message says what, what came, and which request. */
export class UnexpectedResponseError extends Error {
  override readonly name = 'UnexpectedResponseError';
  constructor(
    readonly step: string,
    readonly response: ApiResponse,
    expectation: string,
  ) {
    super(`${step}: expected ${expectation}, got HTTP ${response.status} ${excerpt(response.text)} (${response.request.method} ${response.request.url})`);
  }
}

/** Returns `data` of a `{data: ...}` body when the status is one of `statuses`; throws UnexpectedResponseError otherwise. */
export function expectData<T>(response: ApiResponse, statuses: number | number[], step: string): T {
  const allowed = Array.isArray(statuses) ? statuses : [statuses];
  const body = response.body as { data?: unknown } | undefined;
  if (!allowed.includes(response.status) || body === undefined || typeof body !== 'object' || body === null || !('data' in body)) {
    throw new UnexpectedResponseError(step, response, `HTTP ${allowed.join(' or ')} with a JSON {data} body`);
  }
  return body.data as T;
}

/** Throws UnexpectedResponseError unless the status is one of `statuses`. */
export function expectStatus(response: ApiResponse, statuses: number | number[], step: string): void {
  const allowed = Array.isArray(statuses) ? statuses : [statuses];
  if (!allowed.includes(response.status)) throw new UnexpectedResponseError(step, response, `HTTP ${allowed.join(' or ')}`);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > 300 ? `${flat.slice(0, 300)}...` : flat;
}
