import { type ConformanceConfig, configToEnvironment, loadConfig } from '../../../common/config.ts';
import { runNamePrefix } from '../../../common/fixtures/index.ts';
import { type ApiClient, createConfiguredClient } from '../../../common/http.ts';
import { startEmulator } from '../../../emulator/index.ts';

/** A recognisable token: a test greps every output for it. */
export const SECRET_TOKEN = 'SeCrEt-hooks-test-token-7d1c9e';

export interface EmulatorTarget {
  url: string;
  config: ConformanceConfig;
  /** The environment for runDredd or a Dredd process: this target and a fresh run id. */
  env: Record<string, string>;
  api: ApiClient;
  close(): Promise<void>;
}

/** An emulator with a short wait cap, and the matching suite configuration (CONFORMANCE_MAX_WAIT_SECS). */
export async function startEmulatorTarget(maxWaitSecs: number): Promise<EmulatorTarget> {
  const emulator = await startEmulator({ port: 0, maxWaitSecs, token: SECRET_TOKEN });
  const config = loadConfig({
    APIFY_API_BASE_URL: emulator.url,
    APIFY_TOKEN: SECRET_TOKEN,
    CONFORMANCE_MAX_WAIT_SECS: String(maxWaitSecs),
  });
  return { url: emulator.url, config, env: configToEnvironment(config), api: createConfiguredClient(config), close: () => emulator.close() };
}

/** The same target under a new run id, as each conformance run gets one; `baseUrl` may point at a proxy in front. */
export function freshRun(target: EmulatorTarget, baseUrl = target.url): { config: ConformanceConfig; env: Record<string, string> } {
  const config = loadConfig({ ...target.env, APIFY_API_BASE_URL: baseUrl, CONFORMANCE_RUN_ID: '' });
  return { config, env: configToEnvironment(config) };
}

/** Every actor of the token's user, as `id name` lines, sorted. */
export async function listActors(api: ApiClient): Promise<string[]> {
  const response = await api.request<{ data: { items: Array<{ id: string; name: string }> } }>({
    path: '/v2/acts',
    query: { my: 1, limit: 1000 },
  });
  if (response.status !== 200 || response.body === undefined) throw new Error(`listing actors answered HTTP ${response.status}`);
  return response.body.data.items.map((actor) => `${actor.id} ${actor.name}`).sort();
}

/** Actors whose names carry a run's prefix: what that run created and did not remove. */
export async function leftoversOf(api: ApiClient, config: ConformanceConfig): Promise<string[]> {
  return (await listActors(api)).filter((line) => line.split(' ')[1].startsWith(runNamePrefix(config)));
}
