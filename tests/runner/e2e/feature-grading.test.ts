import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpecContract, transactionAction, transactionNames } from '../../../common/spec-contract.ts';
import { startEmulator } from '../../../emulator/index.ts';
import type { CheckResult } from '../../../runner/results.ts';
import { controlledEnvironment, describeRun, type ProcessResult, runCli } from './support/cli-process.ts';
import { startPartialTarget } from './support/partial-target.ts';
import { type Reports, readReports } from './support/reports.ts';

// A server that implements only the storages (as a local storage client does), judged with a profile that claims just
// those features: the gate grades it on them alone (green), every other check is `not-supported` and sends nothing,
// and a bug in a claimed feature still turns the verdict red.

const FEATURES = ['key-value-stores', 'datasets', 'datasets.formats', 'request-queues', 'request-queues.locks', 'request-queues.batch', 'request-queues.list'];
const IMPLEMENTED_PATHS = ['/v2/key-value-stores', '/v2/datasets', '/v2/request-queues'];
const TOKEN = 'featureGradingToken000000';

const claimed = (check: Pick<CheckResult, 'features'>) => check.features.every((feature) => FEATURES.includes(feature));

interface Graded {
  run: ProcessResult;
  reports: Reports;
  /** What the gate asked of the parts the server does not implement. */
  refused: string[];
}

let workDir: string;
let profileFile: string;

async function gradeStorageServer(faults: string[]): Promise<Graded> {
  const emulator = await startEmulator({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    username: 'grading-user',
    token2: null,
    username2: null,
    maxWaitSecs: 3,
    faults,
  });
  const target = await startPartialTarget(emulator.url, IMPLEMENTED_PATHS);
  try {
    const reportsDir = await mkdtemp(path.join(workDir, 'reports-'));
    const run = await runCli(
      ['--reports', reportsDir],
      controlledEnvironment({ APIFY_API_BASE_URL: target.url, APIFY_TOKEN: TOKEN, CONFORMANCE_PROFILE: profileFile }),
    );
    return { run, reports: await readReports(reportsDir), refused: [...target.refused] };
  } finally {
    await target.close();
    await emulator.close();
  }
}

let correct: Graded;
let broken: Graded;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'feature-grading-'));
  profileFile = path.join(workDir, 'storage-server.json');
  const profile = {
    name: 'storage-server',
    description: 'A server of the storage API only (key-value stores, datasets, request queues).',
    timing: { maxWaitSecs: 3, rateLimitRps: 30 },
    drift: [],
    expectations: [],
    uncovered: [],
    features: FEATURES,
  };
  await writeFile(profileFile, JSON.stringify(profile));
  correct = await gradeStorageServer([]);
  broken = await gradeStorageServer(['kvs-delete-record-keeps-it']);
}, 300_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('a profile that claims the storage features only', () => {
  it('passes a server that implements exactly those, judging every check of them and no other', () => {
    const { run, reports } = correct;
    expect(run.code, describeRun(run)).toBe(0);
    const { summary } = reports;
    expect(summary.target.features).toEqual(FEATURES);
    const judged = summary.checks.filter(claimed);
    expect(judged.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.status}`)).toEqual([]);
    expect(judged.filter((c) => c.layer === 'vitest').length).toBeGreaterThan(10);
    const others = summary.checks.filter((c) => !claimed(c));
    expect(others.length).toBeGreaterThan(judged.length);
    for (const check of others)
      expect(check, check.id).toMatchObject({ status: 'not-supported', message: expect.stringMatching(/^not supported by the target: needs /) });
    expect(run.stdout).toMatch(/Features: graded on 7 of \d+ \(key-value-stores \d+\/\d+, /);
  });

  it('sends nothing to the parts the server lacks beyond the probe and the sweeps, which only read', () => {
    expect(correct.refused.length).toBeGreaterThan(0);
    expect(correct.refused.filter((request) => !request.startsWith('GET '))).toEqual([]);
  });

  it('counts coverage over the documented responses of the claimed features only', () => {
    const contract = readSpecContract();
    const claimedResponses = transactionNames(contract).filter((name) => claimed({ features: transactionAction(contract, name)?.features ?? [] }));
    const { coverage } = correct.reports.summary;
    expect(claimedResponses.length).toBeGreaterThan(0);
    expect(coverage.responses).toEqual({ documented: claimedResponses.length, exercised: claimedResponses.length, passed: claimedResponses.length });
    expect(coverage.notSupported).toBe(transactionNames(contract).length - claimedResponses.length);
    expect(coverage.unexercised).toEqual([]);
  });

  it('scores each claimed feature on its own checks, and marks every other feature not implemented', () => {
    for (const score of correct.reports.summary.features) {
      if (FEATURES.includes(score.feature)) {
        expect(score, score.feature).toMatchObject({ implemented: true });
        expect(score.score.judged, score.feature).toBeGreaterThan(0);
        expect(score.score.passed, score.feature).toBe(score.score.judged);
      } else {
        expect(score, score.feature).toMatchObject({ implemented: false });
      }
    }
  });

  it('fails the same server when one claimed feature breaks: a deleted record that stays', () => {
    const { run, reports } = broken;
    expect(run.code, describeRun(run)).toBe(1);
    const failing = reports.summary.checks.filter((c) => c.status === 'failed').map((c) => c.id);
    expect(failing).toContain('key-value-stores.records-delete');
    expect(reports.summary.features.find((f) => f.feature === 'key-value-stores')?.score).toMatchObject({ passed: expect.any(Number) });
    const kv = reports.summary.features.find((f) => f.feature === 'key-value-stores')!;
    expect(kv.score.passed).toBeLessThan(kv.score.judged);
  });
});
