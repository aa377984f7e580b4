import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlledEnvironment, killGroup, PROJECT_ROOT } from './e2e/support/cli-process.ts';
import { type EmulatorProcess, startEmulatorProcess } from './e2e/support/emulator-process.ts';
import { readReports } from './e2e/support/reports.ts';
import { TargetApi } from './e2e/support/target-api.ts';

// Ctrl-C in the middle of a run against a target that outlives it (an emulator from `npm run emulator`): the runner
// stops the checks, removes what the run created, writes the reports of what it saw, and exits 2.
const TOKEN = `interrupt-user-1-${randomBytes(8).toString('hex')}`;
const TOKEN_2 = `interrupt-user-2-${randomBytes(8).toString('hex')}`;

let emulator: EmulatorProcess;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'runner-interrupt-'));
  emulator = await startEmulatorProcess(
    controlledEnvironment({
      EMULATOR_PORT: '0',
      EMULATOR_MAX_WAIT_SECS: '3',
      EMULATOR_TOKEN: TOKEN,
      EMULATOR_TOKEN_2: TOKEN_2,
      EMULATOR_USERNAME_2: 'interrupt-user-2',
    }),
  );
}, 90_000);

afterAll(async () => {
  await emulator?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/**
 * The runner under node itself (so the exit status is the runner's: npm re-raises a signal its script got), in its own
 * process group; once `afterLines` progress lines have come, SIGINT goes to the whole group, Dredd and the Vitest
 * workers included, as a terminal's Ctrl-C does.
 */
function runAndInterrupt(
  args: string[],
  env: Record<string, string>,
  afterLines: number,
): Promise<{ code: number | null; stdout: string; stderr: string; interrupted: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runner/cli.ts', ...args], {
    cwd: PROJECT_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let interrupted = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (!interrupted && (stdout.match(/\n {2}\[/g) ?? []).length >= afterLines) {
      interrupted = true;
      killGroup(child.pid, 'SIGINT');
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child.pid, 'SIGKILL');
      reject(new Error(`the interrupted run did not end within 180 s\n${stdout}\n${stderr}`));
    }, 180_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, interrupted });
    });
  });
}

describe('SIGINT during a run', () => {
  it('stops, removes what the run created, writes the reports and exits 2', async () => {
    const api = new TargetApi(emulator.url, TOKEN);
    const reportsDir = path.join(workDir, 'interrupted');
    const env = controlledEnvironment({ APIFY_API_BASE_URL: emulator.url, APIFY_TOKEN: TOKEN, APIFY_TOKEN_2: TOKEN_2, CONFORMANCE_MAX_WAIT_SECS: '3' });
    const run = await runAndInterrupt(['--reports', reportsDir], env, 12);
    const output = `${run.stdout.slice(-3000)}\n${run.stderr}`;
    expect(run.interrupted, output).toBe(true);
    expect(run.code, output).toBe(2);
    expect(run.stdout).toContain('SIGINT: stopping; removing what this run created and writing the reports');
    const { summary } = await readReports(reportsDir);
    expect(summary).toMatchObject({ outcome: 'broken', exitCode: 2 });
    expect(summary.brokenReasons).toContain('interrupted before the end (SIGINT/SIGTERM)');
    for (const user of [api, new TargetApi(emulator.url, TOKEN_2)]) {
      expect((await user.listOwnActors()).map((a) => a.name).filter((name) => name.startsWith('conformance-'))).toEqual([]);
    }
  }, 240_000);
});
