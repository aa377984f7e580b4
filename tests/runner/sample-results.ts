import { readSpecContract } from '../../common/spec-contract.ts';
import { computeCoverage } from '../../runner/coverage.ts';
import { acceptedByItsCheck, analyseDrift } from '../../runner/drift.ts';
import type { RecordedExchange } from '../../runner/exchanges/exchange.ts';
import { featureScores } from '../../runner/feature-scores.ts';
import { type KnownDrift, matchDrift } from '../../runner/known-drift.ts';
import { buildMatrix } from '../../runner/matrix.ts';
import { decideOutcome } from '../../runner/outcome.ts';
import { buildSummary, type Summary } from '../../runner/reports/summary.ts';
import type { CheckResult } from '../../runner/results.ts';
import { waitObservations } from '../../runner/timing.ts';

/** One suite check's result with the given status, of the family its id names; `extra` sets any other member. */
export function checkResult(id: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult {
  return {
    id,
    layer: 'vitest',
    family: id.split('.')[0]!,
    title: id,
    spec: '',
    features: [],
    tags: [],
    status,
    durationMs: 1,
    message: '',
    ...extra,
  };
}

/** A small, varied set of results: every status, both layers, one timing check, one failure with its exchange. */
export function sampleResults(): CheckResult[] {
  const dredd = (name: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
    id: `Apify API > Actors > ${name}`,
    layer: 'dredd',
    family: 'transactions',
    title: `${name} answers as documented`,
    spec: 'spec/01-actors.apib#actor-object',
    features: ['actors'],
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
    spec: 'spec/00-overview.apib#pagination',
    features: ['pagination'],
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

/** Exchanges the sample checks could have sent: a list, a wait held to the cap, and a run with an undocumented member. */
export function sampleExchanges(): RecordedExchange[] {
  const base = { layer: 'vitest' as const, source: 'suites/x/y.test.ts', startedAt: 1, requestContentType: undefined };
  const json = { 'content-type': 'application/json', 'x-ratelimit-limit': '30' };
  return [
    {
      ...base,
      checkId: 'pagination.count-equals-items',
      durationMs: 12,
      method: 'GET',
      url: '/v2/acts?limit=2',
      status: 200,
      responseHeaders: json,
      responseBody: JSON.stringify({ data: { total: 0, offset: 0, limit: 2, desc: false, count: 0, items: [] } }),
    },
    {
      ...base,
      checkId: 'pagination.desc-reverses',
      durationMs: 15,
      method: 'GET',
      url: '/v2/acts?desc=1',
      status: 200,
      responseHeaders: json,
      responseBody: '{}',
    },
    {
      ...base,
      checkId: 'wait-for-finish.cap-clamped',
      durationMs: 3010,
      method: 'GET',
      url: '/v2/acts/a/runs/b?waitForFinish=999',
      status: 200,
      responseHeaders: json,
      responseBody: JSON.stringify({ data: { status: 'RUNNING' } }),
    },
  ];
}

/** The sample profile's known drift: the rate-limit header the sample exchanges carry, and an error type they do not. */
export const SAMPLE_KNOWN_DRIFT: KnownDrift[] = [
  { kind: 'undocumented-header', subject: '*', detail: 'x-ratelimit-limit', reason: 'each endpoint announces its limit', source: 'apify/apify-docs PR #1836' },
  { kind: 'unknown-error-type', subject: 'HTTP 404', detail: 'record-or-token-not-found', reason: 'a missing object', source: 'spec/ERRATA.md' },
];

/** A whole summary, assembled the way the runner assembles it. */
export function sampleSummary(checks: CheckResult[] = sampleResults(), exchanges: RecordedExchange[] = sampleExchanges()): Summary {
  const contract = readSpecContract();
  const coverage = computeCoverage(
    checks.filter((c) => c.layer === 'dredd'),
    [],
  );
  const { outcome, exitCode } = decideOutcome([], checks, coverage);
  return buildSummary({
    run: { id: 'samplerun', suiteVersion: '0.1.0', commit: '0123456789abcdef0123456789abcdef01234567', specHash: 'abcdef012345', hostname: 'sample-host' },
    target: {
      kind: 'external',
      baseUrl: 'http://127.0.0.1:1',
      profile: 'generic',
      maxWaitSecs: 3,
      runSyncMaxWaitSecs: 3,
      rateLimitRps: 30,
      maxConcurrentBuilds: null,
      features: null,
    },
    selection: { select: [], readOnly: false, dredd: true },
    startedAt: '2026-11-28T10:00:00.000Z',
    durationMs: 4200,
    outcome,
    exitCode,
    brokenReasons: [],
    coverage,
    features: featureScores(checks, undefined),
    matrix: buildMatrix(contract, checks, exchanges),
    drift: matchDrift(analyseDrift(exchanges, contract, { accepted: acceptedByItsCheck(checks) }), SAMPLE_KNOWN_DRIFT),
    waits: waitObservations(exchanges),
    knownDrift: SAMPLE_KNOWN_DRIFT,
    notes: ['the cap is 60 s'],
    workload: { builds: 3, fixtureBuilds: 1 },
    baseline: null,
    checks,
  });
}
