import { randomBytes } from 'node:crypto';
import { startEmulator } from '../emulator/index.ts';
import type { Environment } from '../common/config.ts';
import { createApiClient, ApiNetworkError } from '../common/http.ts';
import { createRedactor } from '../common/redact.ts';
import type { Profile } from './profiles.ts';

/** The API under test: the embedded emulator or the target the user named. */
export interface Target {
  kind: 'embedded-emulator' | 'external';
  baseUrl: string;
  /** Settings the runner adds to the suite's environment for this target (URL, tokens, timing). */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** The target could not be used at all: the suite has no verdict on it. */
export class TargetError extends Error {
  override readonly name = 'TargetError';
}

/**
 * With APIFY_API_BASE_URL unset, starts the emulator through its public entry point on a free loopback port with the
 * emulator profile's fast timing, and hands the suite the matching CONFORMANCE_* values. Otherwise checks that the
 * named target answers and accepts the token.
 */
export async function openTarget(env: Environment, profile: Profile): Promise<Target> {
  const timing = {
    CONFORMANCE_MAX_WAIT_SECS: env.CONFORMANCE_MAX_WAIT_SECS?.trim() || String(profile.timing.maxWaitSecs),
    CONFORMANCE_RATE_LIMIT_RPS: env.CONFORMANCE_RATE_LIMIT_RPS?.trim() || String(profile.timing.rateLimitRps),
  };
  const baseUrl = env.APIFY_API_BASE_URL?.trim();
  if (baseUrl) {
    const target: Target = { kind: 'external', baseUrl, env: timing, close: async () => {} };
    if (env.APIFY_TOKEN?.trim()) await checkReachable(baseUrl, env.APIFY_TOKEN.trim());
    return target;
  }
  // The user's APIFY_TOKEN, when set, becomes the emulator's token (so a run can be checked for leaks of a known token).
  const token = env.APIFY_TOKEN?.trim() || `embedded-${randomBytes(12).toString('hex')}`;
  const token2 = env.APIFY_TOKEN_2?.trim() || `embedded-${randomBytes(12).toString('hex')}`;
  const emulator = await startEmulator({
    host: '127.0.0.1',
    port: 0,
    token,
    username: 'conformance-user',
    token2,
    username2: 'conformance-user-2',
    maxWaitSecs: Number(timing.CONFORMANCE_MAX_WAIT_SECS),
    rateLimitDefault: Number(timing.CONFORMANCE_RATE_LIMIT_RPS),
  });
  return {
    kind: 'embedded-emulator',
    baseUrl: emulator.url,
    env: { ...timing, APIFY_API_BASE_URL: emulator.url, APIFY_TOKEN: token, APIFY_TOKEN_2: token2 },
    close: () => emulator.close(),
  };
}

async function checkReachable(baseUrl: string, token: string): Promise<void> {
  const api = createApiClient({ baseUrl, token, redactor: createRedactor([token]), timeoutMs: 15_000 });
  try {
    const response = await api.request({ method: 'GET', path: '/v2/acts', query: { limit: 1 } });
    if (response.status === 401) {
      throw new TargetError(`${baseUrl} rejected APIFY_TOKEN (401 on GET /v2/acts?limit=1): check the token`);
    }
  } catch (error) {
    if (error instanceof ApiNetworkError) {
      throw new TargetError(`${baseUrl} is unreachable (GET /v2/acts?limit=1: ${error.message}); check APIFY_API_BASE_URL`);
    }
    throw error;
  }
}
