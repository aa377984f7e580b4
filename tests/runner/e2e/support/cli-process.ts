import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The project root: the CLI runs from there, as `npm run conformance` does. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Every setting the CLI or the embedded emulator reads (.env.example). The child gets each one explicitly, empty unless
 * the test sets it: an empty value counts as unset, and dotenv never overrides a variable that exists, so a developer's
 * .env (which might name the live API) cannot reach these runs.
 */
const SETTINGS = [
  'APIFY_API_BASE_URL',
  'APIFY_TOKEN',
  'APIFY_TOKEN_2',
  'CONFORMANCE_PROFILE',
  'CONFORMANCE_MAX_WAIT_SECS',
  'CONFORMANCE_RATE_LIMIT_RPS',
  'CONFORMANCE_RESOURCE_PREFIX',
  'CONFORMANCE_RUN_ID',
  'CONFORMANCE_SELECT',
  'CONFORMANCE_EXCLUDE',
  'CONFORMANCE_HEADERS',
  'CONFORMANCE_WAIT_FOR_TARGET_SECS',
  'CONFORMANCE_READ_ONLY',
  'CONFORMANCE_FAIL_ON_SKIP',
  'CONFORMANCE_QUOTA_WAIT_SECS',
  'CONFORMANCE_MAX_CONCURRENT_BUILDS',
  'CONFORMANCE_RUN_SYNC_MAX_WAIT_SECS',
  'CONFORMANCE_SLOW',
  'CONFORMANCE_FIXTURE_DIR',
  'CONFORMANCE_FEATURES',
  'EMULATOR_HOST',
  'EMULATOR_PORT',
  'EMULATOR_TOKEN',
  'EMULATOR_USERNAME',
  'EMULATOR_TOKEN_2',
  'EMULATOR_USERNAME_2',
  'EMULATOR_MAX_WAIT_SECS',
  'EMULATOR_RUN_SYNC_MAX_WAIT_SECS',
  'EMULATOR_MEMORY_QUOTA_MBYTES',
  'EMULATOR_RATE_LIMIT_DEFAULT',
  'EMULATOR_RATE_LIMIT_HIGH',
  'EMULATOR_MAX_PAGE_SIZE',
  'EMULATOR_FAULTS',
  'EMULATOR_VARIATIONS',
  // A proxy of the developer's network must not reach these runs unless a test sets one.
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  // Set by GitHub Actions on every step (the project's own CI may run there).
  'GITHUB_ACTIONS',
  'GITHUB_STEP_SUMMARY',
] as const;

export type Setting = (typeof SETTINGS)[number];

/**
 * A child environment built from scratch: what npx and node need to start, every setting blank, then `settings`.
 * Nothing else of this Vitest process leaks in (its VITEST_* variables would confuse the Vitest the runner starts).
 */
export function controlledEnvironment(settings: Partial<Record<Setting, string>> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG'] as const) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  for (const name of SETTINGS) env[name] = '';
  return { ...env, ...settings };
}

export interface ProcessResult {
  /** The exit status, or null when a signal ended the process. */
  code: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** Runs `npx tsx runner/cli.ts <args>` from the project root and collects its output. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 150_000): Promise<ProcessResult> {
  return runCommand('npx', ['tsx', 'runner/cli.ts', ...args], { cwd: PROJECT_ROOT, env }, timeoutMs);
}

/**
 * Runs a command and collects its output. The child leads its own process group (npx, tsx, node, Dredd, the actors'
 * processes), so a run that overstays `timeoutMs` is stopped as a whole.
 */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
  timeoutMs = 150_000,
): Promise<ProcessResult> {
  const started = Date.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child.pid, 'SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not end within ${timeoutMs / 1000} s; stopped it.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, durationMs: Date.now() - started });
    });
  });
}

/** Signals a whole process group; one that is already gone is fine. */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** What a failed expectation about a run should show: how it ended and the tail of what it printed. */
export function describeRun(result: ProcessResult): string {
  const tail = (text: string) => text.trimEnd().split('\n').slice(-30).join('\n');
  return `exit ${result.code} after ${(result.durationMs / 1000).toFixed(1)} s\n--- stdout (tail) ---\n${tail(result.stdout)}\n--- stderr (tail) ---\n${tail(result.stderr)}`;
}
