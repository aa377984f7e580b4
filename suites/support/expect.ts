import type { ApiResponse } from '../../common/http.ts';
import { type SchemaName, validate } from '../../common/schemas.ts';

/**
 * Assertions whose failure message says what the rule expected, what came, and which request produced it (as the
 * client describes it: the token is already redacted). A check throws CheckFailure; Vitest reports its message.
 */
export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';
}

export function excerpt(text: string, max = 400): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat === '' ? '(empty body)' : flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

/** `request: <METHOD> <URL> [body]`, redacted. */
export function describeResponse(response: ApiResponse): string {
  const { method, url, body } = response.request;
  return `request: ${method} ${url}${body ? ` with body ${excerpt(body, 200)}` : ''}`;
}

/** Fails unless `condition` holds. */
export function expectThat(condition: boolean, expected: string, got: string, response?: ApiResponse): asserts condition {
  if (!condition) throw new CheckFailure(`expected ${expected}; got ${got}${response ? `\n  ${describeResponse(response)}` : ''}`);
}

export function expectStatus(response: ApiResponse, statuses: number | number[]): void {
  const allowed = Array.isArray(statuses) ? statuses : [statuses];
  expectThat(allowed.includes(response.status), `HTTP ${allowed.join(' or ')}`, `HTTP ${response.status} ${excerpt(response.text)}`, response);
}

/** The response has the status and its body matches the schema; returns the body's `data` (or the body itself). */
export function expectBody<T>(response: ApiResponse, status: number | number[], schema: SchemaName): T {
  expectStatus(response, status);
  const result = validate(schema, response.body);
  expectThat(
    result.ok,
    `a body matching schemas/${schema}.json`,
    result.ok ? '' : `${result.errors.slice(0, 5).join('; ')} in ${excerpt(response.text)}`,
    response,
  );
  const body = response.body as { data?: unknown };
  return (body && typeof body === 'object' && 'data' in body ? body.data : body) as T;
}

/** The response is the documented error envelope with this status and, when given, this error type. */
export function expectError(response: ApiResponse, status: number, type?: string): { type: string; message: string } {
  const { error } = expectBody<{ error: { type: string; message: string } }>(response, status, 'error');
  if (type !== undefined) expectThat(error.type === type, `error type "${type}"`, `"${error.type}" (${error.message})`, response);
  return error;
}
