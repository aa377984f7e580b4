import { describe, expect, it } from 'vitest';
import { readSpecContract } from '../../common/spec-contract.ts';
import type { RecordedExchange } from '../../runner/exchanges/exchange.ts';
import { attachExchanges } from '../../runner/failure-exchanges.ts';
import { buildMatrix, worstStatus } from '../../runner/matrix.ts';
import { waitObservations } from '../../runner/timing.ts';
import { checkResult as check } from './sample-results.ts';

const exchange = (
  checkId: string | undefined,
  method: string,
  url: string,
  status: number | undefined,
  extra: Partial<RecordedExchange> = {},
): RecordedExchange => ({
  layer: 'vitest',
  checkId,
  source: 'suites/a/a.test.ts',
  startedAt: 0,
  durationMs: 10,
  method,
  url,
  status,
  responseHeaders: {},
  ...extra,
});

describe('the conformance matrix', () => {
  it('puts each family under the actions its checks sent requests to, with the worst status among them', () => {
    const checks = [check('pagination.a', 'passed'), check('pagination.b', 'failed'), check('auth.c', 'passed')];
    const matrix = buildMatrix(readSpecContract(), checks, [
      exchange('pagination.a', 'GET', '/v2/acts?limit=1', 200),
      exchange('pagination.b', 'GET', '/v2/acts?desc=1', 200),
      exchange('auth.c', 'GET', '/v2/acts/abc?method=DELETE', 204),
      exchange(undefined, 'POST', '/v2/acts', 201), // a file's set-up: no check to credit
    ]);
    expect(matrix.families).toEqual(['auth', 'pagination']);
    expect(matrix.rows).toHaveLength(readSpecContract().actions.length);
    expect(matrix.rows.find((r) => r.action === 'Actor collection > Get list of actors')?.families).toEqual({ pagination: { result: 'failed', checks: 2 } });
    expect(matrix.rows.find((r) => r.action === 'Actor object > Delete actor')?.families).toEqual({ auth: { result: 'passed', checks: 1 } });
    expect(matrix.rows.find((r) => r.action === 'Actor collection > Create actor')?.families).toEqual({});
    expect(matrix.rows.find((r) => r.action === 'Run actor synchronously > With input')?.responses.map((r) => r.status)).toEqual([201, 400, 408]);
  });

  it('ranks statuses from error down to skipped', () => {
    expect(worstStatus(['passed', 'expected-failure'])).toBe('expected-failure');
    expect(worstStatus(['unexpected-pass', 'failed', 'passed'])).toBe('failed');
    expect(worstStatus(['failed', 'error'])).toBe('error');
  });
});

describe('waits against the cap', () => {
  it('keeps the waitForFinish and run-sync requests the checks and the Dredd transactions sent, not the set-up', () => {
    const waits = waitObservations([
      exchange('wait.a', 'GET', '/v2/acts/x/runs/y?waitForFinish=999', 200, { durationMs: 3004, responseBody: '{"data":{"status":"RUNNING"}}' }),
      exchange('wait.b', 'POST', '/v2/acts/x/run-sync?timeout=40', 408, { durationMs: 3001 }),
      exchange('wait.c', 'GET', '/v2/acts/x/runs/y?waitForFinish=0', 200),
      exchange('wait.d', 'GET', '/v2/acts/x/runs/y', 200),
      exchange(undefined, 'POST', '/v2/acts/x/builds?waitForFinish=3', 201),
      exchange('Run actor synchronously > Example 3', 'GET', '/v2/acts/x/run-sync?token=***', 408, { layer: 'dredd', durationMs: 3010 }),
    ]);
    expect(waits).toEqual([
      { checkId: 'wait.a', request: 'GET /v2/acts/x/runs/y?waitForFinish=999', requestedSecs: 999, observedSecs: 3.004, status: 200, jobStatus: 'RUNNING' },
      { checkId: 'wait.b', request: 'POST /v2/acts/x/run-sync', requestedSecs: undefined, observedSecs: 3.001, status: 408, jobStatus: undefined },
      {
        checkId: 'Run actor synchronously > Example 3',
        request: 'GET /v2/acts/x/run-sync',
        requestedSecs: undefined,
        observedSecs: 3.01,
        status: 408,
        jobStatus: undefined,
      },
    ]);
  });
});

describe("a failure's request and response", () => {
  it('is the exchange its message names, else its last one', () => {
    const checks = attachExchanges(
      [
        check('a.named', 'failed', { message: 'expected 201; got 200\n  request: POST http://127.0.0.1:9/v2/acts?token=***' }),
        check('a.last', 'failed'),
        check('a.ok', 'passed'),
      ],
      [
        exchange('a.named', 'POST', '/v2/acts?token=***', 200, { responseBody: '{"data":{}}' }),
        exchange('a.named', 'GET', '/v2/acts/x', 200),
        exchange('a.last', 'GET', '/v2/acts/1', 200),
        exchange('a.last', 'GET', '/v2/acts/2', 500, { responseBody: 'x'.repeat(5000) }),
        exchange('a.ok', 'GET', '/v2/acts', 200),
      ],
    );
    expect(checks[0]!.exchange?.request).toMatchObject({ method: 'POST', uri: '/v2/acts?token=***' });
    expect(checks[1]!.exchange?.actual?.statusCode).toBe(500);
    expect(checks[1]!.exchange?.actual?.body).toMatch(/\.\.\. \(1000 more characters\)$/);
    expect(checks[2]!.exchange).toBeUndefined();
  });

  it("for a check whose file's set-up failed, is the set-up's last unsuccessful exchange in that file", () => {
    const [result] = attachExchanges(
      [check('a.one', 'failed', { file: 'suites/a/a.test.ts', message: "a set-up step of this check's file failed:\nboom" })],
      [
        exchange(undefined, 'POST', '/v2/acts', 500),
        exchange(undefined, 'POST', '/v2/acts', 201),
        exchange(undefined, 'POST', '/v2/other', 503, { source: 'suites/b/b.test.ts' }),
      ],
    );
    expect(result!.exchange?.actual?.statusCode).toBe(500);
  });
});
