import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../common/http.ts';
import { createRedactor } from '../../common/redact.ts';
import { resendWhileRateLimited } from '../../hooks/lib/rate-limit-retry.ts';
import { transaction } from './support/transaction.ts';

// A server that refuses the first `refusals` requests of each path with 429, then answers 201 with what it received.
let server: Server;
let origin: string;
const refusals = 2;
const seen = new Map<string, number>();
const received: Array<{ method: string; url: string; authorization?: string; body: string }> = [];

beforeAll(async () => {
  server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const count = (seen.get(req.url ?? '') ?? 0) + 1;
    seen.set(req.url ?? '', count);
    received.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
    res.setHeader('content-type', 'application/json');
    if (count <= refusals) {
      res.statusCode = 429;
      res.end('{"error":{"type":"rate-limit-exceeded","message":"slow down"}}');
      return;
    }
    res.statusCode = 201;
    res.end(JSON.stringify({ data: { echoed: body } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = () => createApiClient({ baseUrl: origin, redactor: createRedactor([]) });

describe('a transaction refused with 429', () => {
  it('is sent again as it was (method, path with the endpoint prefix, headers, body) until it gets through, and Dredd sees that response', async () => {
    const t = transaction({ uri: '/v2/acts?x=1', fullPathPrefix: '/prefix', method: 'POST', body: '{"name":"a"}', expectedStatus: '201' });
    t.request.headers.Authorization = 'Bearer secret';
    t.request.headers['Content-Length'] = '12';
    t.real = { statusCode: 429, headers: {}, body: '{}' };
    seen.set('/prefix/v2/acts?x=1', 1);

    const started = Date.now();
    const resent = await resendWhileRateLimited(t, client());

    expect(resent).toBe(2);
    expect(t.real).toEqual({
      statusCode: 201,
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
      body: '{"data":{"echoed":"{\\"name\\":\\"a\\"}"}}',
      bodyEncoding: 'utf-8',
    });
    const last = received.at(-1)!;
    expect(last).toEqual({ method: 'POST', url: '/prefix/v2/acts?x=1', authorization: 'Bearer secret', body: '{"name":"a"}' });
    // Waits of 500..1000 ms, then 1000..2000 ms: the documented schedule, continued from the first refusal.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1450);
  });

  it('is left alone when its documented response is itself 429, and so is any other status', async () => {
    const documented = transaction({ expectedStatus: '429' });
    documented.real = { statusCode: 429, headers: {}, body: '{}' };
    const ok = transaction({});
    ok.real = { statusCode: 200, headers: {}, body: '{}' };
    const before = received.length;
    expect(await resendWhileRateLimited(documented, client())).toBe(0);
    expect(await resendWhileRateLimited(ok, client())).toBe(0);
    expect(documented.real.statusCode).toBe(429);
    expect(ok.real.statusCode).toBe(200);
    expect(received.length).toBe(before);
  });
});
