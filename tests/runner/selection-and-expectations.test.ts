import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlledEnvironment, describeRun, runCli } from './e2e/support/cli-process.ts';
import { readReports } from './e2e/support/reports.ts';

// The runner end to end against the embedded emulator, for what tests/runner/e2e does not cover: a selection runs what
// it names (and a typo breaks the run), a listed failing check is an expected failure, and the embedded emulator's own
// bad settings are named. Each run selects a few fast checks.
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'runner-selection-'));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function profileFile(name: string, expectations: Array<{ id: string; reason: string; match: string }>): Promise<string> {
  const file = path.join(workDir, `${name}.json`);
  await writeFile(
    file,
    JSON.stringify({
      name,
      description: 'a profile written by the test',
      timing: { maxWaitSecs: 3, rateLimitRps: 30 },
      drift: [],
      expectations,
      uncovered: [],
    }),
  );
  return file;
}

describe('selection', () => {
  it('runs only the selected family; the rest, Dredd included, is skipped with the reason, and coverage is no gate', async () => {
    const reportsDir = path.join(workDir, 'errors-only');
    const run = await runCli(['--select', 'errors', '--reports', reportsDir], controlledEnvironment());
    expect(run.code, describeRun(run)).toBe(0);
    const { summary } = await readReports(reportsDir);
    expect(summary.selection).toEqual({ select: ['errors'], readOnly: false, dredd: false });
    const ran = summary.checks.filter((c) => c.status !== 'skipped');
    expect(ran.length).toBeGreaterThan(0);
    for (const check of ran) expect([check.family, check.status], check.id).toEqual(['errors', 'passed']);
    for (const check of summary.checks.filter((c) => c.status === 'skipped'))
      expect(check.message, check.id).toMatch(/not selected by CONFORMANCE_SELECT=errors/);
    expect(summary.coverage.gate).toEqual({ applied: false, reason: 'not selected by CONFORMANCE_SELECT=errors' });
  }, 150_000);

  it('an entry that matches no family, id or tag breaks the run instead of quietly running nothing', async () => {
    const reportsDir = path.join(workDir, 'typo');
    const run = await runCli(['--select', 'paginaton', '--reports', reportsDir], controlledEnvironment());
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stdout).toContain('BROKEN CONFORMANCE_SELECT: "paginaton" match no check family, id or tag');
    expect((await readReports(reportsDir)).summary.outcome).toBe('broken');
  }, 150_000);
});

describe('expectations of a profile', () => {
  it('a listed check that fails is an expected failure with its reason, and does not fail the run', async () => {
    const reportsDir = path.join(workDir, 'known');
    const file = await profileFile('known', [{ id: 'errors.unknown-actor-404', reason: 'this target names the type not-found', match: 'got "not-found"' }]);
    // From the emulator's fault catalogue: unknown ids answer 404 with the wrong error type.
    const run = await runCli(
      ['--select', 'errors.unknown-actor-404', '--profile', file, '--reports', reportsDir],
      controlledEnvironment({ EMULATOR_FAULTS: 'not-found-wrong-type' }),
    );
    const { summary, junit } = await readReports(reportsDir);
    expect(summary.checks.find((c) => c.id === 'errors.unknown-actor-404')).toMatchObject({
      status: 'expected-failure',
      message: expect.stringContaining('this target names the type not-found'),
    });
    expect(summary.totals['expected-failure']).toBe(1);
    expect(junit).toMatch(/<skipped message="expected-failure: expected to fail on this target: this target names the type not-found/);
    expect(run.code, describeRun(run)).toBe(0);
  }, 150_000);

  it('a listed check that fails another way than the profile says stays failed, and fails the run', async () => {
    const reportsDir = path.join(workDir, 'mismatch');
    const file = await profileFile('mismatch', [{ id: 'errors.unknown-actor-404', reason: 'a different deviation', match: 'got HTTP 401' }]);
    const run = await runCli(
      ['--select', 'errors.unknown-actor-404', '--profile', file, '--reports', reportsDir],
      controlledEnvironment({ EMULATOR_FAULTS: 'not-found-wrong-type' }),
    );
    const { summary } = await readReports(reportsDir);
    expect(summary.checks.find((c) => c.id === 'errors.unknown-actor-404')).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('not in the listed way (/got HTTP 401/)'),
    });
    expect(run.code, describeRun(run)).toBe(1);
  }, 150_000);
});

describe('the embedded emulator', () => {
  it('names its own bad setting, as a target that could not start, with exit 2 and no stack trace', async () => {
    const run = await runCli([], controlledEnvironment({ EMULATOR_FAULTS: 'no-such-fault' }));
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toMatch(/^Target error: the embedded emulator could not start: [\s\S]*"no-such-fault"/);
    expect(run.stderr).not.toMatch(/^\s+at .+[(:]\d+/m);
  }, 60_000);
});
