import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelayMs, CHECK_RETRY_POLICY, CLEANUP_RETRY_POLICY } from '../../common/backoff.ts';
import { FixtureSession } from '../../common/fixtures/index.ts';
import { ApiNetworkError, createApiClient } from '../../common/http.ts';
import { createRedactor, REDACTED } from '../../common/redact.ts';

const TOKEN = 'http-test-token-0123456789';

interface Arrival {
  at: number;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server | undefined;

/** A loopback server that answers each request with the next handler in the script (the last one repeats). */
async function scriptedServer(script: Array<(res: ServerResponse) => void>): Promise<{ baseUrl: string; arrivals: Arrival[] }> {
  const arrivals: Arrival[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      arrivals.push({ at: performance.now(), url: req.url ?? '', headers: req.headers, body });
      script[Math.min(arrivals.length - 1, script.length - 1)](res);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, arrivals };
}

const json = (status: number, body: unknown) => (res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};
const tooMany = json(429, { error: { type: 'rate-limit-exceeded', message: 'slow down' } });
const dropConnection = (res: ServerResponse) => res.socket?.destroy();

function client(baseUrl: string, initialDelayMs = CHECK_RETRY_POLICY.initialDelayMs) {
  return createApiClient({
    baseUrl,
    token: TOKEN,
    redactor: createRedactor([TOKEN]),
    retryPolicy: { ...CHECK_RETRY_POLICY, initialDelayMs },
  });
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('backoffDelayMs', () => {
  it('waits between DELAY and 2*DELAY, DELAY doubling from 500 ms', () => {
    expect(backoffDelayMs(CHECK_RETRY_POLICY, 0, () => 0)).toBe(500);
    expect(backoffDelayMs(CHECK_RETRY_POLICY, 0, () => 0.999)).toBe(1000);
    expect(backoffDelayMs(CHECK_RETRY_POLICY, 1, () => 0)).toBe(1000);
    expect(backoffDelayMs(CHECK_RETRY_POLICY, 3, () => 0.5)).toBe(6000);
  });
});

describe('api.request backoff on 429', () => {
  it('retries with the documented delays until the server stops answering 429', async () => {
    const { baseUrl, arrivals } = await scriptedServer([tooMany, tooMany, json(200, { data: { ok: true } })]);
    const response = await client(baseUrl).request<{ data: { ok: boolean } }>({ path: '/v2/acts' });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { ok: true } });
    expect(response.attempts.map((a) => a.status)).toEqual([429, 429, 200]);
    const [first, second] = response.attempts.map((a) => a.backoffMs);
    expect(first).toBeGreaterThanOrEqual(500);
    expect(first).toBeLessThanOrEqual(1000);
    expect(second).toBeGreaterThanOrEqual(1000);
    expect(second).toBeLessThanOrEqual(2000);
    expect(response.attempts[2].backoffMs).toBeUndefined();
    // The server saw the retries no earlier than the recorded waits (timers never fire early; 5 ms for clock granularity).
    expect(arrivals[1].at - arrivals[0].at).toBeGreaterThanOrEqual((first as number) - 5);
    expect(arrivals[2].at - arrivals[1].at).toBeGreaterThanOrEqual((second as number) - 5);
    expect(response.totalMs).toBeGreaterThanOrEqual((first as number) + (second as number) - 5);
  });

  it('sends once and returns the raw 429 when retry is off', async () => {
    const { baseUrl, arrivals } = await scriptedServer([tooMany, json(200, {})]);
    const response = await client(baseUrl).request({ path: '/v2/acts', retry: false });
    expect(response.status).toBe(429);
    expect(response.body).toEqual({ error: { type: 'rate-limit-exceeded', message: 'slow down' } });
    expect(response.attempts).toEqual([{ status: 429, durationMs: expect.any(Number) }]);
    expect(arrivals).toHaveLength(1);
  });

  it('gives up after maxAttempts and returns the last 429', async () => {
    const { baseUrl, arrivals } = await scriptedServer([tooMany]);
    const response = await client(baseUrl, 10).request({ path: '/v2/acts', retry: { maxAttempts: 3 } });
    expect(response.status).toBe(429);
    expect(arrivals).toHaveLength(3);
    expect(response.attempts.map((a) => a.backoffMs === undefined)).toEqual([false, false, true]);
  });
});

