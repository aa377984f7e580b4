// Test data and the lifecycle steps most tests need: actors made from the sources in ../actors/, builds, runs,
// waiting for a job to end (with the server's waitForFinish, never with fixed sleeps) and reading run storages.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { TestEmulator } from './emulator.ts';
import { type ApiClient, type ApiResponse, dataOf, type QueryValue } from './http.ts';
import { type Actor, type Build, type EnvVar, type JobStatus, type Run, type SourceFile, TERMINAL_STATUSES, type Version } from './types.ts';

export type TestActorSource = 'scripted' | 'env-dump' | 'trivial' | 'syntax-error' | 'apify-sdk';

export function actorSource(name: TestActorSource): string {
  return readFileSync(new URL(`../actors/${name}.js`, import.meta.url), 'utf8');
}

/** The source files of a test actor as a Node.js project: main.js plus a package.json that starts it. */
export function sourceFilesOf(name: TestActorSource): SourceFile[] {
  // The SDK actor is an ES module with the apify dependency, like the platform's Node.js templates.
  const sdkFields = name === 'apify-sdk' ? { type: 'module', dependencies: { apify: '^3.0.0' } } : {};
  const packageJson = { name: `test-actor-${name}`, version: '0.0.1', main: 'main.js', ...sdkFields, scripts: { start: 'node main.js' } };
  return [
    { name: 'main.js', format: 'TEXT', content: actorSource(name) },
    { name: 'package.json', format: 'TEXT', content: JSON.stringify(packageJson, null, 2) },
  ];
}

let nameCounter = 0;

/** A name that is unique within the test process and valid as an actor name (lowercase, digits, dashes). */
export function uniqueName(prefix = 'test-actor'): string {
  nameCounter += 1;
  return `${prefix}-${process.pid.toString(36)}-${Date.now().toString(36)}-${nameCounter}`;
}

export interface VersionOptions {
  versionNumber?: string;
  buildTag?: string;
  envVars?: EnvVar[];
}

export function sourceFilesVersion(source: TestActorSource, options: VersionOptions = {}): Partial<Version> {
  return {
    versionNumber: options.versionNumber ?? '0.0',
    sourceType: 'SOURCE_FILES',
    buildTag: options.buildTag ?? 'latest',
    sourceFiles: sourceFilesOf(source),
    ...(options.envVars ? { envVars: options.envVars } : {}),
  };
}

export async function createActor(api: ApiClient, body: Record<string, unknown>): Promise<Actor> {
  return dataOf<Actor>(await api.post('/v2/acts', body), 201);
}

export async function createSourceActor(api: ApiClient, source: TestActorSource, options: VersionOptions = {}): Promise<Actor> {
  return createActor(api, { name: uniqueName(source), versions: [sourceFilesVersion(source, options)] });
}

/** An actor whose Dockerfile runs `sleepSteps` (seconds each, e.g. `['1', '0.5']`): a build slow by construction. */
export async function createSlowBuildActor(api: ApiClient, sleepSteps: string[]): Promise<Actor> {
  const steps = sleepSteps.map((secs) => `RUN sleep ${secs}\n`).join('');
  const files = [
    { name: 'main.js', format: 'TEXT', content: "console.log('slow build');\n" },
    { name: 'Dockerfile', format: 'TEXT', content: `FROM apify/actor-node:20\nCOPY . ./\n${steps}CMD ["node", "main.js"]\n` },
  ];
  return createActor(api, {
    name: uniqueName('slow-build'),
    versions: [{ versionNumber: '0.0', sourceType: 'SOURCE_FILES', buildTag: 'latest', sourceFiles: files }],
  });
}

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

type JobKind = 'run' | 'build';

function jobPath(kind: JobKind, id: string): string {
  return kind === 'run' ? `/v2/actor-runs/${id}` : `/v2/actor-builds/${id}`;
}

/** Waits for a run or build to reach a terminal status by repeating GET with waitForFinish at the emulator's cap. */
export async function waitForJob<T extends Run | Build>(emu: TestEmulator, kind: JobKind, id: string, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = dataOf<T>(await emu.api.get(jobPath(kind, id), { waitForFinish: emu.maxWaitSecs }));
    if (isTerminal(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`${kind} ${id} still ${job.status} after ${timeoutMs} ms`);
  }
}

