import { configToEnvironment, loadConfig } from '../../../common/config.ts';
import { type EmulatorOptions, startEmulator } from '../../../emulator/index.ts';

/** Recognisable tokens of the emulator's two users. */
export const TOKENS = { main: 'suites-proof-token-user-1', second: 'suites-proof-token-user-2' } as const;
/** The fast profile: a 3 s wait cap and the documented 30 requests per second. */
export const MAX_WAIT_SECS = 3;
export const RATE_LIMIT_RPS = 30;

export interface EmbeddedTarget {
  url: string;
  /** The suites' settings for a target at `baseUrl` (default: the emulator itself), with a fresh run id. */
  env(baseUrl?: string, extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

/** An emulator with a second user, the fast wait cap and the documented rate limit, as the emulator profile runs it. */
export async function startEmbeddedTarget(overrides: Partial<EmulatorOptions> = {}): Promise<EmbeddedTarget> {
  const emulator = await startEmulator({
    port: 0,
    maxWaitSecs: MAX_WAIT_SECS,
    rateLimitDefault: RATE_LIMIT_RPS,
    token: TOKENS.main,
    token2: TOKENS.second,
    username2: 'suites-proof-user-2',
    faults: [],
    variations: [],
    ...overrides,
  });
  return {
    url: emulator.url,
    env: (baseUrl = emulator.url, extra = {}) =>
      configToEnvironment(
        loadConfig({
          APIFY_API_BASE_URL: baseUrl,
          APIFY_TOKEN: TOKENS.main,
          APIFY_TOKEN_2: TOKENS.second,
          CONFORMANCE_MAX_WAIT_SECS: String(MAX_WAIT_SECS),
          CONFORMANCE_RATE_LIMIT_RPS: String(RATE_LIMIT_RPS),
          ...extra,
        }),
      ),
    close: () => emulator.close(),
  };
}