describe('api.request never hides what the target answered', () => {
  it('returns a 5xx as it came: a check sees it and fails, naming the request', async () => {
    const { baseUrl, arrivals } = await scriptedServer([json(503, { error: { type: 'x', message: 'y' } }), json(200, { data: 1 })]);
    const response = await client(baseUrl, 10).request({ method: 'POST', path: '/v2/acts/a/runs' });
    expect(response.status).toBe(503);
    expect(arrivals).toHaveLength(1);
  });

  it('sends a request once when the connection drops, and fails with a redacted ApiNetworkError', async () => {
    const { baseUrl, arrivals } = await scriptedServer([dropConnection, json(200, { data: 1 })]);
    const error = await client(baseUrl, 10)
      .request({ path: '/v2/acts', auth: 'query' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiNetworkError);
    expect(arrivals).toHaveLength(1);
    const networkError = error as ApiNetworkError;
    expect(networkError.attempts).toHaveLength(1);
    expect(networkError.message).toContain(`token=${REDACTED}`);
    expect(JSON.stringify({ m: networkError.message, r: networkError.request })).not.toContain(TOKEN);
  });

  it('lets clean-up resend after a 5xx and a dropped connection, but not after another 4xx', async () => {
    const retried = await scriptedServer([json(503, { error: { type: 'x', message: 'y' } }), dropConnection, json(204, {})]);
    const cleanup = { ...CLEANUP_RETRY_POLICY, initialDelayMs: 10 };
    expect((await client(retried.baseUrl, 10).request({ method: 'DELETE', path: '/v2/x', retry: cleanup })).status).toBe(204);
    expect(retried.arrivals).toHaveLength(3);
    await new Promise<void>((resolve) => server?.close(() => resolve()));

    const notRetried = await scriptedServer([json(404, { error: { type: 'record-not-found', message: 'no' } })]);
    const response = await client(notRetried.baseUrl, 10).request({ method: 'DELETE', path: '/v2/x', retry: cleanup });
    expect(response.status).toBe(404);
    expect(notRetried.arrivals).toHaveLength(1);
  });
});

describe('a start cut off by the client timeout is never sent again', () => {
  // A resent POST .../runs or .../builds is a second, paid job on the platform; the first may well have started.
  const held: ServerResponse[] = [];
  const hold = (res: ServerResponse) => void held.push(res);
  afterEach(() => {
    for (const res of held.splice(0)) res.destroy();
  });

  it('api.request sends the POST once and fails with an ApiNetworkError', async () => {
    const { baseUrl, arrivals } = await scriptedServer([hold]);
    const error = await client(baseUrl, 10)
      .request({ method: 'POST', path: '/v2/acts/a/runs', body: {}, timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiNetworkError);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(arrivals.map((a) => a.url)).toEqual(['/v2/acts/a/runs']);
  });

  it('a fixture that starts a run or a build sends its POST once, whatever waits out a full quota', async () => {
    const { baseUrl, arrivals } = await scriptedServer([hold]);
    const api = createApiClient({ baseUrl, token: TOKEN, redactor: createRedactor([TOKEN]), retryPolicy: CHECK_RETRY_POLICY, timeoutMs: 300 });
    const fixtures = new FixtureSession(api, { resourcePrefix: 'conformance-', runId: 'timeout1', maxWaitSecs: 1 });
    await expect(fixtures.startRun('a')).rejects.toBeInstanceOf(ApiNetworkError);
    await expect(fixtures.startBuild('a')).rejects.toBeInstanceOf(ApiNetworkError);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(arrivals.map((a) => new URL(a.url, baseUrl).pathname)).toEqual(['/v2/acts/a/runs', '/v2/acts/a/builds']);
  });
});

describe('api.request encoding and auth', () => {
  it('sends the token as a Bearer header by default and describes the request without it', async () => {
    const { baseUrl, arrivals } = await scriptedServer([json(201, { data: { id: 'x' } })]);
    const response = await client(baseUrl).request({
      method: 'POST',
      path: '/v2/acts',
      query: { limit: 5, desc: true, skip: undefined },
      body: { name: 'n' },
    });
    expect(arrivals[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(arrivals[0].headers['content-type']).toBe('application/json');
    expect(arrivals[0].url).toBe('/v2/acts?limit=5&desc=true');
    expect(arrivals[0].body).toBe('{"name":"n"}');
    expect(response.request).toEqual({
      method: 'POST',
      url: `${baseUrl}/v2/acts?limit=5&desc=true`,
      headers: { authorization: `Bearer ${REDACTED}`, 'content-type': 'application/json' },
      body: '{"name":"n"}',
    });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('puts the token in the query on request, or sends none', async () => {
    const { baseUrl, arrivals } = await scriptedServer([json(200, {})]);
    const api = client(baseUrl);
    const viaQuery = await api.request({ path: '/v2/acts', auth: 'query' });
    await api.request({ path: '/v2/acts', token: null });
    expect(arrivals[0].url).toBe(`/v2/acts?token=${TOKEN}`);
    expect(arrivals[0].headers.authorization).toBeUndefined();
    expect(viaQuery.request.url).toBe(`${baseUrl}/v2/acts?token=${REDACTED}`);
    expect(arrivals[1].url).toBe('/v2/acts');
    expect(arrivals[1].headers.authorization).toBeUndefined();
  });

  it('keeps the text of a non-JSON or broken JSON body', async () => {
    const { baseUrl } = await scriptedServer([
      (res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('hello');
      },
      (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"truncated":');
      },
    ]);
    const api = client(baseUrl);
    const plain = await api.request({ path: '/v2/a' });
    expect(plain).toMatchObject({ body: undefined, text: 'hello' });
    expect(plain.jsonError).toBeUndefined();
    const broken = await api.request({ path: '/v2/a' });
    expect(broken.body).toBeUndefined();
    expect(broken.jsonError).toBeTruthy();
  });
});
