// `npm run bench`: how long the gate takes and how much memory it needs, over several rounds (median and spread).
// - the whole `npm run conformance` against the embedded emulator: wall time and where
//   the time goes (from summary.json: the run's own duration, and the summed durations of each layer's checks), and
//   the physical memory of its process tree (summed PSS; summed RSS too, which counts shared pages once per process);
// - plain Dredd on the spec with the hooks against an emulator, as the baseline;
// - the emulator's own figures (bench/emulator.ts).
// - the budgets (bench/budgets.ts): these figures and the last CI run's timings against their limits.
// Writes reports/bench.json and prints a table. A script, not a test: it asserts nothing and never fails a build.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { configToEnvironment, loadConfig } from '../common/config.ts';
import { isTerminalStatus } from '../common/job-status.ts';
import { startEmulator } from '../emulator/index.ts';
import { runDredd } from '../runner/dredd/index.ts';
import type { Summary as RunSummary } from '../runner/reports/summary.ts';
import type { WaitObservation } from '../runner/timing.ts';
import { budgets, formatBudgets } from './budgets.ts';
import { benchEmulator } from './emulator.ts';
import { processTree, pssBytes, rssBytes } from './process-tree.ts';
import { type Summary, summarize } from './stats.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Phases {
  /** Process start, embedded emulator, target probe and sweep: until the runner names its target. */
  startUp: number;
  /** Dredd and the suites side by side: until the last check's progress line. */
  checks: number;
  /** Coverage, drift, matrix and the three report files: until the summary is printed. */
  analysisAndReports: number;
  /** Clean-up sweep, emulator stop and process exit. */
  shutDown: number;
}

const PHASES: Array<[keyof Phases, string]> = [
  ['startUp', 'start-up: process, emulator, probe, sweep'],
  ['checks', 'checks: Dredd and the suites side by side'],
  ['analysisAndReports', 'analysis and report writing'],
  ['shutDown', 'clean-up and exit'],
];

interface ConformanceRound {
  wallMs: number;
  peakTreeRssMb: number;
  peakTreePssMb: number;
  /** Where the wall time went, from when each stage's first line appeared on the runner's output. */
  phasesMs: Phases;
  exitCode: number;
  summaryDurationMs: number;
  dreddCheckMs: number;
  familyCheckMs: Record<string, number>;
  /** The waits the timing checks require: every request the target rightly held to the end of its wait. */
  requiredWaitMs: number;
}

/** A held request (408, or a job still going when the wait ended) cannot have been answered sooner than its wait. */
function requiredWaitMs(waits: WaitObservation[], capSecs: number): number {
  const held = waits.filter((w) => w.status === 408 || (w.jobStatus !== undefined && !isTerminalStatus(w.jobStatus)));
  return held.reduce((sum, w) => sum + Math.min(w.requestedSecs ?? capSecs, capSecs) * 1000, 0);
}

async function conformanceRound(): Promise<ConformanceRound> {
  const reports = mkdtempSync(path.join(tmpdir(), 'bench-conformance-'));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !/^(APIFY_|CONFORMANCE_|EMULATOR_)/.test(name)) env[name] = value;
  const started = performance.now();
  // Exactly what a user runs, npm and the script's node flags included: the wall time and the memory are theirs.
  const child = spawn('npm', ['run', '--silent', 'conformance', '--', '--reports', reports], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'ignore'] });
  const seen: { target?: number; lastCheck?: number; summary?: number } = {};
  createInterface({ input: child.stdout }).on('line', (line) => {
    const at = performance.now() - started;
    if (line.startsWith('Target ')) seen.target ??= at;
    else if (/^\s*\[\s*\d+\/\d+\+?\]/.test(line)) seen.lastCheck = at;
    else if (line.startsWith('Coverage:')) seen.summary ??= at;
  });
  let peakRss = 0;
  let peakPss = 0;
  const sampler = setInterval(() => {
    if (child.pid === undefined) return;
    const tree = processTree(child.pid);
    peakRss = Math.max(
      peakRss,
      tree.reduce((sum, pid) => sum + rssBytes(pid), 0),
    );
    peakPss = Math.max(
      peakPss,
      tree.reduce((sum, pid) => sum + pssBytes(pid), 0),
    );
  }, 100);
  const exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 2)));
  clearInterval(sampler);
  const wallMs = performance.now() - started;
  const target = seen.target ?? 0;
  const lastCheck = seen.lastCheck ?? target;
  const summaryAt = seen.summary ?? wallMs;
  const phasesMs: Phases = { startUp: target, checks: lastCheck - target, analysisAndReports: summaryAt - lastCheck, shutDown: wallMs - summaryAt };
  const summary = JSON.parse(readFileSync(path.join(reports, 'summary.json'), 'utf8')) as RunSummary;
  const familyCheckMs: Record<string, number> = {};
  for (const check of summary.checks.filter((c) => c.layer === 'vitest')) familyCheckMs[check.family] = (familyCheckMs[check.family] ?? 0) + check.durationMs;
  return {
    wallMs,
    peakTreeRssMb: Math.round(peakRss / 1024 / 1024),
    peakTreePssMb: Math.round(peakPss / 1024 / 1024),
    phasesMs,
    exitCode,
    summaryDurationMs: summary.durationMs,
    dreddCheckMs: summary.checks.filter((c) => c.layer === 'dredd').reduce((sum, c) => sum + c.durationMs, 0),
    familyCheckMs,
    requiredWaitMs: requiredWaitMs(summary.waits, summary.target.maxWaitSecs),
  };
}

