/**
 * Token redaction for everything the suite prints or writes: log lines, URLs, header maps, error messages, reports.
 * Three forms are removed: any `token=` query value, any `Authorization` credentials, and every raw (or URL-encoded)
 * occurrence of a configured secret anywhere in a string.
 */

export const REDACTED = '***';

export type HeaderValue = string | string[] | number | undefined;
export type HeaderMap = Record<string, HeaderValue>;

export interface Redactor {
  /** Removes every secret from a free-form string (a log line, a message, a URL, a serialized body). */
  text(value: string): string;
  /** A URL with `token=` masked and secrets removed from every part. */
  url(value: string | URL): string;
  /** A copy of a header map with credentials masked; keys and other values are kept. */
  headers<T extends HeaderMap>(headers: T): T;
  /** A deep copy of plain data (objects, arrays, strings) with every string redacted. */
  value<T>(value: T): T;
}

// Header names whose whole value is a credential.
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-apify-token', 'cookie', 'set-cookie']);

// `token=<value>` in a query string or form body, up to the next separator or closing bracket (URLs are quoted in
// text). Configured tokens are removed wherever they appear, so stopping early never leaks one.
const TOKEN_PARAM = /([?&;]token=)[^&#\s"'<>()[\]{},]*/gi;
// `Authorization: Bearer <value>` and similar schemes written out in text.
const AUTH_SCHEME = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]+/g;

export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  const needles = uniqueNeedles(secrets);

  const text = (value: string): string => {
    let result = value.replace(TOKEN_PARAM, `$1${REDACTED}`).replace(AUTH_SCHEME, `$1 ${REDACTED}`);
    for (const needle of needles) result = result.split(needle).join(REDACTED);
    return result;
  };

  const headers = <T extends HeaderMap>(map: T): T => {
    const copy: HeaderMap = {};
    for (const [name, value] of Object.entries(map)) {
      copy[name] = CREDENTIAL_HEADERS.has(name.toLowerCase()) ? maskCredential(value) : redactHeaderValue(value, text);
    }
    return copy as T;
  };

  const value = <T>(input: T): T => redactDeep(input, text) as T;

  return { text, url: (u) => text(String(u)), headers, value };
}

/** A redactor for the configured secrets: the tokens (main and optional second user) and the extra headers' values. */
export function redactorForSecrets(config: { token: string; token2?: string | undefined; headers?: Record<string, string> }): Redactor {
  return createRedactor([config.token, config.token2, ...Object.values(config.headers ?? {})]);
}

// The raw secret plus the encodings it can take in a URL; longest first so no partial replacement hides a longer one.
function uniqueNeedles(secrets: ReadonlyArray<string | undefined>): string[] {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    needles.add(secret);
    needles.add(encodeURIComponent(secret));
    needles.add(encodeURIComponent(secret).replace(/%20/g, '+'));
  }
  return [...needles].sort((a, b) => b.length - a.length);
}

function maskCredential(value: HeaderValue): HeaderValue {
  if (value === undefined) return undefined;
  const mask = (one: string): string => {
    const scheme = /^(\w+)\s+\S/.exec(one);
    return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
  };
  return Array.isArray(value) ? value.map(mask) : mask(String(value));
}

function redactHeaderValue(value: HeaderValue, text: (s: string) => string): HeaderValue {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map(text);
  return value;
}

function redactDeep(input: unknown, text: (s: string) => string, seen = new WeakMap<object, unknown>()): unknown {
  if (typeof input === 'string') return text(input);
  if (input === null || typeof input !== 'object') return input;
  if (seen.has(input)) return seen.get(input);
  if (Array.isArray(input)) {
    const copy: unknown[] = [];
    seen.set(input, copy);
    for (const item of input) copy.push(redactDeep(item, text, seen));
    return copy;
  }
  if (input instanceof Error) {
    const copy = new Error(text(input.message));
    copy.name = input.name;
    copy.stack = input.stack === undefined ? undefined : text(input.stack);
    seen.set(input, copy);
    return copy;
  }
  if (Buffer.isBuffer(input) || input instanceof Date || input instanceof URL) {
    return input instanceof URL ? new URL(text(input.href)) : input;
  }
  const copy: Record<string, unknown> = {};
  seen.set(input, copy);
  for (const [key, item] of Object.entries(input)) {
    copy[key] = CREDENTIAL_HEADERS.has(key.toLowerCase()) ? maskCredential(item as HeaderValue) : redactDeep(item, text, seen);
  }
  return copy;
}
