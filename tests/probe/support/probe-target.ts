import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../common/config.ts';
import { FixtureSession } from '../../../common/fixtures/index.ts';
import { createConfiguredClient } from '../../../common/http.ts';
import { type EmulatorOptions, startEmulator } from '../../../emulator/index.ts';
import type { ProbeFacts } from '../../../probe/facts.ts';
import { probeMain } from '../../../probe/main.ts';

export const TOKEN = 'probe-test-token-user-1';

export interface ProbeOutcome {
  code: number;
  stdout: string;
  stderr: string;
  facts: ProbeFacts | undefined;
  /** The facts file as written, to look for what must never be in it. */
  factsText: string;
}

export interface ProbeTarget {
  url: string;
  /** Runs `npm run probe` in-process against this emulator, in a folder of its own; `profile` is written there first. */
  probe(args?: string[], profile?: object): Promise<ProbeOutcome>;
  /** Creates what the probe reads: an actor with a run still going, a store, a dataset, a queue, a task and a webhook. */
  seed(): Promise<void>;
  /** A client of the emulator's user, for looking at what the probe left. */
  api: ReturnType<typeof createConfiguredClient>;
  close(): Promise<void>;
}

/** An embedded emulator as the emulator profile describes it: a 3 s wait cap and the documented 30 requests per second. */
export async function startProbeTarget(overrides: Partial<EmulatorOptions> = {}): Promise<ProbeTarget> {
  const emulator = await startEmulator({
    port: 0,
    maxWaitSecs: 3,
    rateLimitDefault: 30,
    token: TOKEN,
    username: 'probe-user',
    token2: null,
    username2: null,
    faults: [],
    variations: [],
    ...overrides,
  });
  const env = { APIFY_API_BASE_URL: emulator.url, APIFY_TOKEN: TOKEN };
  const config = loadConfig({ ...env, CONFORMANCE_MAX_WAIT_SECS: '3', CONFORMANCE_RESOURCE_PREFIX: 'probe-seed-' });
  const api = createConfiguredClient(config);
  const fixtures = new FixtureSession(api, config);
  const folders: string[] = [];

  const probe = async (args: string[] = [], profile?: object): Promise<ProbeOutcome> => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'probe-test-'));
    folders.push(cwd);
    const profileArgs = profile === undefined ? [] : ['--profile', path.join(cwd, 'profile.json')];
    if (profile !== undefined) await writeFile(path.join(cwd, 'profile.json'), JSON.stringify(profile));
    let stdout = '';
    let stderr = '';
    const code = await probeMain([...profileArgs, '--out', 'facts.json', ...args], {
      env,
      cwd,
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
    });
    const factsText = await readFile(path.join(cwd, 'facts.json'), 'utf8').catch(() => '');
    return { code, stdout, stderr, factsText, facts: factsText === '' ? undefined : (JSON.parse(factsText) as ProbeFacts) };
  };

  const seed = async () => {
    const actor = await fixtures.createActor('probe');
    await fixtures.buildActor(actor.id);
    // Still going whenever the probe looks: its wait on this run shows the cap.
    await fixtures.startRun(actor.id, { sleepMillis: 600_000, writeOutput: false }, { timeoutSecs: 900 });
    const store = await fixtures.createStorage('key-value-stores', 'probe');
    await fixtures.putRecord(store.id, 'k', 'v', 'text/plain');
    const dataset = await fixtures.createStorage('datasets', 'probe');
    await fixtures.pushItems(dataset.id, [{ a: 1 }]);
    const queue = await fixtures.createRequestQueue('probe');
    await fixtures.addRequest(queue.id, { url: 'https://example.com/', uniqueKey: 'https://example.com/' });
    await fixtures.createTask(actor.id, 'probe');
    await fixtures.createWebhook({ eventTypes: ['ACTOR.RUN.SUCCEEDED'], condition: { actorId: actor.id }, requestUrl: 'https://example.com/hook' });
  };

  const close = async () => {
    await fixtures.cleanup();
    await emulator.close();
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  };
  return { url: emulator.url, probe, seed, api, close };
}
