import type { CheckResult } from '../../runner/results.ts';

/** A small, varied set of results: every status, both layers, one timing check, one failure with its exchange. */
export function sampleResults(): CheckResult[] {
  const dredd = (name: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
    id: `Apify API > Actors > ${name}`,
    layer: 'dredd',
    family: 'transactions',
    title: `${name} answers as documented`,
    spec: 'spec/apify-v2-actors.apib#actor-object',
    tags: ['dredd'],
    status,
    durationMs: 120,
    message: status === 'passed' ? '' : 'statusCode: expected 201, got 200',
    ...extra,
  });
  const vitest = (id: string, status: CheckResult['status'], tags: string[] = [], durationMs = 50): CheckResult => ({
    id,
    layer: 'vitest',
    family: id.split('.')[0] ?? id,
    title: `rule of ${id}`,
    spec: 'spec/apify-v2-actors.apib#pagination',
    tags,
    status,
    durationMs,
    message: status === 'passed' ? '' : `message of ${id}`,
  });
  return [
    dredd('Actor object > Get actor', 'passed'),
    dredd('Actor collection > Create actor', 'failed', {
      exchange: {
        request: { method: 'POST', uri: '/v2/acts?token=***', headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' },
        expected: { statusCode: '201', headers: { 'content-type': 'application/json' } },
        actual: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"data":{}}' },
      },
    }),
    dredd('Run actor synchronously > With input > Example 3', 'skipped'),
    vitest('pagination.count-equals-items', 'passed'),
    vitest('pagination.desc-reverses', 'failed'),
    vitest('wait-for-finish.cap-clamped', 'passed', ['timing'], 3100),
    vitest('auth.second-user-isolation', 'skipped'),
    vitest('abort.finished-run-unchanged', 'error'),
  ];
}
