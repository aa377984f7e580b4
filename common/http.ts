import { request as undiciRequest } from 'undici';
import { backoffDelayMs, CHECK_RETRY_POLICY, type RetryPolicy, sleep } from './backoff.ts';
import type { ConformanceConfig } from './config.ts';
import { type Redactor, redactorForSecrets } from './redact.ts';

/**
 * The HTTP client of the hooks and the suites (undici 7). Every request follows the documented exponential backoff on
 * 429 (and, like the official clients, on 5xx and network errors) unless the caller turns it off, e.g. to see a raw 429.
 * Results carry a redacted description of the request and every attempt, so reports can show them without the token.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';
export type QueryValue = string | number | boolean | undefined;

export interface ApiRequest {
  method?: HttpMethod;
  /** Path under the API root, starting with `/v2/`. */
  path: string;
  /** Added to the query string; undefined values are left out, booleans sent as `true`/`false`. */
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** A string or bytes is sent as is; anything else as JSON with `Content-Type: application/json` (unless given). */
  body?: unknown;
  /** Token to authenticate with: the client's token by default, `null` for an anonymous request. */
  token?: string | null;
  /** Where the token goes: the `Authorization: Bearer` header (default) or the `?token=` query parameter. */
  auth?: 'bearer' | 'query';
  /** `false` sends exactly once; `true` (default) follows the client's policy (a check's resends only a 429); a policy replaces parts of it. */
  retry?: boolean | Partial<RetryPolicy>;
  /** Per-attempt limit for the response headers and body, in milliseconds. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** One try of a request: its outcome, how long it took and how long the client waited after it. */
export interface Attempt {
  status?: number;
  /** Network error message (redacted) when no response came. */
  error?: string;
  durationMs: number;
  /** Backoff wait before the next attempt; absent on the last one. */
  backoffMs?: number;
}

/** A redacted description of the request, safe to print and to put in reports. */
export interface RequestDescription {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ApiResponse<T = unknown> {
  status: number;
  /** Response headers with lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** Parsed JSON when the Content-Type is JSON and the text parses; otherwise undefined. */
  body: T | undefined;
  /** Set when the Content-Type is JSON but the text does not parse. */
  jsonError?: string;
  text: string;
  /** The body as received, for bodies that are not text (records, xlsx). */
  bytes: Buffer;
  /** Duration of the last attempt. */
  durationMs: number;
  /** Wall time of the whole call, backoff waits included. */
  totalMs: number;
  request: RequestDescription;
  attempts: Attempt[];
}

/** No response came (after all retries): connection refused, reset, timed out. */
export class ApiNetworkError extends Error {
  override readonly name = 'ApiNetworkError';
  constructor(
    message: string,
    readonly request: RequestDescription,
    readonly attempts: Attempt[],
  ) {
    super(message);
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  /** Default token; requests may override it or go anonymous. */
  token?: string;
  redactor: Redactor;
  retryPolicy?: RetryPolicy;
  /** Default per-attempt timeout, in milliseconds. */
  timeoutMs?: number;
  /** Sent with every request unless overridden. */
  userAgent?: string;
  /** Sent with every request unless the request sets the same header (CONFORMANCE_HEADERS). */
  headers?: Record<string, string>;
  random?: () => number;
}

export interface ApiClient {
  readonly baseUrl: string;
  readonly redactor: Redactor;
  request<T = unknown>(request: ApiRequest): Promise<ApiResponse<T>>;
  /** The absolute URL a request would go to (unredacted: do not print it; use `redactor.url`). */
  url(path: string, query?: Record<string, QueryValue>): URL;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const policy = options.retryPolicy ?? CHECK_RETRY_POLICY;
  const random = options.random ?? Math.random;
  const redactor = options.redactor;

  const url = (path: string, query: Record<string, QueryValue> = {}): URL => {
    if (!path.startsWith('/')) throw new Error(`API paths start with "/" (got "${path}")`);
    const target = new URL(`${options.baseUrl}${path}`);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) target.searchParams.set(name, String(value));
    }
    return target;
  };

