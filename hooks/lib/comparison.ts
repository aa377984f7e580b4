import { actionName, checkResponseBody } from '../../common/response-schemas.ts';
import type { DreddTransaction } from './dredd-types.ts';

/**
 * The comparison rules the hooks add to Dredd's (Gavel's) checks. Each changes only what it names; everything else
 * Dredd checks stays checked.
 */

function headerName(headers: Record<string, string>, name: string): string | undefined {
  return Object.keys(headers).find((key) => key.toLowerCase() === name);
}

/**
 * A media type matches with or without a `charset` parameter: Gavel compares Content-Type literally, so
 * `application/json; charset=utf-8` would fail against a documented `application/json`. Only the charset parameter is
 * removed from the actual header, and only when the documented one has none.
 */
export function normaliseCharset(transaction: DreddTransaction): void {
  const real = transaction.real;
  if (real === undefined) return;
  const expectedName = headerName(transaction.expected.headers, 'content-type');
  const actualName = headerName(real.headers, 'content-type');
  if (expectedName === undefined || actualName === undefined) return;
  if (/;\s*charset=/i.test(transaction.expected.headers[expectedName])) return;
  real.headers[actualName] = real.headers[actualName]
    .split(';')
    .filter((part, index) => index === 0 || !/^\s*charset=/i.test(part))
    .join(';');
}

/**
 * 204 means no body: whatever the document declares for a 204 (the original declares `application/json` and `{}`), the
 * expectation becomes "no Content-Type required, no body"; `noContentProblem` then checks that the body is empty.
 */
export function relaxNoContentExpectation(transaction: DreddTransaction): void {
  if (transaction.expected.statusCode !== '204') return;
  delete transaction.expected.body;
  delete transaction.expected.bodySchema;
  const contentType = headerName(transaction.expected.headers, 'content-type');
  if (contentType !== undefined) delete transaction.expected.headers[contentType];
}

/**
 * A 204 response must have no body (RFC 9110 §15.3.5) and must not announce one; Gavel checks neither. (Body bytes sent
 * after a 204 usually break the client's parser, which Dredd reports as a failed request.)
 */
export function noContentProblem(transaction: DreddTransaction): string | undefined {
  const real = transaction.real;
  if (real === undefined || real.statusCode !== 204) return undefined;
  const body = real.body ?? '';
  if (body !== '') {
    const bytes = Buffer.byteLength(body, real.bodyEncoding === 'base64' ? 'base64' : 'utf8');
    return `HTTP 204 must have no body, but the response carried ${bytes} bytes: ${excerpt(body)}`;
  }
  const length = real.headers[headerName(real.headers, 'content-length') ?? ''];
  if (length !== undefined && Number(length) !== 0) return `HTTP 204 must have no body, but the response declares Content-Length: ${length}`;
  if (headerName(real.headers, 'transfer-encoding') !== undefined) return 'HTTP 204 must have no body, but the response declares a Transfer-Encoding';
  return undefined;
}

/**
 * The response body against our strict schema for the action and status (common/response-schemas.ts), in addition to
 * the schema Dredd derives from the document. Only a response with the documented status is checked here: a wrong
 * status is already Gavel's failure.
 */
export function schemaProblem(transaction: DreddTransaction): string | undefined {
  const real = transaction.real;
  if (real === undefined || String(real.statusCode) !== transaction.expected.statusCode || real.statusCode === 204) return undefined;
  const action = actionName(transaction.origin.resourceName, transaction.origin.actionName);
  const body = real.bodyEncoding === 'base64' ? Buffer.from(real.body ?? '', 'base64').toString('utf8') : (real.body ?? '');
  const result = checkResponseBody(action, real.statusCode, body);
  if (result.ok) return undefined;
  return `body of the ${real.statusCode} response does not match the schema for "${action}" (common/response-schemas.ts):\n  ${result.errors.join('\n  ')}`;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
