// One run of the gate (`npm run conformance`, embedded emulator, the case's selection) for one self-test case, in its own process with
// its own emulator on a free port and its own reports directory; what it reports is read back from its summary.json.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import type { SelfTestCase } from './cases.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNNER = path.join(PROJECT_ROOT, 'runner/cli.ts');
const SETTING_PREFIXES = /^(APIFY_|CONFORMANCE_|EMULATOR_)/;
// A case still running after this is stopped (SIGTERM, then SIGKILL) and reported as broken.
const CASE_TIMEOUT_MS = 10 * 60 * 1000;
const KILL_GRACE_MS = 30 * 1000;

/** A check that did not pass in a case: failed, error or unexpected-pass (or a documented response not exercised). */
export interface FailingCheck {
  id: string;
  layer: 'dredd' | 'vitest';
  family: string;
  status: string;
}

export interface CaseResult {
  id: string;
  /** The runner's exit status: 0 passed, 1 the target failed, 2 the suite broke; null when it was killed. */
  exitCode: number | null;
  /** The runner's outcome from summary.json, or `no-summary` when it wrote none. */
  outcome: string;
  brokenReasons: string[];
  failing: FailingCheck[];
  /** How many checks the run reported, all layers. */
  checks: number;
  durationMs: number;
  /** Where this case's summary.json, report.html and runner output are, relative to the project. */
  reportDir: string;
}

interface SummaryJson {
  outcome: string;
  brokenReasons: string[];
  coverage?: { unexercised?: string[] };
  checks: Array<{ id: string; layer: 'dredd' | 'vitest'; family: string; status: string }>;
}

const FAILING_STATUSES = new Set(['failed', 'error', 'unexpected-pass']);

/**
 * The environment of a case: this process's, without any setting of the gate, the target or the emulator, and with
 * every such setting that .env or .env.example names set empty so the runner's .env cannot bring one back (dotenv
 * never overrides a variable that exists). The gate then targets its embedded emulator with its emulator profile.
 */
export function caseEnvironment(testCase: SelfTestCase, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) if (value !== undefined && !SETTING_PREFIXES.test(name)) env[name] = value;
  for (const file of ['.env.example', '.env']) {
    const full = path.join(PROJECT_ROOT, file);
    if (!existsSync(full)) continue;
    for (const name of Object.keys(dotenv.parse(readFileSync(full)))) if (SETTING_PREFIXES.test(name)) env[name] = '';
  }
  return { ...env, CONFORMANCE_PROFILE: 'emulator', ...testCase.emulatorEnv };
}

export async function runCase(testCase: SelfTestCase, reportsRoot: string): Promise<CaseResult> {
  const reportDir = path.join(reportsRoot, testCase.id);
  await rm(reportDir, { recursive: true, force: true });
  await mkdir(reportDir, { recursive: true });
  const started = Date.now();
  const output = createWriteStream(path.join(reportDir, 'output.log'));
  const exitCode = await new Promise<number | null>((resolve) => {
    // Its own process group, so a timeout or an interruption stops Dredd and the Vitest workers with it.
    const select = testCase.select ? ['--select', testCase.select.join(',')] : [];
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, '--reports', reportDir, ...select], {
      cwd: PROJECT_ROOT,
      env: caseEnvironment(testCase),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    running.add(child.pid!);
    child.stdout.pipe(output, { end: false });
    child.stderr.pipe(output, { end: false });
    const timeout = setTimeout(() => stopGroup(child.pid!), CASE_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timeout);
      running.delete(child.pid!);
      resolve(code);
    });
  });
  output.end();
  return { id: testCase.id, exitCode, ...(await readSummary(reportDir)), durationMs: Date.now() - started, reportDir: path.relative(PROJECT_ROOT, reportDir) };
}

async function readSummary(reportDir: string): Promise<Pick<CaseResult, 'outcome' | 'brokenReasons' | 'failing' | 'checks'>> {
  let summary: SummaryJson;
  try {
    summary = JSON.parse(await readFile(path.join(reportDir, 'summary.json'), 'utf8')) as SummaryJson;
  } catch {
    const output = await readFile(path.join(reportDir, 'output.log'), 'utf8').catch(() => '');
    const lastLine = output.trim().split('\n').at(-1) ?? '';
    return { outcome: 'no-summary', brokenReasons: [`the gate wrote no summary.json; its last line: ${lastLine || '(nothing)'}`], failing: [], checks: 0 };
  }
  const failing: FailingCheck[] = summary.checks
    .filter((check) => FAILING_STATUSES.has(check.status))
    .map(({ id, layer, family, status }) => ({ id, layer, family, status }));
  // The coverage gate fails a run whose documented response was never exercised; that is the Dredd layer speaking.
  for (const id of summary.coverage?.unexercised ?? []) {
    if (!failing.some((check) => check.id === id)) failing.push({ id, layer: 'dredd', family: 'transactions', status: 'not-exercised' });
  }
  return { outcome: summary.outcome, brokenReasons: summary.brokenReasons, failing, checks: summary.checks.length };
}

/** Process groups of the cases still running. */
const running = new Set<number>();

/** SIGTERM to the runner, which stops its checks and cleans up; whatever of its group is left gets SIGKILL later. */
function stopGroup(pid: number): void {
  signal(pid, 'SIGTERM');
  setTimeout(() => {
    if (running.has(pid)) signal(-pid, 'SIGKILL');
  }, KILL_GRACE_MS).unref();
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** Stops every case still running (the self-test was interrupted); their runners clean up and exit. */
export function stopAllCases(): void {
  for (const pid of running) stopGroup(pid);
}

export function casesRunning(): number {
  return running.size;
}
