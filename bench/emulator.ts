// Benchmark of the emulator (README.md "Benchmarks"): a script, not a timed test. Run with `npx tsx bench/emulator.ts`.
// It starts the emulator the way a user does (`npm run emulator`, its own process, so the load generator here never
// shares the server's event loop), then measures over several rounds, reporting median and spread:
//   1. idle memory (RSS) of the emulator process right after start-up            target < 150 MB
//   2. a trivial actor's run, POST .../runs?waitForFinish -> SUCCEEDED           target median < 150 ms
//   3. 50 concurrent runs, each checked for its own OUTPUT                       target: all 50 correct
//   4. GET /v2/acts/{id} throughput with rate limiting off, from an undici Pool with pipelining (8 connections x 8
//      pipelined requests in flight); the server process's CPU time is read from /proc, so the rate per core is
//      requests / server CPU-seconds                                             target >= 5000/s on one core
// It prints a table and writes reports/bench-emulator.json.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Pool, request } from 'undici';
import { commandLine, cpuSeconds, deepestDescendant, processTree, rssBytes } from './process-tree.ts';
import { type Summary, summarize } from './stats.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TOKEN = 'benchTokenOfTheMainUser00';
const MB = 1024 * 1024;

const TARGETS = {
  runMedianMs: 150,
  concurrentRuns: 50,
  requestsPerSecondPerCore: 5000,
  idleRssMb: 150,
};

const SETTINGS = {
  runWarmups: 3,
  runSamples: 20,
  concurrentRounds: 3,
  throughputRounds: 5,
  throughputSeconds: 3,
  poolConnections: 8,
  poolPipelining: 8,
};

interface Job {
  id: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  defaultKeyValueStoreId: string;
}

interface RunningEmulator {
  url: string;
  npmPid: number;
  serverPid: number;
  child: ChildProcess;
}

