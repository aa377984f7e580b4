import { describe, expect, it } from 'vitest';
import type { RecordedExchange } from '../../runner/exchanges/exchange.ts';
import { renderHar } from '../../runner/reports/har.ts';
import { sampleExchanges } from './sample-results.ts';

// `--har`: every exchange of a run as an HTTP Archive 1.2 that tools can open, with the check that sent each request.

const RUN = { baseUrl: 'http://127.0.0.1:1', startedAt: '2026-11-28T10:00:00.000Z', suiteVersion: '0.1.0' };

describe('exchanges.har', () => {
  it('has an entry per exchange with the members HAR 1.2 requires, in the order they were sent', () => {
    const har = renderHar(sampleExchanges(), RUN);
    expect(har.log).toMatchObject({ version: '1.2', creator: { name: 'apify-conformance', version: '0.1.0' } });
    expect(har.log.entries).toHaveLength(sampleExchanges().length);
    for (const entry of har.log.entries) {
      expect(Object.keys(entry)).toEqual(expect.arrayContaining(['startedDateTime', 'time', 'request', 'response', 'cache', 'timings']));
      expect(Object.keys(entry.request)).toEqual(expect.arrayContaining(['method', 'url', 'httpVersion', 'headers', 'queryString', 'headersSize', 'bodySize']));
      expect(Object.keys(entry.response)).toEqual(
        expect.arrayContaining(['status', 'statusText', 'httpVersion', 'headers', 'content', 'redirectURL', 'headersSize', 'bodySize']),
      );
    }
    const cap = har.log.entries.find((entry) => entry._check === 'wait-for-finish.cap-clamped')!;
    expect(cap.request).toMatchObject({
      method: 'GET',
      url: 'http://127.0.0.1:1/v2/acts/a/runs/b?waitForFinish=999',
      queryString: [{ name: 'waitForFinish', value: '999' }],
    });
    expect(cap).toMatchObject({ time: 3010, response: { status: 200, content: { mimeType: 'application/json', text: '{"data":{"status":"RUNNING"}}' } } });
  });

  it('keeps a request body, dates a Dredd exchange at the run start, and records a request that got no answer', () => {
    const dredd: RecordedExchange = {
      layer: 'dredd',
      checkId: 'Apify API > Actors > Actor collection > Create actor',
      source: 'Apify API > Actors > Actor collection > Create actor',
      startedAt: 0,
      durationMs: 20,
      method: 'POST',
      url: '/v2/acts?token=***',
      requestContentType: 'application/json',
      requestBody: '{"name":"x"}',
      responseHeaders: {},
      error: 'ECONNRESET',
    };
    const [entry] = renderHar([dredd], RUN).log.entries;
    expect(entry).toMatchObject({
      startedDateTime: RUN.startedAt,
      request: { postData: { mimeType: 'application/json', text: '{"name":"x"}' }, bodySize: 12 },
      response: { status: 0, bodySize: -1 },
      _layer: 'dredd',
      _error: 'ECONNRESET',
    });
  });
});
