import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_ACTOR_DIR, fixtureSourceFiles, fixtureVersion } from '../../common/fixtures/actor-source.ts';

// The fixture actor (common/fixtures/actor/main.js) run as a plain `node main.js` child, as the emulator and the platform
// start it, against a loopback stand-in for the storage API that records what the actor did.

const TOKEN = 'fixture-actor-test-token';

interface StorageCall {
  at: number;
  method: string;
  path: string;
  contentType?: string;
  authorization?: string;
  body: string;
}

let server: Server;
let baseUrl: string;
let records: Map<string, { contentType: string; body: string }>;
let calls: StorageCall[];
/** How many of the next writes (PUT/POST) the storage refuses with 429. */
let refuseWrites = 0;
let workDir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      calls.push({
        at: performance.now(),
        method: req.method ?? '',
        path: url.pathname,
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
        body,
      });
      const record = /^\/v2\/key-value-stores\/([^/]+)\/records\/([^/]+)$/.exec(url.pathname);
      if (record && req.method === 'GET') {
        const stored = records.get(decodeURIComponent(record[2]));
        if (!stored) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end('{"error":{"type":"record-not-found","message":"Record was not found"}}');
          return;
        }
        res.writeHead(200, { 'content-type': stored.contentType });
        res.end(stored.body);
        return;
      }
      if (refuseWrites > 0) {
        refuseWrites -= 1;
        res.writeHead(429, { 'content-type': 'application/json' });
        res.end('{"error":{"type":"rate-limit-exceeded","message":"Too many requests"}}');
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  workDir = await mkdtemp(path.join(tmpdir(), 'fixture-actor-'));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(workDir, { recursive: true, force: true });
});

/** Copies the actor's files (plus extras) into a fresh folder and runs it; resolves with its exit code and duration. */
async function runActor(options: {
  input?: unknown;
  inputKey?: string;
  env?: Record<string, string>;
  extraFiles?: Record<string, string>;
}): Promise<{ exitCode: number | null; durationMs: number; log: string }> {
  records = new Map();
  calls = [];
  const inputKey = options.inputKey ?? 'INPUT';
  if (options.input !== undefined) records.set(inputKey, { contentType: 'application/json; charset=utf-8', body: JSON.stringify(options.input) });
  const dir = await mkdtemp(path.join(workDir, 'run-'));
  await copyFile(path.join(FIXTURE_ACTOR_DIR, 'main.js'), path.join(dir, 'main.js'));
  for (const [name, content] of Object.entries(options.extraFiles ?? {})) await writeFile(path.join(dir, name), content);
  const env = options.env ?? {
    APIFY_API_BASE_URL: baseUrl,
    APIFY_TOKEN: TOKEN,
    APIFY_DEFAULT_KEY_VALUE_STORE_ID: 'store0000000000001',
    APIFY_DEFAULT_DATASET_ID: 'dataset00000000001',
    APIFY_INPUT_KEY: inputKey,
  };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(dir, 'main.js')], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, durationMs: performance.now() - started, log }));
  });
}

const puts = () => calls.filter((c) => c.method === 'PUT');
const posts = () => calls.filter((c) => c.method === 'POST');

