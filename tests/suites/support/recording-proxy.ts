import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request as undiciRequest } from 'undici';
import { endToEndHeaders } from '../../support/end-to-end-headers.ts';

/** A loopback pass-through proxy in front of a target that records every request it forwards. */
export interface RecordingProxy {
  url: string;
  /** Every request forwarded, as `<effective method> <path>`: the `method` query parameter wins, as the API reads it. */
  readonly seen: readonly string[];
  close(): Promise<void>;
}

export async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
  const seen: string[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const url = new URL(incoming.url ?? '/', 'http://proxy');
    seen.push(`${(url.searchParams.get('method') ?? incoming.method ?? 'GET').toUpperCase()} ${url.pathname}`);
    const body = Buffer.concat(chunks);
    const answer = await undiciRequest(`${upstream}${url.pathname}${url.search}`, {
      method: (incoming.method ?? 'GET') as 'GET',
      headers: endToEndHeaders(incoming.headers),
      body: body.length > 0 ? body : undefined,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    const answerBody = Buffer.from(await answer.body.arrayBuffer());
    const headers = endToEndHeaders(answer.headers);
    if (answer.statusCode !== 204 && answer.statusCode !== 304) headers['content-length'] = String(answerBody.length);
    outgoing.writeHead(answer.statusCode, headers);
    outgoing.end(answer.statusCode === 204 ? undefined : answerBody);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