async function startEmulatorProcess(): Promise<RunningEmulator> {
  const child = spawn('npm', ['run', '--silent', 'emulator'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      EMULATOR_HOST: '127.0.0.1',
      EMULATOR_PORT: '0',
      EMULATOR_TOKEN: TOKEN,
      EMULATOR_USERNAME: 'bench-user',
      EMULATOR_RATE_LIMIT_DEFAULT: '0',
      EMULATOR_RATE_LIMIT_HIGH: '0',
      EMULATOR_MAX_WAIT_SECS: '60',
    },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator printed no URL within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Apify API emulator listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}:\n${output}`)));
  });
  if (!child.pid) throw new Error('the emulator process has no pid');
  return { url, npmPid: child.pid, serverPid: deepestDescendant(child.pid), child };
}

async function stopEmulatorProcess(emulator: RunningEmulator): Promise<void> {
  const exited = new Promise((resolve) => (emulator.child.exitCode !== null ? resolve(null) : emulator.child.once('exit', resolve)));
  process.kill(-emulator.npmPid, 'SIGTERM'); // the process group this script created with detached: true
  await exited;
}

async function api<T>(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; data: T; text: string }> {
  const res = await request(`${base}${path}`, {
    method: method as 'GET',
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  let data: T = undefined as T;
  try {
    data = (JSON.parse(text) as { data: T }).data;
  } catch {
    // not JSON: the caller checks status and text
  }
  return { status: res.statusCode, data, text };
}

async function createBuiltActor(base: string, sourceFile: string): Promise<string> {
  const content = readFileSync(new URL(`../tests/emulator/actors/${sourceFile}`, import.meta.url), 'utf8');
  const packageJson = JSON.stringify({ name: 'bench-actor', version: '0.0.1', main: 'main.js', scripts: { start: 'node main.js' } });
  const created = await api<{ id: string }>(base, 'POST', '/v2/acts', {
    name: `bench-${sourceFile.replace(/\W/g, '-')}-${Date.now().toString(36)}`,
    versions: [
      {
        versionNumber: '0.0',
        sourceType: 'SOURCE_FILES',
        buildTag: 'latest',
        sourceFiles: [
          { name: 'main.js', format: 'TEXT', content },
          { name: 'package.json', format: 'TEXT', content: packageJson },
        ],
      },
    ],
  });
  if (created.status !== 201) throw new Error(`creating the actor answered ${created.status}: ${created.text}`);
  const build = await api<Job>(base, 'POST', `/v2/acts/${created.data.id}/builds?version=0.0&waitForFinish=60`);
  const finished = await waitForFinish(base, 'actor-builds', build.data);
  if (finished.status !== 'SUCCEEDED') throw new Error(`the build of ${sourceFile} ended ${finished.status}`);
  return created.data.id;
}

async function waitForFinish(base: string, collection: 'actor-runs' | 'actor-builds', job: Job): Promise<Job> {
  let current = job;
  while (!['SUCCEEDED', 'FAILED', 'TIMED-OUT', 'ABORTED'].includes(current.status)) {
    current = (await api<Job>(base, 'GET', `/v2/${collection}/${job.id}?waitForFinish=60`)).data;
  }
  return current;
}

async function measureRunLatency(base: string, actorId: string): Promise<{ client: Summary; server: Summary }> {
  const clientMs: number[] = [];
  const serverMs: number[] = [];
  for (let round = 0; round < SETTINGS.runWarmups + SETTINGS.runSamples; round += 1) {
    const started = performance.now();
    const res = await api<Job>(base, 'POST', `/v2/acts/${actorId}/runs?waitForFinish=60`, {});
    const run = await waitForFinish(base, 'actor-runs', res.data);
    const elapsed = performance.now() - started;
    if (run.status !== 'SUCCEEDED') throw new Error(`trivial run ${run.id} ended ${run.status}`);
    if (round < SETTINGS.runWarmups) continue;
    clientMs.push(elapsed);
    serverMs.push(Date.parse(run.finishedAt ?? '') - Date.parse(run.startedAt));
  }
  return { client: summarize(clientMs), server: summarize(serverMs) };
}

async function measureConcurrentRuns(base: string, actorId: string): Promise<{ wallMs: Summary; correct: number[] }> {
  const wallMs: number[] = [];
  const correct: number[] = [];
  for (let round = 0; round < SETTINGS.concurrentRounds; round += 1) {
    const started = performance.now();
    const runs = await Promise.all(
      Array.from({ length: TARGETS.concurrentRuns }, async (_, index) => {
        const res = await api<Job>(base, 'POST', `/v2/acts/${actorId}/runs`, { marker: `round-${round}-run-${index}` });
        if (res.status !== 201) throw new Error(`starting concurrent run ${index} answered ${res.status}: ${res.text}`);
        return { index, run: await waitForFinish(base, 'actor-runs', res.data) };
      }),
    );
    wallMs.push(performance.now() - started);
    let ok = 0;
    for (const { index, run } of runs) {
      if (run.status !== 'SUCCEEDED') continue;
      const output = await request(`${base}/v2/key-value-stores/${run.defaultKeyValueStoreId}/records/OUTPUT`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      const text = await output.body.text();
      if (output.statusCode === 200 && (JSON.parse(text) as { input?: { marker?: string } }).input?.marker === `round-${round}-run-${index}`) ok += 1;
    }
    correct.push(ok);
  }
  return { wallMs: summarize(wallMs), correct };
}

interface ThroughputRound {
  requestsPerSecond: number;
  serverCpuSeconds: number;
  requestsPerCpuSecond: number;
  errors: number;
}

async function measureThroughput(base: string, actorId: string, serverPid: number): Promise<{ rounds: ThroughputRound[]; rps: Summary; rpsPerCore: Summary }> {
  const pool = new Pool(base, { connections: SETTINGS.poolConnections, pipelining: SETTINGS.poolPipelining });
  const inFlight = SETTINGS.poolConnections * SETTINGS.poolPipelining;
  const path = `/v2/acts/${actorId}`;
  const headers = { authorization: `Bearer ${TOKEN}` };
  const hammer = async (durationMs: number): Promise<{ ok: number; errors: number }> => {
    const deadline = performance.now() + durationMs;
    let ok = 0;
    let errors = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (performance.now() < deadline) {
          const res = await pool.request({ method: 'GET', path, headers });
          await res.body.dump();
          if (res.statusCode === 200) ok += 1;
          else errors += 1;
        }
      }),
    );
    return { ok, errors };
  };
  await hammer(1_000); // warm-up: JIT and connections
  const rounds: ThroughputRound[] = [];
  for (let round = 0; round < SETTINGS.throughputRounds; round += 1) {
    const cpuBefore = cpuSeconds(serverPid);
    const started = performance.now();
    const { ok, errors } = await hammer(SETTINGS.throughputSeconds * 1000);
    const seconds = (performance.now() - started) / 1000;
    const serverCpu = cpuSeconds(serverPid) - cpuBefore;
    rounds.push({
      requestsPerSecond: Math.round(ok / seconds),
      serverCpuSeconds: Math.round(serverCpu * 100) / 100,
      requestsPerCpuSecond: Math.round(ok / Math.max(serverCpu, 0.01)),
      errors,
    });
  }
  await pool.close();
  return { rounds, rps: summarize(rounds.map((r) => r.requestsPerSecond)), rpsPerCore: summarize(rounds.map((r) => r.requestsPerCpuSecond)) };
}

/** Waits until the process's RSS stops moving (start-up work done), then returns it. */
async function settledRss(pid: number): Promise<number> {
  let previous = rssBytes(pid);
  for (let i = 0; i < 20; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const current = rssBytes(pid);
    if (Math.abs(current - previous) < MB) return current;
    previous = current;
  }
  return previous;
}

export async function benchEmulator(): Promise<Record<string, unknown>> {
  const emulator = await startEmulatorProcess();
  try {
    const base = emulator.url;
    const idleRss = await settledRss(emulator.serverPid);
    const idleTreeRss = processTree(emulator.npmPid).reduce((sum, pid) => sum + rssBytes(pid), 0);

    const trivialActor = await createBuiltActor(base, 'trivial.js');
    const scriptedActor = await createBuiltActor(base, 'scripted.js');

    const runLatency = await measureRunLatency(base, trivialActor);
    const concurrent = await measureConcurrentRuns(base, scriptedActor);
    const throughput = await measureThroughput(base, trivialActor, emulator.serverPid);
    const rssAfterWork = await settledRss(emulator.serverPid);

    return {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryMb: Math.round(totalmem() / MB), node: process.version },
      emulatorProcess: { started: 'npm run emulator', serverCommand: commandLine(emulator.serverPid) },
      settings: SETTINGS,
      targets: TARGETS,
      idleMemory: {
        serverRssMb: Math.round(idleRss / MB),
        wholeTreeRssMb: Math.round(idleTreeRss / MB),
        serverRssAfterWorkloadMb: Math.round(rssAfterWork / MB),
        pass: idleRss / MB < TARGETS.idleRssMb,
      },
      trivialRun: {
        what: 'POST /v2/acts/{id}/runs?waitForFinish=60 until SUCCEEDED, measured by the client; server = finishedAt - startedAt',
        clientMs: runLatency.client,
        serverMs: runLatency.server,
        pass: runLatency.client.median < TARGETS.runMedianMs,
      },
      concurrentRuns: {
        what: `${TARGETS.concurrentRuns} runs started at once, each checked for its own OUTPUT`,
        wallMs: concurrent.wallMs,
        correctPerRound: concurrent.correct,
        pass: concurrent.correct.every((count) => count === TARGETS.concurrentRuns),
      },
      getActorThroughput: {
        what: `GET /v2/acts/{id}, rate limiting off, undici Pool ${SETTINGS.poolConnections} connections x ${SETTINGS.poolPipelining} pipelined from this process; the emulator runs in its own process (one event loop = one core)`,
        rounds: throughput.rounds,
        requestsPerSecond: throughput.rps,
        requestsPerServerCpuSecond: throughput.rpsPerCore,
        pass: throughput.rps.median >= TARGETS.requestsPerSecondPerCore,
      },
    };
  } finally {
    await stopEmulatorProcess(emulator);
  }
}

function printTable(report: Record<string, unknown>): void {
  const r = report as {
    idleMemory: { serverRssMb: number; wholeTreeRssMb: number; serverRssAfterWorkloadMb: number; pass: boolean };
    trivialRun: { clientMs: Summary; serverMs: Summary; pass: boolean };
    concurrentRuns: { wallMs: Summary; correctPerRound: number[]; pass: boolean };
    getActorThroughput: { requestsPerSecond: Summary; requestsPerServerCpuSecond: Summary; pass: boolean };
  };
  const spread = (s: Summary, unit: string) => `${s.median} ${unit} (p10 ${s.p10}, p90 ${s.p90}, min ${s.min}, max ${s.max}, n=${s.samples})`;
  const rows: Array<[string, string, string, boolean]> = [
    [
      'idle RSS, emulator process',
      `${r.idleMemory.serverRssMb} MB (npm+tsx tree ${r.idleMemory.wholeTreeRssMb} MB; after workload ${r.idleMemory.serverRssAfterWorkloadMb} MB)`,
      `< ${TARGETS.idleRssMb} MB`,
      r.idleMemory.pass,
    ],
    ['trivial run start -> SUCCEEDED', spread(r.trivialRun.clientMs, 'ms'), `median < ${TARGETS.runMedianMs} ms`, r.trivialRun.pass],
    ['  same, server timestamps', spread(r.trivialRun.serverMs, 'ms'), '', r.trivialRun.pass],
    [
      `${TARGETS.concurrentRuns} concurrent runs, wall time`,
      `${spread(r.concurrentRuns.wallMs, 'ms')}; correct ${r.concurrentRuns.correctPerRound.join('/')}`,
      `all ${TARGETS.concurrentRuns} correct`,
      r.concurrentRuns.pass,
    ],
    ['GET actor, requests/s', spread(r.getActorThroughput.requestsPerSecond, 'req/s'), `>= ${TARGETS.requestsPerSecondPerCore}/s`, r.getActorThroughput.pass],
    ['  per server CPU-second', spread(r.getActorThroughput.requestsPerServerCpuSecond, 'req/s'), '', r.getActorThroughput.pass],
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  for (const [name, value, target, pass] of rows) {
    console.log(`${name.padEnd(width)}  ${value}${target ? `  [target ${target}: ${pass ? 'met' : 'NOT met'}]` : ''}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await benchEmulator();
  printTable(report);
  mkdirSync(new URL('../reports/', import.meta.url), { recursive: true });
  const out = new URL('../reports/bench-emulator.json', import.meta.url);
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten ${fileURLToPath(out)}`);
}
