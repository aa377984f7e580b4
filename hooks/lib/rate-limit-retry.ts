import { backoffDelayMs, CHECK_RETRY_POLICY, sleep } from '../../common/backoff.ts';
import type { ApiClient, HttpMethod } from '../../common/http.ts';
import type { DreddTransaction } from './dredd-types.ts';

/**
 * The API reference tells every client to answer 429 by waiting and trying again (DELAY..2*DELAY, DELAY from 500 ms,
 * doubling). Dredd sends each request once, so a stray 429 (another client's burst on the same account, a target that
 * limits now and then) would fail a transaction whose rule the target keeps. A refused request changed nothing, so it
 * is sent again as it was, backing off as documented, and Dredd validates the response that finally came.
 * Transactions that document a 429 themselves are left alone.
 */

/** Tries after the first refusal: waits of up to 1, 2, 4, 8, 16 and 32 s, far beyond any per-second limit. */
const RETRIES = 6;
/** Headers Dredd computed for the first send; undici sets them again. */
const TRANSPORT_HEADERS = new Set(['content-length', 'host', 'connection', 'transfer-encoding']);

/** Re-sends a transaction refused with 429; returns how many times it was sent again (0 when it was not refused). */
export async function resendWhileRateLimited(transaction: DreddTransaction, client: ApiClient): Promise<number> {
  const real = transaction.real;
  if (real?.statusCode !== 429 || transaction.expected.statusCode === '429') return 0;
  const headers = Object.fromEntries(Object.entries(transaction.request.headers).filter(([name]) => !TRANSPORT_HEADERS.has(name.toLowerCase())));
  await sleep(backoffDelayMs(CHECK_RETRY_POLICY, 0));
  const response = await client.request({
    method: transaction.request.method.toUpperCase() as HttpMethod,
    path: transaction.fullPath,
    headers,
    body:
      transaction.request.body === '' ? undefined : Buffer.from(transaction.request.body, transaction.request.bodyEncoding === 'base64' ? 'base64' : 'utf8'),
    // The token, if any, is already in the request as Dredd would send it.
    token: null,
    retry: { maxAttempts: RETRIES, initialDelayMs: CHECK_RETRY_POLICY.initialDelayMs * 2, retryStatus: (status) => status === 429 },
  });
  transaction.real = {
    statusCode: response.status,
    headers: response.headers,
    ...(response.text === '' ? {} : { body: response.text, bodyEncoding: 'utf-8' }),
  };
  return response.attempts.length;
}