  const request = async <T>(req: ApiRequest): Promise<ApiResponse<T>> => {
    const method = req.method ?? 'GET';
    const token = req.token === undefined ? options.token : req.token;
    const target = url(req.path, req.query);
    const headers: Record<string, string> = {};
    if (options.userAgent) headers['user-agent'] = options.userAgent;
    for (const [name, value] of Object.entries({ ...options.headers, ...req.headers })) headers[name.toLowerCase()] = value;
    if (token) {
      if (req.auth === 'query') target.searchParams.set('token', token);
      else headers.authorization = `Bearer ${token}`;
    }
    const payload = encodeBody(req.body, headers);
    const description: RequestDescription = {
      method,
      url: redactor.url(target),
      headers: redactor.headers(headers),
      ...(payload === undefined ? {} : { body: redactor.text(payload.toString('utf8')) }),
    };
    const attemptPolicy = retryPolicyFor(req.retry, policy);
    const timeoutMs = req.timeoutMs ?? options.timeoutMs ?? 300_000;
    const attempts: Attempt[] = [];
    const started = performance.now();

    for (let index = 0; ; index += 1) {
      const attemptStart = performance.now();
      const isLast = index + 1 >= attemptPolicy.maxAttempts;
      try {
        const response = await undiciRequest(target, {
          method,
          headers,
          body: payload,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          signal: req.signal,
        });
        const bytes = Buffer.from(await response.body.arrayBuffer());
        const text = new TextDecoder().decode(bytes); // as undici's text(): a UTF-8 byte order mark is dropped
        const durationMs = performance.now() - attemptStart;
        const attempt: Attempt = { status: response.statusCode, durationMs };
        attempts.push(attempt);
        if (!isLast && attemptPolicy.retryStatus(response.statusCode)) {
          attempt.backoffMs = backoffDelayMs(attemptPolicy, index, random);
          await sleep(attempt.backoffMs, req.signal);
          continue;
        }
        const responseHeaders = flattenHeaders(response.headers);
        return {
          status: response.statusCode,
          headers: responseHeaders,
          ...parseJson<T>(responseHeaders['content-type'], text),
          text,
          bytes,
          durationMs,
          totalMs: performance.now() - started,
          request: description,
          attempts,
        };
      } catch (error) {
        if (req.signal?.aborted) throw error;
        const attempt: Attempt = { error: redactor.text(errorMessage(error)), durationMs: performance.now() - attemptStart };
        attempts.push(attempt);
        if (isLast || index + 1 >= attemptPolicy.maxNetworkAttempts) {
          throw new ApiNetworkError(
            `${description.method} ${description.url} got no response after ${attempts.length} attempt(s): ${attempt.error}`,
            description,
            attempts,
          );
        }
        attempt.backoffMs = backoffDelayMs(attemptPolicy, index, random);
        await sleep(attempt.backoffMs, req.signal);
      }
    }
  };

  return { baseUrl: options.baseUrl, redactor, request, url };
}

/** The client for the configured target and main user, with timeouts long enough for the target's longer wait cap. */
export function createConfiguredClient(
  config: Pick<ConformanceConfig, 'baseUrl' | 'token' | 'token2' | 'maxWaitSecs' | 'runSyncMaxWaitSecs' | 'headers'>,
  overrides: Partial<ApiClientOptions> = {},
): ApiClient {
  return createApiClient({
    baseUrl: config.baseUrl,
    token: config.token,
    redactor: redactorForSecrets(config),
    // waitForFinish may hold a request for its cap, run-sync for its own (300 s on the platform, against 60 s).
    timeoutMs: (Math.max(config.maxWaitSecs, config.runSyncMaxWaitSecs) + 60) * 1000,
    userAgent: 'apify-conformance',
    headers: config.headers,
    ...overrides,
  });
}

function retryPolicyFor(retry: ApiRequest['retry'], policy: RetryPolicy): RetryPolicy {
  if (retry === false) return { ...policy, maxAttempts: 1, maxNetworkAttempts: 1 };
  if (retry === true || retry === undefined) return policy;
  return { ...policy, ...retry };
}

function encodeBody(body: unknown, headers: Record<string, string>): Buffer | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  headers['content-type'] ??= 'application/json';
  return Buffer.from(JSON.stringify(body), 'utf8');
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** True for `application/json` and `+json` media types, with or without parameters. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function parseJson<T>(contentType: string | undefined, text: string): { body: T | undefined; jsonError?: string } {
  if (!isJsonMediaType(contentType) || text === '') return { body: undefined };
  try {
    return { body: JSON.parse(text) as T };
  } catch (error) {
    return { body: undefined, jsonError: errorMessage(error) };
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${typeof code === 'string' ? `${code}: ` : ''}${error.message}${cause}`;
  }
  return String(error);
}
