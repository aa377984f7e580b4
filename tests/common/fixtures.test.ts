import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../common/config.ts';
import { FixtureSession, runNamePrefix } from '../../common/fixtures/index.ts';
import { type ApiClient, createConfiguredClient } from '../../common/http.ts';
import { startEmulator } from '../../emulator/index.ts';

// The fixture API against the emulator: what it creates is real (built, run, observable through the API), and
// cleanup removes exactly that, twice over if asked, and nothing else.

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let api: ApiClient;
let config: ReturnType<typeof loadConfig>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, maxWaitSecs: 2 });
  config = loadConfig({ APIFY_API_BASE_URL: emulator.url, APIFY_TOKEN: emulator.options.token, CONFORMANCE_MAX_WAIT_SECS: '2' });
  api = createConfiguredClient(config);
});

afterAll(async () => {
  await emulator?.close();
});

async function actorNames(): Promise<string[]> {
  const response = await api.request<{ data: { items: Array<{ name: string }> } }>({ path: '/v2/acts', query: { my: 1 } });
  return (response.body?.data.items ?? []).map((actor) => actor.name);
}

describe('FixtureSession', () => {
  it('creates, builds and runs the fixture actor, whose behaviour follows its input', async () => {
    const fixtures = new FixtureSession(api, config);
    try {
      const actor = await fixtures.createActor('lifecycle');
      expect(actor.name.startsWith(`${runNamePrefix(config)}lifecycle-`)).toBe(true);
      const build = await fixtures.buildActor(actor.id);
      expect(build.status).toBe('SUCCEEDED');

      const run = await fixtures.startRun(actor.id, { output: { answer: 42 }, items: [{ n: 1 }, { n: 2 }] }, { build: build.buildNumber });
      const finished = await fixtures.waitForRun(actor.id, run.id);
      expect(finished.status).toBe('SUCCEEDED');
      const output = await api.request({ path: `/v2/key-value-stores/${String(finished.defaultKeyValueStoreId)}/records/OUTPUT` });
      expect(output.body).toEqual({ answer: 42 });
      const items = await api.request({ path: `/v2/datasets/${String(finished.defaultDatasetId)}/items` });
      expect(items.body).toEqual([{ n: 1 }, { n: 2 }]);

      const failing = await fixtures.startRun(actor.id, { exitCode: 3 });
      expect((await fixtures.waitForRun(actor.id, failing.id)).status).toBe('FAILED');

      const sleeping = await fixtures.startRun(actor.id, { sleepMillis: 60_000 });
      const running = await fixtures.waitForRun(actor.id, sleeping.id, { until: (job) => job.status === 'RUNNING' });
      expect(running.status).toBe('RUNNING');
    } finally {
      const report = await fixtures.cleanup();
      expect(report.failures).toEqual([]);
      expect(report.aborted).toHaveLength(1);
    }
  }, 60_000);

  it('uses fixture-defaults.json when a run has no input', async () => {
    const fixtures = new FixtureSession(api, config);
    try {
      const actor = await fixtures.createActor('defaults', { versions: [fixtures.version('0.0', { defaults: { exitCode: 2 } })] });
      await fixtures.buildActor(actor.id);
      const response = await api.request({ method: 'POST', path: `/v2/acts/${actor.id}/runs` });
      expect(response.status).toBe(201);
      const run = (response.body as { data: { id: string } }).data;
      const finished = await fixtures.waitForRun(actor.id, run.id);
      expect(finished).toMatchObject({ status: 'FAILED', exitCode: 2 });
    } finally {
      expect((await fixtures.cleanup()).failures).toEqual([]);
    }
  }, 60_000);

  it('cleans up everything it created, actors last, safely twice, sweeping untracked actors of its scope only', async () => {
    const fixtures = new FixtureSession(api, config, { scope: 'swept' });
    const scoped = { ...config, scope: 'swept' };
    // Named for this run but outside the scope: another process of the run (a suite file) may still be using it.
    const sibling = await api.request({ method: 'POST', path: '/v2/acts', body: { name: `${runNamePrefix(config)}sibling` } });
    expect(sibling.status).toBe(201);
    const bystander = await api.request({ method: 'POST', path: '/v2/acts', body: { name: 'not-ours-actor' } });
    expect(bystander.status).toBe(201);
    // Created outside the session but named for its scope (as a replayed Create actor request would be).
    const untracked = await api.request({ method: 'POST', path: '/v2/acts', body: { name: `${runNamePrefix(scoped)}untracked` } });
    expect(untracked.status).toBe(201);

    const actor = await fixtures.createActor('cleanup');
    await fixtures.buildActor(actor.id);
    const run = await fixtures.startRun(actor.id, { sleepMillis: 60_000 });
    await fixtures.waitForRun(actor.id, run.id, { until: (job) => job.status === 'RUNNING' });

    const [first, second] = await Promise.all([fixtures.cleanup(), fixtures.cleanup()]);
    expect(second).toBe(first);
    expect(first.failures).toEqual([]);
    expect(first.aborted).toEqual([`run ${run.id}`]);
    expect(first.deleted).toEqual(expect.arrayContaining([expect.stringContaining(actor.id), expect.stringContaining('untracked')]));
    expect(fixtures.registry.pending).toBe(0);

    const names = await actorNames();
    expect(names).toContain('not-ours-actor');
    expect(names.filter((name) => name.startsWith(runNamePrefix(scoped)))).toEqual([]);
    expect(names).toContain(`${runNamePrefix(config)}sibling`);
    const aborted = await api.request<{ data: { status: string } }>({ path: `/v2/actor-runs/${run.id}` });
    expect([404, 200]).toContain(aborted.status);
    if (aborted.status === 200) expect(aborted.body?.data.status).toBe('ABORTED');

    const again = await fixtures.cleanup();
    expect(again).toEqual({ aborted: [], deleted: [], failures: [] });
  }, 60_000);
});