describe('fixture actor', () => {
  it('reads its input, pushes items, writes the output and exits with the requested code', async () => {
    const result = await runActor({ input: { output: { bar: 'foo' }, items: [{ n: 1 }, { n: 2 }], exitCode: 3, log: 'hello log' } });
    expect(result.exitCode).toBe(3);
    expect(result.log).toContain('hello log');
    expect(calls[0]).toMatchObject({ method: 'GET', path: '/v2/key-value-stores/store0000000000001/records/INPUT', authorization: `Bearer ${TOKEN}` });
    expect(posts()).toEqual([
      expect.objectContaining({ path: '/v2/datasets/dataset00000000001/items', body: '[{"n":1},{"n":2}]', contentType: 'application/json' }),
    ]);
    expect(puts()).toEqual([
      expect.objectContaining({ path: '/v2/key-value-stores/store0000000000001/records/OUTPUT', body: '{"bar":"foo"}', contentType: 'application/json' }),
    ]);
  });

  it('echoes its input as OUTPUT by default and succeeds', async () => {
    const result = await runActor({ input: { foo: 'bar' } });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(puts()[0].body)).toEqual({ foo: 'bar' });
  });

  it('honours outputKey, outputContentType and writeOutput', async () => {
    await runActor({ input: { output: 'plain text', outputKey: 'RESULT', outputContentType: 'text/plain' } });
    expect(puts()).toEqual([expect.objectContaining({ path: expect.stringMatching(/\/records\/RESULT$/), body: 'plain text', contentType: 'text/plain' })]);
    await runActor({ input: { writeOutput: false } });
    expect(puts()).toEqual([]);
  });

  it('sleeps for sleepMillis before writing anything', async () => {
    const result = await runActor({ input: { sleepMillis: 600 } });
    expect(result.exitCode).toBe(0);
    expect(result.durationMs).toBeGreaterThanOrEqual(600);
    const [readInput, writeOutput] = calls;
    expect(writeOutput.method).toBe('PUT');
    expect(writeOutput.at - readInput.at).toBeGreaterThanOrEqual(595);
  });

  it('uses fixture-defaults.json when the run has no input', async () => {
    const result = await runActor({ extraFiles: { 'fixture-defaults.json': JSON.stringify({ exitCode: 1, output: { failed: true } }) } });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(puts()[0].body)).toEqual({ failed: true });
  });

  it('reads the newer ACTOR_* variables and the metamorph input key', async () => {
    const result = await runActor({
      input: { output: 'after metamorph', outputContentType: 'text/plain' },
      inputKey: 'INPUT-METAMORPH-1',
      env: {
        APIFY_API_BASE_URL: `${baseUrl}/`,
        APIFY_TOKEN: TOKEN,
        ACTOR_DEFAULT_KEY_VALUE_STORE_ID: 'store0000000000002',
        ACTOR_DEFAULT_DATASET_ID: 'dataset00000000002',
        ACTOR_INPUT_KEY: 'INPUT-METAMORPH-1',
      },
    });
    expect(result.exitCode).toBe(0);
    expect(calls[0].path).toBe('/v2/key-value-stores/store0000000000002/records/INPUT-METAMORPH-1');
    expect(puts()[0].body).toBe('after metamorph');
  });

  it('runs unchanged when Node loads it as an ES module', async () => {
    const result = await runActor({ input: { exitCode: 4 }, extraFiles: { 'package.json': '{"type":"module"}' } });
    expect(result.exitCode).toBe(4);
    expect(puts()).toHaveLength(1);
  });

  it('backs off and tries again when the storage answers 429, as the platform SDK does, and still succeeds', async () => {
    refuseWrites = 2;
    const result = await runActor({ input: { items: [{ a: 1 }], output: 'done' } });
    expect(result.exitCode, result.log).toBe(0);
    const writes = calls.filter((call) => call.method !== 'GET');
    // POST items refused twice (waits of 500..1000 and 1000..2000 ms), then accepted; then one PUT.
    expect(writes.map((call) => call.method)).toEqual(['POST', 'POST', 'POST', 'PUT']);
    expect(writes[1]!.at - writes[0]!.at).toBeGreaterThanOrEqual(450);
    expect(writes[2]!.at - writes[1]!.at).toBeGreaterThanOrEqual(950);
  });

  it('fails (non-zero exit) when its storage is unreachable', async () => {
    const result = await runActor({ env: { APIFY_API_BASE_URL: 'http://127.0.0.1:9', APIFY_DEFAULT_KEY_VALUE_STORE_ID: 's' } });
    expect(result.exitCode).not.toBe(0);
    expect(result.log).toContain('Fixture actor crashed');
  });
});

describe('fixture version', () => {
  it('ships main.js, package.json and the Dockerfile as SOURCE_FILES, plus defaults when asked', () => {
    const version = fixtureVersion('1.0', { buildTag: 'beta', defaults: { exitCode: 1 } });
    expect(version).toMatchObject({ versionNumber: '1.0', sourceType: 'SOURCE_FILES', buildTag: 'beta' });
    expect(version.sourceFiles.map((f) => f.name)).toEqual(['main.js', 'package.json', 'Dockerfile', 'fixture-defaults.json']);
    expect(version.sourceFiles.find((f) => f.name === 'Dockerfile')?.content).toMatch(/^FROM apify\/actor-node:20$/m);
    expect(fixtureSourceFiles().map((f) => f.name)).toEqual(['main.js', 'package.json', 'Dockerfile']);
  });
});
