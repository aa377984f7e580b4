import type { Redactor } from '../../common/redact.ts';
import type { DreddTransaction } from './dredd-types.ts';

/**
 * Rewrites what Dredd will send. Dredd requests `fullPath` (the endpoint's path prefix plus `request.uri`) and prints
 * `request.uri`, so both are always changed together.
 */

const ORIGIN = 'http://dredd.invalid';

function splitUri(transaction: DreddTransaction): URL {
  return new URL(transaction.request.uri, ORIGIN);
}

function setUri(transaction: DreddTransaction, url: URL): void {
  const prefix = transaction.fullPath.endsWith(transaction.request.uri)
    ? transaction.fullPath.slice(0, transaction.fullPath.length - transaction.request.uri.length)
    : '';
  const uri = `${url.pathname}${url.search}`;
  transaction.request.uri = uri;
  transaction.fullPath = `${prefix}${uri}`;
}

/**
 * Puts fixture ids into the path. `template` is the documented path, e.g. `/v2/acts/{actorId}/runs/{runId}`; the
 * transaction's path must have the same shape (literal segments equal), or the spec and the hooks disagree.
 */
export function setPathParams(transaction: DreddTransaction, template: string, values: Record<string, string>): void {
  const url = splitUri(transaction);
  const actual = url.pathname.split('/');
  const expected = template.split('/');
  const mismatch = () => new Error(`the hooks expect the path ${template}, but the spec's request is ${url.pathname}; update hooks/plans to match the spec`);
  if (actual.length !== expected.length) throw mismatch();
  const path = expected.map((segment, index) => {
    const param = /^\{(\w+)\}$/.exec(segment);
    if (!param) {
      if (segment !== actual[index]) throw mismatch();
      return segment;
    }
    const value = values[param[1]];
    if (value === undefined) throw new Error(`no value for path parameter {${param[1]}} of ${template}`);
    return encodeURIComponent(value);
  });
  url.pathname = path.join('/');
  setUri(transaction, url);
}

/** The current value of a query parameter, or undefined. */
export function queryParam(transaction: DreddTransaction, name: string): string | undefined {
  return splitUri(transaction).searchParams.get(name) ?? undefined;
}

/**
 * Replaces example values of query parameters the spec's request carries (their order is kept); `undefined` removes
 * one. Parameters the documented request does not send are left out unless `add` is true: the hooks replace example
 * values, they do not invent requests.
 */
export function setQueryParams(transaction: DreddTransaction, values: Record<string, string | number | undefined>, options: { add?: boolean } = {}): void {
  const url = splitUri(transaction);
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) url.searchParams.delete(name);
    else if (url.searchParams.has(name) || options.add) url.searchParams.set(name, String(value));
  }
  setUri(transaction, url);
}

/** The documented JSON request body, parsed (undefined when the request has none). */
export function requestJson(transaction: DreddTransaction): Record<string, unknown> | undefined {
  const body = transaction.request.body;
  if (body === undefined || body.trim() === '') return undefined;
  const parsed: unknown = JSON.parse(body);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`the spec's request body of "${transaction.name}" is not a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/** Replaces the request body with JSON and makes sure it is declared as such. */
export function setRequestJson(transaction: DreddTransaction, body: unknown): void {
  transaction.request.body = JSON.stringify(body);
  const headers = transaction.request.headers;
  const contentType = Object.keys(headers).find((name) => name.toLowerCase() === 'content-type');
  if (contentType === undefined) headers['Content-Type'] = 'application/json';
}

/**
 * Fills the documented `token` query parameter with the real token, as the last step before the request. Returns false
 * when the documented request carries no token (an action documented as not needing one is sent without).
 */
export function insertToken(transaction: DreddTransaction, token: string): boolean {
  if (queryParam(transaction, 'token') === undefined) return false;
  setQueryParams(transaction, { token });
  return true;
}

/** Adds the run's extra headers (CONFORMANCE_HEADERS, e.g. for a gateway) to the request, unless it sets them itself. */
export function insertHeaders(transaction: DreddTransaction, headers: Record<string, string>): void {
  const present = new Set(Object.keys(transaction.request.headers).map((name) => name.toLowerCase()));
  for (const [name, value] of Object.entries(headers)) if (!present.has(name)) transaction.request.headers[name] = value;
}

/** Removes secrets from everything Dredd prints or writes about the request. Safe to call more than once. */
export function redactRequest(transaction: DreddTransaction, redactor: Redactor): void {
  transaction.id = redactor.text(transaction.id);
  transaction.request.uri = redactor.url(transaction.request.uri);
  transaction.fullPath = redactor.url(transaction.fullPath);
  transaction.request.headers = redactor.headers(transaction.request.headers);
  if (typeof transaction.request.body === 'string') transaction.request.body = redactor.text(transaction.request.body);
}

/**
 * Dredd titles each test with `transaction.id` (method, status and the spec's example URI) and never prints the
 * transaction's name; the title becomes the name plus the request really sent, with the token masked.
 */
export function titleTransaction(transaction: DreddTransaction, redactor: Redactor): void {
  const status = transaction.expected.statusCode ?? '?';
  transaction.id = `${transaction.name} [${transaction.request.method} (${status}) ${redactor.url(transaction.request.uri)}]`;
}

/** Replaces the request body with bytes (sent as they are: Dredd decodes a base64 body before sending it). */
export function setRequestBytes(transaction: DreddTransaction, bytes: Buffer): void {
  transaction.request.body = bytes.toString('base64');
  transaction.request.bodyEncoding = 'base64';
}
