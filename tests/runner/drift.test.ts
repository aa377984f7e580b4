import { describe, expect, it } from 'vitest';
import { readSpecContract } from '../../common/spec-contract.ts';
import { ANY_ACTION, acceptedByItsCheck, analyseDrift, type DriftFinding } from '../../runner/drift.ts';
import { exchangeOfTransaction, type RecordedExchange } from '../../runner/exchanges/exchange.ts';
import type { CheckResult } from '../../runner/results.ts';
import { checkResult } from './sample-results.ts';

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

/** A run that carries every member run.json declares, each with a value it allows. */
function fullRun(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return run({
    actorTaskId: null,
    statusMessage: null,
    options: { build: 'latest', timeoutSecs: 60, memoryMbytes: 256, diskMbytes: 512 },
    buildNumber: '0.0.1',
    exitCode: null,
    metamorphs: null,
    containerUrl: null,
    meta: { origin: 'API', clientIp: '127.0.0.1', userAgent: 'x' },
    stats: { inputBodyLen: 0, restartCount: 0, resurrectCount: 0, durationMillis: 0, runTimeSecs: 0, computeUnits: 0 },
    ...extra,
  });
}

type Identity = Omit<DriftFinding, 'example' | 'count'>;

const findings = (...exchanges: RecordedExchange[]): Identity[] =>
  analyseDrift(exchanges, contract).findings.map(({ kind, subject, detail }) => ({ kind, subject, detail }));

/** The findings of the kinds that are not about declared members being absent. */
const beyond = (...exchanges: RecordedExchange[]): Identity[] => findings(...exchanges).filter((f) => f.kind !== 'missing-field');

