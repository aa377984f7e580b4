import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlledEnvironment, describeRun, type ProcessResult, runCli } from './support/cli-process.ts';
import { REPORT_FILES, type Reports, readReports } from './support/reports.ts';

// Tokens never reach logs or reports (README.md "Reading the reports"). The embedded emulator adopts APIFY_TOKEN and
// APIFY_TOKEN_2 as its users' tokens, so canaries travel in every request. Two injected faults make checks fail, so the
// paths that print and store requests (failure messages, Dredd's output, the report's exchanges) carry them too.

const canary = (label: string) => `SECRET-canary-${label}-${randomBytes(12).toString('hex')}`;
const TOKEN = canary('main');
const TOKEN_2 = canary('second');
const FAULTS = ['webhook-create-200', 'other-user-actor-visible'];
const CREATE_WEBHOOK = 'Apify API > Webhooks > Webhook list > Create webhook';

let reportsDir: string;
let run: ProcessResult;
let reports: Reports;

beforeAll(async () => {
  reportsDir = await mkdtemp(path.join(tmpdir(), 'e2e-secrets-'));
  const env = controlledEnvironment({ APIFY_TOKEN: TOKEN, APIFY_TOKEN_2: TOKEN_2, EMULATOR_FAULTS: FAULTS.join(',') });
  // The Webhooks file of the Dredd layer (every request carries ?token=) and the auth family (query, Bearer header,
  // second user).
  run = await runCli(['--select', 'tag:spec/06-webhooks.apib,auth', '--reports', reportsDir], env);
  reports = await readReports(reportsDir);
}, 150_000);

afterAll(async () => {
  if (reportsDir) await rm(reportsDir, { recursive: true, force: true });
});

/** Each token raw, URL-encoded, and its random tail alone (a token re-wrapped or cut at its dashes is still a leak). */
function needles(): string[] {
  return [TOKEN, TOKEN_2].flatMap((token) => [token, encodeURIComponent(token), token.slice(token.lastIndexOf('-') + 1)]);
}

describe('a run with recognisable tokens', () => {
  it('ran the requests that carry the tokens, and failed on the injected faults', () => {
    expect(run.code, describeRun(run)).toBe(1);
    const failed = reports.summary.checks.filter((c) => c.status === 'failed').map((c) => c.id);
    expect(failed).toEqual(expect.arrayContaining([CREATE_WEBHOOK, 'auth.other-users-actor-invisible']));
    expect(reports.summary.checks.filter((c) => c.family === 'auth' && c.status === 'passed').length).toBeGreaterThan(0);
    // The token-bearing request of a failure reached the report, masked.
    const failure = reports.summary.checks.find((c) => c.id === CREATE_WEBHOOK);
    expect(failure?.exchange?.request?.uri).toMatch(/[?&]token=\*\*\*/);
  });

  it('left no token in stdout or stderr', () => {
    for (const needle of needles()) {
      expect(run.stdout.includes(needle), `stdout contains ${needle}`).toBe(false);
      expect(run.stderr.includes(needle), `stderr contains ${needle}`).toBe(false);
    }
  });

  it('left no token in any file of the reports folder', async () => {
    const files = await readdir(reportsDir, { recursive: true, withFileTypes: true });
    const written = files.filter((f) => f.isFile()).map((f) => path.join(f.parentPath, f.name));
    expect(written.map((f) => path.basename(f))).toEqual(expect.arrayContaining([...REPORT_FILES]));
    for (const file of written) {
      const text = await readFile(file, 'utf8');
      for (const needle of needles()) expect(text.includes(needle), `${file} contains ${needle}`).toBe(false);
    }
  });
});