async function dreddRound(): Promise<number> {
  const emulator = await startEmulator({ port: 0, maxWaitSecs: 3, token: 'bench-token-1' });
  try {
    const config = loadConfig({ APIFY_API_BASE_URL: emulator.url, APIFY_TOKEN: 'bench-token-1', CONFORMANCE_MAX_WAIT_SECS: '3' });
    const result = await runDredd({ baseUrl: emulator.url, env: configToEnvironment(config) });
    if (result.outcome !== 'passed') throw new Error(`Dredd did not pass: ${result.outcome} ${result.brokenReasons.join('; ')}`);
    return result.durationMs;
  } finally {
    await emulator.close();
  }
}

const rounds: ConformanceRound[] = [];
for (let i = 0; i < ROUNDS; i += 1) rounds.push(await conformanceRound());
const dreddMs: number[] = [];
for (let i = 0; i < ROUNDS; i += 1) dreddMs.push(await dreddRound());
const emulatorFigures = await benchEmulator();

const families = [...new Set(rounds.flatMap((r) => Object.keys(r.familyCheckMs)))].sort();
const report = {
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  conformance: {
    wallMs: summarize(rounds.map((r) => r.wallMs)),
    peakTreeRssMb: summarize(rounds.map((r) => r.peakTreeRssMb)),
    peakTreePssMb: summarize(rounds.map((r) => r.peakTreePssMb)),
    exitCodes: rounds.map((r) => r.exitCode),
    runDurationMs: summarize(rounds.map((r) => r.summaryDurationMs)),
    phasesMs: Object.fromEntries(PHASES.map(([phase]) => [phase, summarize(rounds.map((r) => Math.round(r.phasesMs[phase])))])) as Record<
      keyof Phases,
      Summary
    >,
    dreddChecksSumMs: summarize(rounds.map((r) => r.dreddCheckMs)),
    familyChecksSumMs: Object.fromEntries(families.map((f) => [f, summarize(rounds.map((r) => r.familyCheckMs[f] ?? 0))])),
    requiredWaitMs: summarize(rounds.map((r) => r.requiredWaitMs)),
    wallOverRequiredWait: summarize(rounds.map((r) => Math.round((r.wallMs / r.requiredWaitMs) * 100) / 100)),
  },
  dreddAloneMs: summarize(dreddMs),
  emulator: emulatorFigures,
};
const budgetRows = budgets(ROOT, {
  wallSecs: report.conformance.wallMs.median / 1000,
  wallOverRequiredWait: report.conformance.wallOverRequiredWait.median,
});
mkdirSync(path.join(ROOT, 'reports'), { recursive: true });
writeFileSync(path.join(ROOT, 'reports/bench.json'), `${JSON.stringify({ ...report, budgets: budgetRows }, null, 2)}\n`);

const show = (s: Summary, unit: string) => `${s.median} ${unit} (p10 ${s.p10}, p90 ${s.p90}, n=${s.samples})`;
const rows: Array<[string, string]> = [
  ['npm run conformance, wall', show(report.conformance.wallMs, 'ms')],
  ['  exit codes', report.conformance.exitCodes.join(', ')],
  ['  required waits (held requests of checks and Dredd; backoff not counted)', show(report.conformance.requiredWaitMs, 'ms')],
  ['  wall / required waits', show(report.conformance.wallOverRequiredWait, 'x')],
  ['  peak memory of its process tree (summed PSS)', show(report.conformance.peakTreePssMb, 'MB')],
  ['  peak summed RSS of its process tree', show(report.conformance.peakTreeRssMb, 'MB')],
  ...PHASES.map(([phase, label]): [string, string] => [`  ${label}`, show(report.conformance.phasesMs[phase], 'ms')]),
  ['  Dredd transactions (sum of durations)', show(report.conformance.dreddChecksSumMs, 'ms')],
  ...families.map((f): [string, string] => [`  suites: ${f} (sum of check durations)`, show(report.conformance.familyChecksSumMs[f]!, 'ms')]),
  ['plain Dredd with the hooks (baseline)', show(report.dreddAloneMs, 'ms')],
];
const width = Math.max(...rows.map((r) => r[0].length));
for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
console.log('');
for (const line of formatBudgets(budgetRows)) console.log(line);
console.log('\nemulator figures: reports/bench.json ("emulator"); written reports/bench.json');
