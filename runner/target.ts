import { randomBytes } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import type { ConformanceConfig, Environment } from '../common/config.ts';
import { ApiNetworkError, createConfiguredClient } from '../common/http.ts';
import { ConfigError as EmulatorConfigError, startEmulator } from '../emulator/index.ts';
import type { Profile } from './profiles.ts';

/** The API under test: the embedded emulator or the target the user named. */
export interface Target {
  kind: 'embedded-emulator' | 'external';
  /** Settings the runner adds to the suite's environment for this target (URL, tokens, timing). */
  env: Record<string, string>;
  /** Throws TargetError unless the target answers and accepts the token. */
  checkReachable(config: ConformanceConfig): Promise<void>;
  close(): Promise<void>;
}

/** The target could not be used at all: the suite has no verdict on it. */
export class TargetError extends Error {
  override readonly name = 'TargetError';
}

/**
 * With APIFY_API_BASE_URL unset, starts the emulator through its public entry point on a free loopback port with the
 * profile's timing (the emulator profile: a 3 s cap, the documented rate limits) and a second user, and hands the suite
 * the matching APIFY_* and CONFORMANCE_* values. Otherwise uses the named target with the profile's timing, unless
 * CONFORMANCE_MAX_WAIT_SECS / CONFORMANCE_RUN_SYNC_MAX_WAIT_SECS / CONFORMANCE_RATE_LIMIT_RPS say otherwise.
 */
export async function openTarget(env: Environment, profile: Profile): Promise<Target> {
  const timing = {
    CONFORMANCE_MAX_WAIT_SECS: env.CONFORMANCE_MAX_WAIT_SECS?.trim() || String(profile.timing.maxWaitSecs),
    CONFORMANCE_RUN_SYNC_MAX_WAIT_SECS:
      env.CONFORMANCE_RUN_SYNC_MAX_WAIT_SECS?.trim() ||
      String(profile.timing.runSyncMaxWaitSecs ?? (env.CONFORMANCE_MAX_WAIT_SECS?.trim() || profile.timing.maxWaitSecs)),
    CONFORMANCE_RATE_LIMIT_RPS: env.CONFORMANCE_RATE_LIMIT_RPS?.trim() || String(profile.timing.rateLimitRps),
    CONFORMANCE_MAX_CONCURRENT_BUILDS: env.CONFORMANCE_MAX_CONCURRENT_BUILDS?.trim() || String(profile.limits?.concurrentBuilds ?? ''),
  };
  if (env.APIFY_API_BASE_URL?.trim()) return { kind: 'external', env: timing, checkReachable, close: async () => {} };

  // The user's APIFY_TOKEN, when set, becomes the emulator's token (so a run can be checked for leaks of a known token).
  const token = env.APIFY_TOKEN?.trim() || `embedded-${randomBytes(12).toString('hex')}`;
  const token2 = env.APIFY_TOKEN_2?.trim() || `embedded-${randomBytes(12).toString('hex')}`;
  const maxWaitSecs = Number(timing.CONFORMANCE_MAX_WAIT_SECS);
  const runSyncMaxWaitSecs = Number(timing.CONFORMANCE_RUN_SYNC_MAX_WAIT_SECS);
  const rateLimitDefault = Number(timing.CONFORMANCE_RATE_LIMIT_RPS);
  // A malformed timing setting is named by the configuration check that follows, not by the emulator.
  const valid = (n: number) => (Number.isSafeInteger(n) && n > 0 ? n : undefined);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator({
      host: '127.0.0.1',
      port: 0,
      token,
      username: 'conformance-user',
      token2,
      username2: 'conformance-user-2',
      maxWaitSecs: valid(maxWaitSecs),
      runSyncMaxWaitSecs: valid(runSyncMaxWaitSecs),
      rateLimitDefault: valid(rateLimitDefault),
      // The webhook retry clock scaled down (the platform waits about a minute), so retries are seen within a check.
      webhookRetryMs: 200,
    });
  } catch (error) {
    const why = error instanceof EmulatorConfigError ? error.message : error instanceof Error ? error.message : String(error);
    throw new TargetError(`the embedded emulator could not start: ${why}`);
  }
  return {
    kind: 'embedded-emulator',
    env: { ...timing, APIFY_API_BASE_URL: emulator.url, APIFY_TOKEN: token, APIFY_TOKEN_2: token2 },
    checkReachable,
    close: () => emulator.close(),
  };
}

// One cheap authenticated call: a target that does not answer, or rejects the token, cannot be judged at all. With
// CONFORMANCE_WAIT_FOR_TARGET_SECS (a server started just before the run), an unreachable target is asked again until then.
async function checkReachable(config: ConformanceConfig): Promise<void> {
  const api = createConfiguredClient(config, { timeoutMs: 15_000 });
  const probe = 'GET /v2/acts?limit=1';
  const deadline = Date.now() + config.waitForTargetSecs * 1000;
  for (;;) {
    try {
      const refused = (status: number) => status === 401 || status === 403;
      let response = await api.request({ method: 'GET', path: '/v2/acts', query: { limit: 1 } });
      // The docs allow the token as a Bearer header or as ?token=: a target that refuses one of the two still has its
      // rules judged (the auth checks fail it); only a token refused both ways is a wrong setting.
      if (refused(response.status)) response = await api.request({ method: 'GET', path: '/v2/acts', query: { limit: 1 }, auth: 'query' });
      if (refused(response.status)) {
        throw new TargetError(`${api.redactor.url(config.baseUrl)} rejected APIFY_TOKEN (${response.status} on ${probe}): check the token`);
      }
      return;
    } catch (error) {
      if (!(error instanceof ApiNetworkError)) throw error;
      if (Date.now() < deadline) {
        await setTimeout(REACHABLE_POLL_MS);
        continue;
      }
      const waited = config.waitForTargetSecs > 0 ? ` after ${config.waitForTargetSecs} s of trying` : '';
      throw new TargetError(
        `${api.redactor.url(config.baseUrl)} is unreachable${waited} (${probe}: ${error.attempts.at(-1)?.error ?? error.message}); check APIFY_API_BASE_URL`,
      );
    }
  }
}

const REACHABLE_POLL_MS = 250;
