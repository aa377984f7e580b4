import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { endToEndHeaders } from '../../support/end-to-end-headers.ts';

/** A response from the real target, as the proxy is about to pass it on. */
export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * One change to the target's answers: which requests it hits (only Dredd's own requests, recognised by Dredd's
 * User-Agent, so the hooks' fixture setup still works; all of them when `method` and `path` are left out) and what it
 * does to the response. `break` changes the response in place, or writes a raw answer to the socket and returns 'sent'.
 */
export interface Fault {
  method?: string;
  path?: RegExp;
  /** Returns 'sent' when it wrote a raw answer itself; any other result means "send the changed response". */
  break(response: ProxiedResponse, raw: ServerResponse): unknown;
}

export interface BreakingProxy {
  url: string;
  /** How many responses each fault changed, in the order given: a fault that never fired proves nothing. */
  readonly hits: readonly number[];
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of `upstream` that passes everything through except what `faults` break; each response is
 * broken by the first fault that matches it.
 */
export async function startBreakingProxy(upstream: string, ...faults: Fault[]): Promise<BreakingProxy> {
  const hits = faults.map(() => 0);
  const server: Server = createServer((req, res) => {
    forward(req, res).catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy error: ${String(error)}`);
    });
  });

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upstreamResponse = await request(`${upstream}${req.url ?? '/'}`, {
      method: req.method as 'GET',
      headers: endToEndHeaders(req.headers),
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    const response: ProxiedResponse = {
      status: upstreamResponse.statusCode,
      headers: endToEndHeaders(upstreamResponse.headers),
      body: Buffer.from(await upstreamResponse.body.arrayBuffer()),
    };
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    const fromDredd = String(req.headers['user-agent'] ?? '').startsWith('Dredd/');
    const index = fromDredd ? faults.findIndex((fault) => (fault.method ?? req.method) === req.method && (fault.path ?? /./).test(path)) : -1;
    if (index >= 0) {
      hits[index] += 1;
      if (faults[index].break(response, res) === 'sent') return;
    }
    res.writeHead(response.status, { ...response.headers, 'content-length': String(response.body.length) });
    res.end(response.body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Changes the JSON body of a response. */
export function editJson(response: ProxiedResponse, edit: (body: { data: Record<string, unknown> }) => void): void {
  const body = JSON.parse(response.body.toString('utf8')) as { data: Record<string, unknown> };
  edit(body);
  response.body = Buffer.from(JSON.stringify(body));
}
