import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';
import type { ConformanceConfig } from '../../common/config.ts';

/** One webhook call as the receiver got it. */
export interface ReceivedCall {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A local HTTP server for webhook calls, closed after the file. It answers each call with `status(n)` (n counts from
 * 0). A target can reach it only when it runs on this machine: see `canReachLocalReceiver`.
 */
export interface Receiver {
  url: string;
  calls: ReceivedCall[];
}

export function canReachLocalReceiver(config: Pick<ConformanceConfig, 'baseUrl'>): boolean {
  const host = new URL(config.baseUrl).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

export const LOCAL_RECEIVER_REASON = 'the target is not on this machine, so it cannot call a local webhook receiver';

export async function startReceiver(status: (index: number) => number = () => 200): Promise<Receiver> {
  const calls: ReceivedCall[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const index = calls.length;
      calls.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(status(index), { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, calls };
}
