import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { endToEndHeaders } from './end-to-end-headers.ts';

/** A response from the target behind the proxy, or one the proxy makes up, as it is about to be sent. */
export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Decides the answer to one request: the target's (`forward()`), a changed one, one of the handler's own, or 'sent' when
 * the handler wrote to `raw` itself.
 */
export type ProxyHandler = (incoming: IncomingMessage, forward: () => Promise<ProxiedResponse>, raw: ServerResponse) => Promise<ProxiedResponse | 'sent'>;

export interface LoopbackProxy {
  url: string;
  close(): Promise<void>;
}

/** A loopback server in front of `upstream` that hands every request to `handle`, for the tests' proxies. */
export async function startLoopbackProxy(upstream: string, handle: ProxyHandler): Promise<LoopbackProxy> {
  const server = createServer((incoming, outgoing) => {
    answer(incoming, outgoing).catch((error: unknown) => {
      if (outgoing.headersSent) return void outgoing.destroy();
      outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(`proxy error: ${String(error)}`);
    });
  });

  async function answer(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const forward = async (): Promise<ProxiedResponse> => {
      const response = await request(`${upstream}${incoming.url ?? '/'}`, {
        method: (incoming.method ?? 'GET') as 'GET',
        headers: endToEndHeaders(incoming.headers),
        body: body.length > 0 ? body : undefined,
        // A request the target holds (waitForFinish, a streamed log) is held here as long.
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      return { status: response.statusCode, headers: endToEndHeaders(response.headers), body: Buffer.from(await response.body.arrayBuffer()) };
    };
    const response = await handle(incoming, forward, outgoing);
    if (response === 'sent') return;
    const bodiless = response.status === 204 || response.status === 304;
    outgoing.writeHead(response.status, bodiless ? response.headers : { ...response.headers, 'content-length': String(response.body.length) });
    outgoing.end(bodiless ? undefined : response.body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A proxy to `upstream` that answers the first build start (POST .../builds) with a 500, and forwards the rest. */
export function startFirstBuildFailingProxy(upstream: string): Promise<LoopbackProxy> {
  let refuse = true;
  return startLoopbackProxy(upstream, async (incoming, forward) => {
    if (refuse && incoming.method === 'POST' && /\/builds(\?|$)/.test(incoming.url ?? '')) {
      refuse = false;
      return { status: 500, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"error":{"type":"internal","message":"boom"}}') };
    }
    return forward();
  });
}
