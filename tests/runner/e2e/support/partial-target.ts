import { startLoopbackProxy } from '../../../support/loopback-proxy.ts';

export interface PartialTarget {
  url: string;
  /** Requests answered 404 because their path is outside what the target implements. */
  readonly refused: string[];
  close(): Promise<void>;
}

/**
 * A server that implements only part of the API, as a local storage client does: requests under `implemented` path
 * prefixes go to `upstream`; every other path is answered 404 with the documented error envelope, as a server answers
 * a route it does not have.
 */
export async function startPartialTarget(upstream: string, implemented: readonly string[]): Promise<PartialTarget> {
  const refused: string[] = [];
  const proxy = await startLoopbackProxy(upstream, async (incoming, forward) => {
    const path = new URL(incoming.url ?? '/', 'http://target').pathname;
    if (implemented.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return forward();
    refused.push(`${incoming.method} ${path}`);
    const body = JSON.stringify({ error: { type: 'page-not-found', message: `This server does not implement ${path}` } });
    return { status: 404, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(body) };
  });
  return { ...proxy, refused };
}
