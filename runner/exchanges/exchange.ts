import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DreddTransactionResult } from '../dredd/index.ts';

/**
 * One request the suite sent to the target and what came back, as the runner keeps it: redacted, bodies cut at
 * BODY_LIMIT. The Vitest workers record them (recorder-setup.ts); Dredd's transactions are converted to the same shape.
 * Drift detection, the timing plot and the failure details of the report read them.
 */
export interface RecordedExchange {
  layer: 'dredd' | 'vitest';
  /** The check that sent it; undefined for a file's set-up and clean-up (beforeAll/afterAll). */
  checkId?: string;
  /** The suite file (relative to the project) or, for Dredd, the transaction name. */
  source: string;
  /** Epoch milliseconds when the request was sent. */
  startedAt: number;
  durationMs: number;
  /** The method as sent (a `method` query parameter may override it; see effectiveMethod). */
  method: string;
  /** Path and query, without the origin; any token removed. */
  url: string;
  requestContentType?: string;
  requestBody?: string;
  /** Absent when no response came. */
  status?: number;
  /** Why no response came (network error, or the runner blocked the request). */
  error?: string;
  /** Lower-case names. */
  responseHeaders: Record<string, string>;
  responseBody?: string;
  /** The body was longer than BODY_LIMIT and is cut. */
  responseBodyTruncated?: boolean;
}

/** Bodies longer than this are cut: enough for any object of the section, not for a megabyte of dataset items. */
export const BODY_LIMIT = 256 * 1024;

/** The code of the error a request fails with when read-only mode refuses it; recorded errors start with it. */
export const READ_ONLY_BLOCKED = 'CONFORMANCE_READ_ONLY_BLOCKED';

/** Each Vitest worker process appends to its own file in the exchange directory. */
export const EXCHANGE_FILE_SUFFIX = '.exchanges.jsonl';

/** The method the target acts on: the `method` query parameter, when given, overrides the HTTP method. */
export function effectiveMethod(exchange: Pick<RecordedExchange, 'method' | 'url'>): string {
  const override = new URLSearchParams(exchange.url.split('?')[1] ?? '').get('method');
  return (override ?? exchange.method).toUpperCase();
}

export function pathnameOf(exchange: Pick<RecordedExchange, 'url'>): string {
  return exchange.url.split('?')[0] ?? exchange.url;
}

export function queryOf(exchange: Pick<RecordedExchange, 'url'>): URLSearchParams {
  return new URLSearchParams(exchange.url.split('?')[1] ?? '');
}

/** Reads every worker's file; a line cut short by a killed worker is skipped. */
export async function readExchangeLogs(dir: string): Promise<RecordedExchange[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith(EXCHANGE_FILE_SUFFIX));
  const exchanges: RecordedExchange[] = [];
  for (const name of names) {
    for (const line of (await readFile(path.join(dir, name), 'utf8')).split('\n')) {
      if (line.trim() === '') continue;
      try {
        exchanges.push(JSON.parse(line) as RecordedExchange);
      } catch {
        // An interrupted worker may leave half a line.
      }
    }
  }
  return exchanges.sort((a, b) => a.startedAt - b.startedAt);
}

/** A Dredd transaction's request and actual response in the same shape (Dredd reports them already redacted). */
export function exchangeOfTransaction(transaction: DreddTransactionResult): RecordedExchange | undefined {
  const { request, actual } = transaction;
  if (!request || !actual) return undefined;
  const uri = request.uri.replace(/^[a-z]+:\/\/[^/]+/i, '');
  return {
    layer: 'dredd',
    checkId: transaction.name,
    source: transaction.name,
    startedAt: 0,
    durationMs: transaction.durationMs,
    method: request.method,
    url: uri,
    requestContentType: headerValue(request.headers, 'content-type'),
    requestBody: request.body,
    status: Number.isFinite(actual.statusCode) ? actual.statusCode : undefined,
    responseHeaders: Object.fromEntries(Object.entries(actual.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
    responseBody: actual.body,
  };
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  return Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
}
