// One run of the gate (`npm run conformance`, embedded emulator, the case's selection) for one self-test case, on a
// self-test worker, with its own emulator on a free port and its own reports directory; what it reports is read back
// from its summary.json.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import type { SelfTestCase } from './cases.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const WORKER = path.join(PROJECT_ROOT, 'selftest/gate-worker.ts');
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
  // A case's own cap reaches the runner, which starts the embedded emulator with it.
  const cap: Record<string, string> = testCase.capSecs === undefined ? {} : { CONFORMANCE_MAX_WAIT_SECS: String(testCase.capSecs) };
  return { ...env, CONFORMANCE_PROFILE: testCase.profile ?? 'emulator', ...testCase.emulatorEnv, ...cap };
}

/** What the self-test sends a worker (selftest/gate-worker.ts) for one case: the runner's command line and environment. */
export interface CaseRequest {
  argv: string[];
  env: Record<string, string>;
}

/** What the worker answers once the gate has run the case and written its reports. */
export interface CaseReply {
  exitCode: number;
}

/**
 * One self-test worker: a process of its own (and its own process group, with the Dredd and actor processes its cases
 * start) that runs one case at a time. A case that outlives CASE_TIMEOUT_MS is interrupted like the runner is (SIGTERM:
 * it cleans up and reports); a worker that does not answer KILL_GRACE_MS later is killed with its group, the case is
 * reported as broken, and the next case gets a fresh worker.
 */
export class GateWorker {
  private child: ChildProcess | undefined;
  private output: WriteStream | undefined;
  private pending: ((exitCode: number | null) => void) | undefined;

  async run(testCase: SelfTestCase, reportsRoot: string): Promise<CaseResult> {
    const reportDir = path.join(reportsRoot, testCase.id);
    await rm(reportDir, { recursive: true, force: true });
    await mkdir(reportDir, { recursive: true });
    const started = Date.now();
    const output = createWriteStream(path.join(reportDir, 'output.log'));
    this.output = output;
    const select = testCase.select ? ['--select', testCase.select.join(',')] : [];
    const env = caseEnvironment(testCase);
    const child = this.child ?? this.start(env);
    const exitCode = await new Promise<number | null>((resolve) => {
      const timeout = setTimeout(() => this.interrupt(), CASE_TIMEOUT_MS);
      this.pending = (code) => {
        clearTimeout(timeout);
        this.pending = undefined;
        resolve(code);
      };
      const request: CaseRequest = { argv: ['--reports', reportDir, ...select], env };
      child.send(request);
    });
    this.output = undefined;
    await new Promise((resolve) => output.end(resolve));
    return {
      id: testCase.id,
      exitCode,
      ...(await readSummary(reportDir)),
      durationMs: Date.now() - started,
      reportDir: path.relative(PROJECT_ROOT, reportDir),
    };
  }

  /** Whether a case is running on this worker. */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  /** SIGTERM to the case running, which stops its checks and cleans up; the worker is killed if it has not answered later. */
  interrupt(): void {
    const child = this.child;
    if (child?.pid === undefined || this.pending === undefined) return;
    signal(child.pid, 'SIGTERM');
    setTimeout(() => {
      if (this.child === child && this.pending !== undefined) signal(-child.pid!, 'SIGKILL');
    }, KILL_GRACE_MS).unref();
  }

  /** Lets the worker end once its case (if any) is over. */
  close(): void {
    this.child?.disconnect();
    this.child = undefined;
  }

  private start(env: Record<string, string>): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
    });
    const forward = (chunk: Buffer) => this.output?.write(chunk);
    child.stdout!.on('data', forward);
    child.stderr!.on('data', forward);
    child.on('message', (reply: CaseReply) => this.pending?.(reply.exitCode));
    child.on('exit', (code, signalName) => {
      if (this.child === child) this.child = undefined;
      if (this.pending === undefined) return;
      this.output?.write(`The self-test worker ended in the middle of the case (${signalName ?? `exit ${code}`})\n`);
      // Whatever the worker's case left running (Dredd, actor processes) goes with it.
      signal(-child.pid!, 'SIGKILL');
      this.pending(null);
    });
    this.child = child;
    return child;
  }
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

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}
