import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlledEnvironment, describeRun, PROJECT_ROOT, runCommand } from '../runner/e2e/support/cli-process.ts';
import { readReports } from '../runner/e2e/support/reports.ts';

// The GitHub Action (action.yml) a team puts in its workflow: every input reaches the suite as its own setting, and its
// step script runs the gate from the caller's workspace, annotating failures and writing the step summary.

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'github-action-'));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('the GitHub Action', () => {
  it('hands every input to the step through the environment, none spliced into the script', async () => {
    const action = await readFile(path.join(PROJECT_ROOT, 'action.yml'), 'utf8');
    const inputs = [...action.slice(action.indexOf('\ninputs:'), action.indexOf('\nruns:')).matchAll(/^ {2}([a-z0-9-]+):$/gm)].map((m) => m[1]!);
    expect(inputs).toEqual(['base-url', 'token', 'token-2', 'profile', 'select', 'features', 'wait-for-target', 'reports']);
    for (const input of inputs) expect(action, input).toMatch(new RegExp(`^ {8}[A-Z0-9_]+: \\$\\{\\{ inputs\\.${input} \\}\\}$`, 'm'));
    const run = /^ {6}run: (.*)$/m.exec(action)?.[1] ?? '';
    expect(run).not.toContain('${{');
  });

  it('runs the gate from the workspace with the inputs as settings, and reports to GitHub', async () => {
    const stepSummary = path.join(workDir, 'step-summary.md');
    const run = await runCommand('bash', [path.join(PROJECT_ROOT, 'scripts/github-action.sh'), '--reports', 'action-reports'], {
      cwd: workDir,
      env: {
        ...controlledEnvironment({ CONFORMANCE_SELECT: 'errors', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: stepSummary }),
        ACTION_PATH: PROJECT_ROOT,
      },
    });
    expect(run.code, describeRun(run)).toBe(0);
    const { summary } = await readReports(path.join(workDir, 'action-reports'));
    expect(summary.selection.select).toEqual(['errors']);
    expect(await readFile(stepSummary, 'utf8')).toMatch(/^## Apify API conformance: PASSED \(exit 0\)$/m);
  });
});
