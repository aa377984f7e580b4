import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../emulator/index.ts';
import { startLoopbackProxy } from '../../support/loopback-proxy.ts';
import { controlledEnvironment, describeRun, type ProcessResult, runCli } from './support/cli-process.ts';
import { type Reports, readReports } from './support/reports.ts';

// The platform refuses a build beyond the account's memory quota with 402 actor-memory-limit-exceeded until a job ends
// (common/fixtures/quota.ts). A check that merely needs a built actor waits that out; when the quota stays full it is
// inconclusive with the platform's message, never failed: the refusal says nothing about the rule it checks.

const TOKEN = 'quotaTestToken00000000000';
const QUOTA_MESSAGE = 'By launching this job you will exceed the memory limit of 16384MB for all your Actor runs and builds';
const SUITE_CHECK = 'lifecycle.exit-code-decides';
const TRANSACTION = 'Apify API > Actors > Run collection > Run actor';
/** A transaction whose own request is the refused start: Dredd cannot send it again. */
const BUILD_TRANSACTION = 'Apify API > Actors > Build collection > Build actor';

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'e2e-quota-'));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Runs `checks` against the emulator behind a proxy that refuses the first `refusals` build starts with 402. */
async function gateWithQuota(
  refusals: number,
  quotaWaitSecs: number,
  checks: string[],
): Promise<{ run: ProcessResult; reports: Reports; refused: number; accepted: number }> {
  const emulator = await startEmulator({ host: '127.0.0.1', port: 0, token: TOKEN, username: 'quota-user', token2: null, username2: null, maxWaitSecs: 3 });
  let refused = 0;
  let accepted = 0;
  const proxy = await startLoopbackProxy(emulator.url, async (incoming, forward) => {
    if (incoming.method !== 'POST' || !/^\/v2\/acts\/[^/]+\/builds(\?|$)/.test(incoming.url ?? '')) return forward();
    if (refused < refusals) {
      refused += 1;
      const body = JSON.stringify({ error: { type: 'actor-memory-limit-exceeded', message: QUOTA_MESSAGE } });
      return { status: 402, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
    }
    accepted += 1;
    return forward();
  });
  try {
    const reportsDir = await mkdtemp(path.join(workDir, 'reports-'));
    const run = await runCli(
      ['--reports', reportsDir, '--select', checks.join(',')],
      controlledEnvironment({
        APIFY_API_BASE_URL: proxy.url,
        APIFY_TOKEN: TOKEN,
        CONFORMANCE_MAX_WAIT_SECS: '3',
        CONFORMANCE_QUOTA_WAIT_SECS: String(quotaWaitSecs),
      }),
    );
    return { run, reports: await readReports(reportsDir), refused, accepted };
  } finally {
    await proxy.close();
    await emulator.close();
  }
}

describe('a full memory quota (402) while fixtures build', () => {
  it('is waited out: the build is asked again, and the checks that needed it pass', async () => {
    const { run, reports, refused, accepted } = await gateWithQuota(2, 120, [SUITE_CHECK, TRANSACTION]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(refused).toBe(2);
    expect(accepted).toBeGreaterThan(0);
    const statuses = Object.fromEntries(reports.summary.checks.filter((c) => c.status !== 'skipped').map((c) => [c.id, c.status]));
    expect(statuses).toEqual({ [SUITE_CHECK]: 'passed', [TRANSACTION]: 'passed' });
  }, 150_000);

  it("that stays full leaves the checks inconclusive with the platform's message, and fails none of them", async () => {
    const checks = [SUITE_CHECK, TRANSACTION, BUILD_TRANSACTION];
    const { run, reports, accepted } = await gateWithQuota(Number.MAX_SAFE_INTEGER, 3, checks);
    expect(run.code, describeRun(run)).toBe(1);
    expect(accepted).toBe(0);
    const judged = reports.summary.checks.filter((c) => c.status !== 'skipped');
    expect(judged.map((c) => c.id).sort()).toEqual(checks.sort());
    for (const check of judged) {
      expect(check.status, check.message).toBe('inconclusive');
      expect(check.message).toContain('HTTP 402 actor-memory-limit-exceeded');
      expect(check.message).toContain(QUOTA_MESSAGE);
    }
  }, 150_000);
});
