import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../common/config.ts';
import { FixtureSession } from '../../common/fixtures/index.ts';
import { createConfiguredClient } from '../../common/http.ts';
import { startEmulator } from '../../emulator/index.ts';
import { startFirstBuildFailingProxy, startLoopbackProxy } from '../support/loopback-proxy.ts';

// The run's solo actor (common/fixtures/solo-actor.ts): one build per run, lent to one fixture session at a time, each
// holder told which runs the holders before it started.

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, maxWaitSecs: 2 });
  dir = await mkdtemp(path.join(tmpdir(), 'solo-actor-'));
});

afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

function session(fixtureDir: string | undefined, baseUrl = emulator.url): FixtureSession {
  const config = loadConfig({
    APIFY_API_BASE_URL: baseUrl,
    APIFY_TOKEN: emulator.options.token,
    CONFORMANCE_MAX_WAIT_SECS: '2',
    CONFORMANCE_RUN_ID: 'solot1',
    ...(fixtureDir === undefined ? {} : { CONFORMANCE_FIXTURE_DIR: fixtureDir }),
  });
  return new FixtureSession(createConfiguredClient(config), config);
}

describe('the solo actor', () => {
  it('is held by one session until its clean-up; the next holder gets the same actor and the runs started before', async () => {
    const first = session(dir);
    const second = session(dir);
    const held = await first.soloActor();
    const run = await held.startRun({ writeOutput: false });
    let lent = false;
    const waiting = second.soloActor().then((solo) => {
      lent = true;
      return solo;
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(lent).toBe(false);
    await first.cleanup();
    const next = await waiting;
    expect(next.actor.id).toBe(held.actor.id);
    expect(next.build.id).toBe(held.build.id);
    expect(held.earlierRuns).toEqual([]);
    expect(next.earlierRuns).toEqual([run.id]);
    await second.cleanup();
  }, 30_000);

  it('a set-up that fails gives the lease back', async () => {
    const failingDir = await mkdtemp(path.join(tmpdir(), 'solo-actor-'));
    const proxy = await startFirstBuildFailingProxy(emulator.url);
    try {
      await expect(session(failingDir, proxy.url).soloActor()).rejects.toThrow(/500/);
      const solo = await session(failingDir, proxy.url).soloActor();
      expect(solo.build.status).toBe('SUCCEEDED');
    } finally {
      await proxy.close();
      await rm(failingDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('a start that got no answer leaves the next holder not knowing the earlier runs', async () => {
    const ledgerDir = await mkdtemp(path.join(tmpdir(), 'solo-actor-'));
    let cut = false;
    const proxy = await startLoopbackProxy(emulator.url, async (incoming, forward) => {
      if (!cut && incoming.method === 'POST' && /\/runs(\?|$)/.test(incoming.url ?? '')) {
        cut = true;
        await forward();
        return { status: 502, headers: { 'content-type': 'text/plain' }, body: Buffer.from('bad gateway') };
      }
      return forward();
    });
    try {
      const first = session(ledgerDir, proxy.url);
      const held = await first.soloActor();
      await expect(held.startRun({ writeOutput: false })).rejects.toThrow(/502/);
      await first.cleanup();
      const next = await session(ledgerDir, proxy.url).soloActor();
      expect(next.earlierRuns).toBeUndefined();
    } finally {
      await proxy.close();
      await rm(ledgerDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('without a fixture folder, each session builds one of its own', async () => {
    const [a, b] = [session(undefined), session(undefined)];
    const [soloA, soloB] = await Promise.all([a.soloActor(), b.soloActor()]);
    expect(soloA.actor.id).not.toBe(soloB.actor.id);
    expect(soloA.earlierRuns).toEqual([]);
    await Promise.all([a.cleanup(), b.cleanup()]);
  }, 30_000);
});