/** Polls a job without waitForFinish until the predicate holds; used to catch transient statuses such as RUNNING. */
export async function pollJob<T extends Run | Build>(emu: TestEmulator, kind: JobKind, id: string, until: (job: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = dataOf<T>(await emu.api.get(jobPath(kind, id)));
    if (until(job)) return job;
    if (Date.now() > deadline) throw new Error(`${kind} ${id} did not reach the awaited state in ${timeoutMs} ms; last status ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function startBuild(emu: TestEmulator, actorId: string, query: Record<string, QueryValue> = {}): Promise<Build> {
  return dataOf<Build>(await emu.api.post(`/v2/acts/${actorId}/builds`, undefined, { version: '0.0', ...query }), 201);
}

/** Builds a version and waits for the build; fails the test unless it SUCCEEDED. */
export async function buildActor(emu: TestEmulator, actorId: string, query: Record<string, QueryValue> = {}): Promise<Build> {
  const started = await startBuild(emu, actorId, query);
  const build = await waitForJob<Build>(emu, 'build', started.id);
  expect(build.status, `build ${build.id} of actor ${actorId} should succeed`).toBe('SUCCEEDED');
  return build;
}

/** Creates an actor from a test source, builds version 0.0 and returns both. */
export async function createBuiltActor(emu: TestEmulator, source: TestActorSource, options: VersionOptions = {}): Promise<{ actor: Actor; build: Build }> {
  const actor = await createSourceActor(emu.api, source, options);
  const build = await buildActor(emu, actor.id);
  return { actor, build };
}

export interface RunStart {
  input?: unknown;
  query?: Record<string, QueryValue>;
  api?: ApiClient;
}

export async function startRunResponse(emu: TestEmulator, actorId: string, start: RunStart = {}): Promise<ApiResponse> {
  const api = start.api ?? emu.api;
  return api.post(`/v2/acts/${actorId}/runs`, start.input, start.query);
}

export async function startRun(emu: TestEmulator, actorId: string, start: RunStart = {}): Promise<Run> {
  return dataOf<Run>(await startRunResponse(emu, actorId, start), 201);
}

/** Starts a run and waits for it to end. */
export async function runToEnd(emu: TestEmulator, actorId: string, start: RunStart = {}): Promise<Run> {
  const run = await startRun(emu, actorId, start);
  return waitForJob<Run>(emu, 'run', run.id);
}

export function recordPath(storeId: string, key: string): string {
  return `/v2/key-value-stores/${storeId}/records/${encodeURIComponent(key)}`;
}

export async function getRecord(emu: TestEmulator, storeId: string, key: string): Promise<ApiResponse> {
  return emu.api.get(recordPath(storeId, key));
}

/** Reads a JSON record, failing the test if it is missing. */
export async function getJsonRecord<T>(emu: TestEmulator, storeId: string, key: string): Promise<T> {
  const res = await getRecord(emu, storeId, key);
  expect(res.status, `record ${key} of store ${storeId}: ${res.request} answered ${res.status}: ${res.text.slice(0, 300)}`).toBe(200);
  return JSON.parse(res.text) as T;
}

export async function getDatasetItems<T>(emu: TestEmulator, datasetId: string, query: Record<string, QueryValue> = {}): Promise<T[]> {
  const res = await emu.api.get(`/v2/datasets/${datasetId}/items`, query);
  expect(res.status, `${res.request} answered ${res.status}: ${res.text.slice(0, 300)}`).toBe(200);
  return JSON.parse(res.text) as T[];
}

/** Waits until the scripted actor has stored its PID record (input recordPid: true) and returns the PID. */
export async function waitForPid(emu: TestEmulator, run: Pick<Run, 'id' | 'defaultKeyValueStoreId'>, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await getRecord(emu, run.defaultKeyValueStoreId, 'PID');
    if (res.status === 200) return (JSON.parse(res.text) as { pid: number }).pid;
    if (Date.now() > deadline) throw new Error(`run ${run.id} stored no PID record in ${timeoutMs} ms (last answer ${res.status})`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Polls until the process is gone; returns false if it is still alive after the timeout. */
export async function waitForProcessExit(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

export function webhooksParam(webhooks: unknown[]): string {
  return Buffer.from(JSON.stringify(webhooks)).toString('base64');
}

const STATUS_STAGE: Record<JobStatus, number> = {
  READY: 0,
  RUNNING: 1,
  'TIMING-OUT': 2,
  ABORTING: 2,
  SUCCEEDED: 3,
  FAILED: 3,
  'TIMED-OUT': 3,
  ABORTED: 3,
};

/** Polls a job without waitForFinish until it ends and returns the distinct statuses seen, in order. */
export async function observeStatuses(emu: TestEmulator, kind: JobKind, id: string, timeoutMs = 30_000): Promise<JobStatus[]> {
  const seen: JobStatus[] = [];
  await pollJob<Run | Build>(
    emu,
    kind,
    id,
    (job) => {
      if (seen.at(-1) !== job.status) seen.push(job.status);
      return isTerminal(job.status);
    },
    timeoutMs,
  );
  return seen;
}

/** True when the statuses never move backwards in READY -> RUNNING -> (TIMING-OUT | ABORTING) -> terminal. */
export function isForwardOnly(statuses: JobStatus[]): boolean {
  return statuses.every((status, index) => index === 0 || STATUS_STAGE[status] > STATUS_STAGE[statuses[index - 1]]);
}

export async function getText(emu: TestEmulator, path: string): Promise<string> {
  const res = await emu.api.get(path);
  expect(res.status, `${res.request} answered ${res.status}: ${res.text.slice(0, 300)}`).toBe(200);
  return res.text;
}
