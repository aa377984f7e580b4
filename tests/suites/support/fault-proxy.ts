import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request as undiciRequest } from 'undici';

/**
 * A loopback proxy in front of a target that can break one rule of the API at a time: the active fault sees every
 * request and decides what the client gets, usually by forwarding the request (changed or not) and changing the
 * answer. With no fault it passes everything through. The suites' own proof (tests/suites/faults.test.ts) switches
 * faults between runs of the targeted checks, so the proxy's URL, and the suites' configuration, never change.
 */
export interface ProxyRequest {
  method: string;
  /** Path without the query, e.g. `/v2/acts/abc`. */
  path: string;
  query: URLSearchParams;
  /** Lower-case names, hop-by-hop headers removed. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface ProxyResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export type Forward = (request: ProxyRequest) => Promise<ProxyResponse>;

/** What a fault may use besides the request: the real target, per-fault memory, and the target's users. */
export interface FaultContext {
  forward: Forward;
  /** Cleared whenever a fault is switched on. */
  memory: Map<string, unknown>;
  tokens: { main: string; second: string | undefined };
  maxWaitSecs: number;
}

export type FaultHandler = (request: ProxyRequest, context: FaultContext) => Promise<ProxyResponse>;

export interface FaultProxy {
  url: string;
  /** Switches a fault on (undefined: pass through) and forgets what the previous one remembered. */
  use(handler: FaultHandler | undefined): void;
  /** Requests seen since the last `use`, as `<effective method> <path>`. */
  readonly seen: readonly string[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

export async function startFaultProxy(upstream: string, settings: Omit<FaultContext, 'forward' | 'memory'>): Promise<FaultProxy> {
  let handler: FaultHandler | undefined;
  const memory = new Map<string, unknown>();
  const seen: string[] = [];

  const forward: Forward = async (request) => {
    const search = request.query.toString();
    const answer = await undiciRequest(`${upstream}${request.path}${search ? `?${search}` : ''}`, {
      method: request.method as 'GET',
      headers: request.headers,
      body: request.body.length > 0 ? request.body : undefined,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    return { status: answer.statusCode, headers: plainHeaders(answer.headers), body: Buffer.from(await answer.body.arrayBuffer()) };
  };
  const context: FaultContext = { ...settings, forward, memory };

  const server = createServer((incoming, outgoing) => {
    serve(incoming, outgoing).catch((error: unknown) => {
      // A fault that throws is a bug of the proof, not of the target: answer so that the check fails loudly.
      const body = JSON.stringify({ error: { type: 'fault-proxy-error', message: String(error) } });
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
      outgoing.end(body);
    });
  });

  async function serve(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const url = new URL(incoming.url ?? '/', 'http://proxy');
    const request: ProxyRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: plainHeaders(incoming.headers),
      body: Buffer.concat(chunks),
    };
    seen.push(`${effectiveMethod(request)} ${request.path}`);
    const response = handler ? await handler(request, context) : await forward(request);
    const headers: Record<string, string> = { ...response.headers };
    if (response.status !== 204 && response.status !== 304) headers['content-length'] = String(response.body.length);
    outgoing.writeHead(response.status, headers);
    outgoing.end(response.status === 204 ? undefined : response.body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    use(next) {
      handler = next;
      memory.clear();
      seen.length = 0;
    },
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function plainHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) plain[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return plain;
}

/** The method the API acts on: the `method` query parameter when one is given. */
export function effectiveMethod(request: ProxyRequest): string {
  return (request.query.get('method') ?? request.method).toUpperCase();
}
