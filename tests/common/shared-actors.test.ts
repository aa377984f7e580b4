import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../common/config.ts';
import { BUILD_LEDGER, FixtureSession } from '../../common/fixtures/index.ts';
import { createConfiguredClient } from '../../common/http.ts';
import { startEmulator } from '../../emulator/index.ts';
import { startFirstBuildFailingProxy } from '../support/loopback-proxy.ts';

// The run's shared actors (common/fixtures/shared-actors.ts): several processes asking for one recipe at once get one
// actor and one build between them, and a failed attempt is not handed to the next caller.

const run = promisify(execFile);
let emulator: Awaited<ReturnType<typeof startEmulator>>;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, maxWaitSecs: 2 });
});

afterAll(async () => {
  await emulator?.close();
});

async function ledgerLines(): Promise<string[]> {
  return (await readFile(path.join(dir, BUILD_LEDGER), 'utf8').catch(() => '')).split('\n').filter((line) => line !== '');
}

function environment(baseUrl: string) {
  return {
    APIFY_API_BASE_URL: baseUrl,
    APIFY_TOKEN: emulator.options.token,
    CONFORMANCE_MAX_WAIT_SECS: '2',
    CONFORMANCE_RUN_ID: 'sharedt1',
    CONFORMANCE_FIXTURE_DIR: dir,
  };
}

describe('shared actors', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'shared-actors-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('three processes asking for one recipe at once share one actor and one build', async () => {
    const script = [
      "import { loadConfig } from './common/config.ts';",
      "import { FixtureSession } from './common/fixtures/index.ts';",
      "import { createConfiguredClient } from './common/http.ts';",
      'const config = loadConfig();',
      'const { actor, build } = await new FixtureSession(createConfiguredClient(config), config).sharedActor();',
      'console.log(JSON.stringify({ actor: actor.id, build: build.id, status: build.status }));',
    ].join('\n');
    const env = { ...process.env, ...environment(emulator.url) };
    const outputs = await Promise.all(
      [1, 2, 3].map(() => run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), env })),
    );
    const made = outputs.map((output) => JSON.parse(output.stdout.trim()) as { actor: string; build: string; status: string });
    expect(new Set(made.map((m) => m.actor)).size).toBe(1);
    expect(made.every((m) => m.build === made[0]!.build && m.status === 'SUCCEEDED')).toBe(true);
    expect(await ledgerLines()).toEqual([`${made[0]!.build} fixture`]);
  }, 60_000);

  it('a failure another process publishes reaches the callers waiting for it, as the same kind of error; a later caller builds', async () => {
    const config = loadConfig({ ...environment(emulator.url), CONFORMANCE_RUN_ID: 'sharedt3' });
    const recipe = { name: 'published' };
    const base = path.join(dir, `actor-published-${createHash('sha256').update('null').digest('hex').slice(0, 8)}`);
    // Another process (this one's pid: alive) holds the recipe's lock, as while it builds.
    await mkdir(`${base}.lock`);
    await writeFile(path.join(`${base}.lock`, 'pid'), String(process.pid));
    const waiting = new FixtureSession(createConfiguredClient(config), config).sharedActor(recipe);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await writeFile(`${base}.failed.json`, JSON.stringify({ at: Date.now(), name: 'Inconclusive', message: 'the quota stayed full' }));
    await rm(`${base}.lock`, { recursive: true });
    const error = await waiting.catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ name: 'Inconclusive', message: 'the quota stayed full' });
    const { build } = await new FixtureSession(createConfiguredClient(config), config).sharedActor(recipe);
    expect(build.status).toBe('SUCCEEDED');
  }, 30_000);

  it('a failed attempt reaches its callers only: the next caller builds again', async () => {
    const proxy = await startFirstBuildFailingProxy(emulator.url);
    try {
      const config = loadConfig({ ...environment(proxy.url), CONFORMANCE_RUN_ID: 'sharedt2' });
      const fixtures = new FixtureSession(createConfiguredClient(config), config);
      const recipe = { name: 'retried' };
      await expect(fixtures.sharedActor(recipe)).rejects.toThrow(/500/);
      const { build } = await fixtures.sharedActor(recipe);
      expect(build.status).toBe('SUCCEEDED');
    } finally {
      await proxy.close();
    }
  }, 30_000);
});
