import { describe, expect, it } from 'vitest';
import { readSpecContract } from '../../common/spec-contract.ts';
import { analyseDrift, type DriftFinding } from '../../runner/drift.ts';
import { exchangeOfTransaction, type RecordedExchange } from '../../runner/exchanges/exchange.ts';

const contract = readSpecContract();
const ID = 'zdc3Pyhyz3m8vjDeM';
const DATE = '2026-11-28T10:00:00.000Z';

function run(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: ID,
    actId: ID,
    buildId: ID,
    userId: ID,
    startedAt: DATE,
    finishedAt: null,
    status: 'RUNNING',
    meta: { origin: 'API' },
    stats: {},
    defaultKeyValueStoreId: ID,
    defaultDatasetId: ID,
    defaultRequestQueueId: ID,
    ...extra,
  };
}

function exchange(method: string, url: string, status: number, body: unknown, headers: Record<string, string> = {}): RecordedExchange {
  return {
    layer: 'vitest',
    checkId: 'x.y',
    source: 'suites/x/y.test.ts',
    startedAt: 0,
    durationMs: 5,
    method,
    url,
    status,
    responseHeaders: { 'content-type': 'application/json', date: 'now', 'content-length': '10', ...headers },
    responseBody: JSON.stringify(body),
  };
}

const findings = (...exchanges: RecordedExchange[]): Array<Omit<DriftFinding, 'example' | 'count'>> =>
  analyseDrift(exchanges, contract).findings.map(({ kind, subject, detail }) => ({ kind, subject, detail }));

describe('drift: what the target answered beyond the spec', () => {
  it('finds nothing in a response that keeps to the spec', () => {
    expect(findings(exchange('GET', `/v2/acts/${ID}/runs/${ID}`, 200, { data: run() }))).toEqual([]);
  });

  it('lists undocumented members per object, at any depth, with the object they belong to', () => {
    const body = { data: run({ usageTotalUsd: 0.1, stats: { computeUnits: 1, gpuSeconds: 3 }, meta: { origin: 'API', scheduleId: 'x' } }) };
    expect(findings(exchange('GET', `/v2/acts/${ID}/runs/${ID}`, 200, body))).toEqual(
      expect.arrayContaining([
        { kind: 'extra-field', subject: 'Run', detail: 'usageTotalUsd' },
        { kind: 'extra-field', subject: 'Run', detail: 'stats.gpuSeconds' },
        { kind: 'extra-field', subject: expect.stringMatching(/meta/i), detail: 'scheduleId' },
      ]),
    );
    expect(findings(exchange('GET', `/v2/acts/${ID}/runs/${ID}`, 200, body)).some((f) => f.detail === 'stats.computeUnits')).toBe(false);
  });

  it('looks into list items', () => {
    const page = {
      data: {
        total: 1,
        offset: 0,
        limit: 10,
        desc: false,
        count: 1,
        items: [
          {
            id: ID,
            actId: ID,
            status: 'SUCCEEDED',
            startedAt: DATE,
            finishedAt: DATE,
            buildId: ID,
            buildNumber: '0.0.1',
            meta: { origin: 'API' },
            surprise: true,
          },
        ],
      },
    };
    expect(findings(exchange('GET', `/v2/acts/${ID}/runs`, 200, page))).toContainEqual({
      kind: 'extra-field',
      subject: expect.stringMatching(/^Run/),
      detail: 'surprise',
    });
  });

  it('lists a status outside the documented enumeration where it sits', () => {
    expect(findings(exchange('GET', `/v2/acts/${ID}/runs/${ID}`, 200, { data: run({ status: 'PAUSED' }) }))).toContainEqual({
      kind: 'unknown-enum-value',
      subject: 'Run',
      detail: 'status = "PAUSED"',
    });
  });

  it('lists error types the spec does not name, on any path', () => {
    expect(findings(exchange('GET', '/v2/acts/nope', 404, { error: { type: 'record-or-token-not-found', message: 'x' } }))).toContainEqual({
      kind: 'unknown-error-type',
      subject: 'HTTP 404',
      detail: 'record-or-token-not-found',
    });
    expect(findings(exchange('GET', '/v2/acts/nope', 404, { error: { type: 'record-not-found', message: 'x' } }))).toEqual([]);
  });

  it('lists a status the action does not document and the general error table does not allow', () => {
    expect(findings(exchange('POST', '/v2/acts', 409, { error: { type: 'actor-name-not-unique', message: 'x' } }))).toContainEqual({
      kind: 'undocumented-status',
      subject: 'Actor collection > Create actor',
      detail: '409',
    });
    expect(findings(exchange('POST', '/v2/acts', 400, { error: { type: 'invalid-request', message: 'x' } }))).toEqual([]);
  });

  it('judges a method override by the method it stands for', () => {
    expect(findings(exchange('GET', `/v2/acts/${ID}?method=DELETE`, 202, {})).map((f) => f.subject)).toContain('Actor object > Delete actor');
  });

  it('lists undocumented headers once each, whatever actions send them, and ignores general HTTP headers', () => {
    const headers = { 'x-ratelimit-limit': '30', vary: 'Origin', 'access-control-allow-origin': '*', location: 'x' };
    const report = analyseDrift(
      [
        exchange('GET', `/v2/acts/${ID}/runs/${ID}`, 200, { data: run() }, headers),
        exchange('GET', '/v2/acts', 200, { data: { total: 0, offset: 0, limit: 10, desc: false, count: 0, items: [] } }, headers),
      ],
      contract,
    );
    expect(report.findings).toEqual([
      { kind: 'undocumented-header', subject: '2 actions', detail: 'x-ratelimit-limit', count: 2, example: `GET /v2/acts/${ID}/runs/${ID} -> 200` },
    ]);
    expect(report.responses).toBe(2);
  });

  it('reads what Dredd saw in the same way', () => {
    const fromDredd = exchangeOfTransaction({
      name: 'Apify API > Actors > Actor object > Get actor',
      status: 'pass',
      message: '',
      durationMs: 3,
      request: { method: 'GET', uri: `/v2/acts/${ID}?token=***`, headers: {} },
      actual: { statusCode: 200, headers: { 'Content-Type': 'application/json', 'X-Powered-By': 'x' }, body: '{"data":{}}' },
    });
    expect(fromDredd?.checkId).toBe('Apify API > Actors > Actor object > Get actor');
    expect(findings(fromDredd!)).toContainEqual({ kind: 'undocumented-header', subject: 'Actor object > Get actor', detail: 'x-powered-by' });
  });
});
