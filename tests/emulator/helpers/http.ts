// A small HTTP client for driving the emulator the way any API user would, plus the assertions every test file uses.
// Failure messages always name the request (with any token redacted), what was expected and what came back.
import { request } from 'undici';
import { expect } from 'vitest';
import type { ApiErrorBody } from './types.ts';

export type QueryValue = string | number | boolean | undefined;

export interface ApiRequest {
  method?: string;
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body; sets Content-Type application/json unless headers say otherwise. */
  json?: unknown;
  /** Raw body, sent as is. */
  body?: string | Buffer;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
  text: string;
  /** The parsed body when it is JSON, otherwise undefined. */
  json: unknown;
  elapsedMs: number;
  /** "METHOD /path?query" with the token redacted, for failure messages. */
  request: string;
}

/** How the client authenticates: the Authorization header (what current clients send), the token query parameter, or not at all. */
export type AuthMode = 'bearer' | 'query' | 'none';

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | undefined,
    readonly authMode: AuthMode = token ? 'bearer' : 'none',
    /** Retry 429 answers with the documented exponential backoff, as official clients do. */
    readonly backoff = false,
  ) {}

  as(token: string | undefined, authMode: AuthMode = token ? 'bearer' : 'none'): ApiClient {
    return new ApiClient(this.baseUrl, token, authMode, this.backoff);
  }

  anonymous(): ApiClient {
    return new ApiClient(this.baseUrl, undefined, 'none', this.backoff);
  }

  withBackoff(): ApiClient {
    return new ApiClient(this.baseUrl, this.token, this.authMode, true);
  }

  async send(req: ApiRequest): Promise<ApiResponse> {
    let res = await this.sendOnce(req);
    // Backoff as documented (spec/00-overview.apib#rate-limits): wait a random time in [delay, 2*delay), double, retry.
    for (let attempt = 0, delayMs = 250; this.backoff && res.status === 429 && attempt < 8; attempt += 1, delayMs *= 2) {
      await new Promise((resolve) => setTimeout(resolve, delayMs * (1 + Math.random())));
      res = await this.sendOnce(req);
    }
    return res;
  }

  private async sendOnce(req: ApiRequest): Promise<ApiResponse> {
    const method = req.method ?? 'GET';
    const url = new URL(this.baseUrl + req.path);
    for (const [name, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = {};
    if (this.token && this.authMode === 'query') url.searchParams.set('token', this.token);
    if (this.token && this.authMode === 'bearer') headers.authorization = `Bearer ${this.token}`;
    let body: string | Buffer | undefined = req.body;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    Object.assign(headers, req.headers);
    const description = `${method} ${url.pathname}${redactToken(url.search)}`;
    const started = performance.now();
    const res = await request(url, { method, headers, body });
    const bytes = Buffer.from(await res.body.arrayBuffer());
    const elapsedMs = performance.now() - started;
    const flatHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) flatHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const text = bytes.toString('utf8');
    let json: unknown;
    if ((flatHeaders['content-type'] ?? '').includes('json') && text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status: res.statusCode, headers: flatHeaders, bytes, text, json, elapsedMs, request: description };
  }

  get(path: string, query?: Record<string, QueryValue>): Promise<ApiResponse> {
    return this.send({ method: 'GET', path, query });
  }

  post(path: string, json?: unknown, query?: Record<string, QueryValue>): Promise<ApiResponse> {
    return this.send({ method: 'POST', path, json, query });
  }

  put(path: string, json: unknown, query?: Record<string, QueryValue>): Promise<ApiResponse> {
    return this.send({ method: 'PUT', path, json, query });
  }

  delete(path: string, query?: Record<string, QueryValue>): Promise<ApiResponse> {
    return this.send({ method: 'DELETE', path, query });
  }
}

export function redactToken(text: string): string {
  return text.replace(/([?&]token=)[^&]*/g, '$1<redacted>');
}

function describe(res: ApiResponse): string {
  return `${res.request} answered ${res.status}: ${res.text.slice(0, 600)}`;
}

/** Asserts the status and returns the response's `data` envelope member. */
export function dataOf<T>(res: ApiResponse, status = 200): T {
  expect(res.status, `expected HTTP ${status}; ${describe(res)}`).toBe(status);
  const body = res.json as { data?: T } | undefined;
  expect(body !== undefined && typeof body === 'object' && 'data' in body, `expected a JSON {data} envelope; ${describe(res)}`).toBe(true);
  return (body as { data: T }).data;
}

/** Asserts an error answer: the status, the `{error: {type, message}}` envelope, and the type when one is given. */
export function expectApiError(res: ApiResponse, status: number | number[], type?: string): ApiErrorBody['error'] {
  const statuses = Array.isArray(status) ? status : [status];
  expect(statuses, `expected HTTP ${statuses.join(' or ')}; ${describe(res)}`).toContain(res.status);
  const body = res.json as Partial<ApiErrorBody> | undefined;
  const error = body?.error;
  expect(typeof error?.type === 'string' && error.type.length > 0, `expected {error: {type}}; ${describe(res)}`).toBe(true);
  expect(typeof error?.message === 'string' && error.message.length > 0, `expected {error: {message}}; ${describe(res)}`).toBe(true);
  if (type !== undefined) expect(error?.type, `expected error type ${type}; ${describe(res)}`).toBe(type);
  return error as ApiErrorBody['error'];
}

export function expectStatus(res: ApiResponse, status: number): void {
  expect(res.status, `expected HTTP ${status}; ${describe(res)}`).toBe(status);
}