describe('drift: what the target answered beyond the spec', () => {
  it('finds nothing in a response that keeps to the spec and carries every documented member', () => {
    expect(findings(exchange('GET', `/v2/acts/${ID}/runs/${ID}`, 200, { data: fullRun() }))).toEqual([]);
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

  it('reads a const as an enumeration of one: a secret env var (isSecret true, its own branch) is no unknown value', () => {
    const version = { versionNumber: '0.0', sourceType: 'SOURCE_FILES', envVars: [{ name: 'KEY', isSecret: true }] };
    const kinds = findings(exchange('GET', `/v2/acts/${ID}/versions/0.0`, 200, { data: version })).map((finding) => finding.kind);
    expect(kinds).not.toContain('unknown-enum-value');
    const open = { ...version, envVars: [{ name: 'KEY', value: 'v', isSecret: 'maybe' }] };
    expect(findings(exchange('GET', `/v2/acts/${ID}/versions/0.0`, 200, { data: open }))).toContainEqual({
      kind: 'unknown-enum-value',
      subject: 'Environment variable',
      detail: 'isSecret = "maybe"',
    });
  });

  it('lists error types the spec does not name, on any path', () => {
    expect(findings(exchange('GET', '/v2/acts/nope', 404, { error: { type: 'record-or-token-not-found', message: 'x' } }))).toContainEqual({
      kind: 'unknown-error-type',
      subject: 'HTTP 404',
      detail: 'record-or-token-not-found',
    });
    expect(beyond(exchange('GET', '/v2/acts/nope', 404, { error: { type: 'record-not-found', message: 'x' } }))).toEqual([]);
  });

  it('lists a status the action does not document and the general error table does not allow', () => {
    expect(findings(exchange('POST', '/v2/acts', 409, { error: { type: 'actor-name-not-unique', message: 'x' } }))).toContainEqual({
      kind: 'undocumented-status',
      subject: 'Actor collection > Create actor',
      detail: '409',
    });
    expect(beyond(exchange('POST', '/v2/acts', 400, { error: { type: 'invalid-request', message: 'x' } }))).toEqual([]);
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
    // The subject stays the same whichever actions a run exercised; the example says how many sent it.
    expect(report.findings.filter((f) => f.kind === 'undocumented-header')).toEqual([
      {
        kind: 'undocumented-header',
        subject: ANY_ACTION,
        detail: 'x-ratelimit-limit',
        count: 2,
        example: `GET /v2/acts/${ID}/runs/${ID} -> 200 (sent by 2 actions)`,
      },
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
    expect(findings(fromDredd!)).toContainEqual({ kind: 'undocumented-header', subject: ANY_ACTION, detail: 'x-powered-by' });
  });
});

describe('drift in the other direction: documented members that are absent or null', () => {
  const getRun = (body: Record<string, unknown>) => exchange('GET', `/v2/acts/${ID}/runs/${ID}`, 200, { data: body });

  it('lists a documented member no instance of its object carried, with how many lacked it', () => {
    const report = analyseDrift([getRun(run()), getRun(run())], contract);
    expect(report.findings).toContainEqual({
      kind: 'missing-field',
      subject: 'Run',
      detail: 'containerUrl',
      count: 2,
      example: `GET /v2/acts/${ID}/runs/${ID} -> 200`,
    });
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'missing-field', subject: 'Run', detail: 'stats.computeUnits' }));
  });

  it('does not list a member that one instance carried, nor a member documented as absent', () => {
    const missing = findings(getRun(run()), getRun(run({ containerUrl: 'https://x.runs.apify.net' })))
      .filter((f) => f.kind === 'missing-field')
      .map((f) => f.detail);
    expect(missing).toContain('exitCode');
    expect(missing).not.toContain('containerUrl');
    // A public user's email is documented as absent (`not: {}`): its absence is the rule, not drift.
    const user = { id: ID, username: 'someone', profile: {}, createdAt: DATE };
    const publicUser = findings(exchange('GET', '/v2/users/someone', 200, { data: user }))
      .filter((f) => f.kind === 'missing-field')
      .map((f) => f.detail);
    expect(publicUser).toContain('profile.bio');
    for (const privateMember of ['email', 'proxy', 'token']) expect(publicUser).not.toContain(privateMember);
  });

  it('lists a null where the schema does not allow null, once, and not a null it allows', () => {
    expect(beyond(getRun(fullRun({ status: null, exitCode: null, finishedAt: null, meta: { origin: null } })))).toEqual([
      { kind: 'null-field', subject: 'Job meta', detail: 'origin' },
      { kind: 'null-field', subject: 'Run', detail: 'status' },
    ]);
  });

  it('leaves a response its check failed on to that check: no missing or null member from it, other drift still', () => {
    const failed = { ...getRun(run({ status: null, surprise: 1 })), checkId: 'lifecycle.failed-one' };
    const passed = { ...getRun(fullRun()), checkId: 'lifecycle.passed-one' };
    const accepted = (e: RecordedExchange) => e.checkId !== 'lifecycle.failed-one';
    const kinds = analyseDrift([failed, passed], contract, { accepted }).findings.map((f) => `${f.kind} ${f.detail}`);
    expect(kinds).toEqual(['extra-field surprise']);
  });

  it("holds a response against the check that sent it, or for a file's set-up, against every check of the file", () => {
    const check = (id: string, status: CheckResult['status']) => checkResult(id, status, { family: 'lifecycle', file: `suites/lifecycle/${id}.test.ts` });
    const accepted = acceptedByItsCheck([check('a', 'passed'), check('b', 'expected-failure'), check('c', 'unexpected-pass')]);
    const sent = (checkId: string | undefined, source: string) => ({ ...getRun(run()), checkId, source });
    expect(accepted(sent('a', 'suites/lifecycle/a.test.ts'))).toBe(true);
    expect(accepted(sent('b', 'suites/lifecycle/b.test.ts'))).toBe(false);
    expect(accepted(sent('c', 'suites/lifecycle/c.test.ts'))).toBe(true);
    expect(accepted(sent(undefined, 'suites/lifecycle/a.test.ts'))).toBe(true);
    expect(accepted(sent(undefined, 'suites/lifecycle/b.test.ts'))).toBe(false);
  });
});

describe('deprecation: the target announces that an action goes away', () => {
  it('lists Deprecation and Sunset per action with their values, not as undocumented headers', () => {
    const headers = { deprecation: '@1767225599', sunset: 'Thu, 31 Dec 2026 23:59:59 GMT', link: '<https://docs.apify.com>; rel="deprecation"' };
    const report = analyseDrift(
      [
        exchange('GET', `/v2/acts/${ID}/runs/${ID}`, 200, { data: fullRun() }, headers),
        exchange('GET', `/v2/acts/${ID}/runs/${ID}`, 200, { data: fullRun() }, headers),
      ],
      contract,
    );
    expect(report.findings.filter((f) => f.kind === 'deprecation')).toEqual([
      { kind: 'deprecation', subject: 'Run object > Get run', detail: 'Deprecation: @1767225599', count: 2, example: `GET /v2/acts/${ID}/runs/${ID} -> 200` },
      {
        kind: 'deprecation',
        subject: 'Run object > Get run',
        detail: 'Sunset: Thu, 31 Dec 2026 23:59:59 GMT',
        count: 2,
        example: `GET /v2/acts/${ID}/runs/${ID} -> 200`,
      },
    ]);
    expect(report.findings.filter((f) => f.kind === 'undocumented-header').map((f) => f.detail)).toEqual(['link']);
    // Deprecation comes first in every report.
    expect(report.findings[0]?.kind).toBe('deprecation');
  });
});
