import type { RecordedExchange } from '../exchanges/exchange.ts';
import { queryOf } from '../exchanges/exchange.ts';

// exchanges.har (`--har`): every request the run sent and what came back, in the HTTP Archive format 1.2, so a team
// can open it in a browser's network panel or diff its server's answers against the emulator's. The exchanges are
// already redacted (tokens and extra headers' values) and bodies are cut as the recorder cuts them.

interface HarHeader {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    headers: HarHeader[];
    queryString: HarHeader[];
    postData?: { mimeType: string; text: string };
    headersSize: -1;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    headers: HarHeader[];
    content: { size: number; mimeType: string; text?: string };
    redirectURL: string;
    headersSize: -1;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  /** Which check sent it (absent for a file's set-up), from which layer and source; why no response came. */
  _check?: string;
  _layer: RecordedExchange['layer'];
  _source: string;
  _error?: string;
  _bodyTruncated?: true;
}

export interface Har {
  log: { version: '1.2'; creator: { name: string; version: string }; entries: HarEntry[] };
}

/** The archive of a run's exchanges; a Dredd exchange, which has no start time of its own, is dated at the run's start. */
export function renderHar(exchanges: RecordedExchange[], run: { baseUrl: string; startedAt: string; suiteVersion: string }): Har {
  const runStart = Date.parse(run.startedAt);
  const entries = exchanges.map((exchange): HarEntry => {
    const requestBody = exchange.requestBody ?? '';
    const responseBody = exchange.responseBody ?? '';
    const contentType = exchange.requestContentType;
    return {
      startedDateTime: new Date(exchange.startedAt > 0 ? exchange.startedAt : runStart).toISOString(),
      time: Math.round(exchange.durationMs),
      request: {
        method: exchange.method,
        url: `${run.baseUrl}${exchange.url}`,
        httpVersion: 'HTTP/1.1',
        headers: contentType === undefined ? [] : [{ name: 'content-type', value: contentType }],
        queryString: [...queryOf(exchange)].map(([name, value]) => ({ name, value })),
        ...(exchange.requestBody === undefined ? {} : { postData: { mimeType: contentType ?? '', text: requestBody } }),
        headersSize: -1,
        bodySize: Buffer.byteLength(requestBody),
      },
      response: {
        status: exchange.status ?? 0,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        headers: Object.entries(exchange.responseHeaders).map(([name, value]) => ({ name, value })),
        content: {
          size: Buffer.byteLength(responseBody),
          mimeType: exchange.responseHeaders['content-type'] ?? '',
          ...(exchange.responseBody === undefined ? {} : { text: responseBody }),
        },
        redirectURL: exchange.responseHeaders.location ?? '',
        headersSize: -1,
        bodySize: exchange.status === undefined ? -1 : Buffer.byteLength(responseBody),
      },
      cache: {},
      timings: { send: 0, wait: Math.round(exchange.durationMs), receive: 0 },
      ...(exchange.checkId === undefined ? {} : { _check: exchange.checkId }),
      _layer: exchange.layer,
      _source: exchange.source,
      ...(exchange.error === undefined ? {} : { _error: exchange.error }),
      ...(exchange.responseBodyTruncated ? { _bodyTruncated: true as const } : {}),
    };
  });
  entries.sort((a, b) => a.startedDateTime.localeCompare(b.startedDateTime));
  return { log: { version: '1.2', creator: { name: 'apify-conformance', version: run.suiteVersion }, entries } };
}
