import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlledEnvironment, describeRun, type ProcessResult, runCli } from './support/cli-process.ts';
import { readReports } from './support/reports.ts';

// The exit status contract (runner/exit-codes.ts): 0 the gate passed, 1 the target failed it, 2 the suite itself broke;
// a broken run says why in one readable message, never a stack trace.

const STACK_FRAME = /^\s+at .+[(:]\d+/m;

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'e2e-exit-codes-'));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

// A run that broke before it started writes no report that could be mistaken for a verdict.
async function runBroken(settings: Parameters<typeof controlledEnvironment>[0], args: string[] = []): Promise<ProcessResult> {
  const reportsDir = path.join(workDir, `reports-${Math.random().toString(36).slice(2)}`);
  const run = await runCli([...args, '--reports', reportsDir], controlledEnvironment(settings));
  expect(run.code, describeRun(run)).toBe(2);
  expect(run.stderr, describeRun(run)).not.toMatch(STACK_FRAME);
  expect(run.stdout, describeRun(run)).not.toMatch(STACK_FRAME);
  expect(existsSync(reportsDir), `${reportsDir} was written`).toBe(false);
  return run;
}

describe('exit 2: the suite broke, and says why', () => {
  it('a malformed setting is named with its value, in one message and no stack trace', async () => {
    const run = await runBroken({ CONFORMANCE_MAX_WAIT_SECS: 'abc' });
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^Configuration error: CONFORMANCE_MAX_WAIT_SECS .*"abc"/);
    // The message, then where settings live; nothing more.
    expect(lines.length, run.stderr).toBeLessThanOrEqual(2);
  });

  it('an unreachable target is named, with the setting to check', async () => {
    const run = await runBroken({ APIFY_API_BASE_URL: 'http://127.0.0.1:9', APIFY_TOKEN: 'e2e-unreachable-token' });
    expect(run.stderr.trim()).toMatch(/^Target error: http:\/\/127\.0\.0\.1:9 is unreachable .*APIFY_API_BASE_URL/);
    expect(run.stderr).not.toContain('e2e-unreachable-token');
  });

  it('an unknown option is named, followed by the usage text', async () => {
    const run = await runBroken({}, ['--no-such-option']);
    expect(run.stderr).toMatch(/^Usage error: unknown option "--no-such-option"/);
    expect(run.stderr).toContain('Usage: apify-conformance run [options]');
  });
});

describe('exit 0 and 1', () => {
  it('--help prints the usage and every option, and exits 0', async () => {
    const run = await runCli(['--help'], controlledEnvironment());
    expect(run.code, describeRun(run)).toBe(0);
    for (const option of ['--select', '--tag', '--read-only', '--profile', '--sweep', '--reports', '--help']) expect(run.stdout).toContain(option);
    expect(run.stderr).toBe('');
  });

  it('a known failure in the profile that passes is an unexpected pass, and fails the run with exit 1', async () => {
    const profile = path.join(workDir, 'stale-expectation.json');
    await writeFile(
      profile,
      JSON.stringify({
        name: 'stale-expectation',
        description: 'The emulator, with an expectation that no longer holds',
        timing: { maxWaitSecs: 3, rateLimitRps: 30 },
        drift: [],
        expectations: [{ id: 'errors.unknown-path-404', reason: 'listed by mistake: the emulator answers 404 as documented', match: '.' }],
        uncovered: [],
      }),
    );
    const reportsDir = path.join(workDir, 'reports');
    // As on GitHub Actions: the failure also becomes an annotation and the verdict goes to the step summary.
    const stepSummary = path.join(workDir, 'step-summary.md');
    const run = await runCli(
      ['--select', 'errors', '--profile', profile, '--reports', reportsDir],
      controlledEnvironment({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: stepSummary }),
    );
    expect(run.code, describeRun(run)).toBe(1);
    const { summary, junit } = await readReports(reportsDir);
    expect(summary.target.profile).toBe('stale-expectation');
    expect(summary.outcome).toBe('failed');
    expect(summary.exitCode).toBe(1);
    expect(summary.brokenReasons).toEqual([]);
    const listed = summary.checks.find((c) => c.id === 'errors.unknown-path-404');
    expect(listed?.status).toBe('unexpected-pass');
    expect(listed?.message).toMatch(/remove it from the profile's expectations/);
    expect(summary.totals['unexpected-pass']).toBe(1);
    // Only the listed check is wrong: the rest of the family passed.
    const rest = summary.checks.filter((c) => c.family === 'errors' && c.id !== listed?.id);
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.status}`)).toEqual([]);
    expect(run.stdout).toMatch(/^UNEXPECTED-PASS errors\.unknown-path-404$/m);
    expect(junit).toMatch(/name="errors\.unknown-path-404"[^>]*>\s*<failure message="listed as a known failure/);
    expect(run.stdout).toMatch(
      /^::error file=suites\/errors\/[\w-]+\.test\.ts,title=unexpected-pass%3A errors\.unknown-path-404::.*%0Alisted as a known failure/m,
    );
    // The same run again, now without the stale entry, against the first run's summary: the check is newly passing.
    const fixed = path.join(workDir, 'fixed.json');
    await writeFile(fixed, JSON.stringify({ ...JSON.parse(await readFile(profile, 'utf8')), name: 'fixed', expectations: [] }));
    const again = await runCli(
      ['--select', 'errors', '--profile', fixed, '--baseline', path.join(reportsDir, 'summary.json'), '--reports', path.join(workDir, 'again')],
      controlledEnvironment(),
    );
    expect(again.code, describeRun(again)).toBe(0);
    const { summary: second } = await readReports(path.join(workDir, 'again'));
    expect(second.baseline).toMatchObject({ baseline: { runId: summary.run.id }, newlyFailing: [], newlyPassing: ['errors.unknown-path-404'] });
    expect(again.stdout).toContain(`Since run ${summary.run.id}`);
    const markdown = await readFile(stepSummary, 'utf8');
    expect(markdown).toMatch(/^## Apify API conformance: FAILED \(exit 1\)$/m);
    expect(markdown).toMatch(/^\| `errors\.unknown-path-404` \| unexpected-pass \| listed as a known failure/m);
  });
});
