import { afterAll } from 'vitest';
import { loadConfig, type ConformanceConfig } from '../../common/config.ts';
import { FixtureSession } from '../../common/fixtures/index.ts';
import { createConfiguredClient, type ApiClient } from '../../common/http.ts';

/** What a suite file works with: the configuration, a client per user, and fixtures removed after the file. */
export interface SuiteTarget {
  config: ConformanceConfig;
  api: ApiClient;
  /** A client for the second user (APIFY_TOKEN_2), when one is configured. */
  api2: ApiClient | undefined;
  fixtures: FixtureSession;
}

/** Call once at the top of a suite file; registers the cleanup of everything the file creates. */
export function useTarget(): SuiteTarget {
  const config = loadConfig();
  const api = createConfiguredClient(config);
  const api2 = config.token2 ? createConfiguredClient(config, { token: config.token2 }) : undefined;
  const fixtures = new FixtureSession(api, config);
  afterAll(async () => {
    const report = await fixtures.cleanup();
    if (report.failures.length > 0) throw new Error(`Cleanup left resources on the target: ${report.failures.join('; ')}`);
  });
  return { config, api, api2, fixtures };
}

/** A 17-character id that no target has issued (ids are random alphanumerics; this one is all zeros). */
export const UNKNOWN_ID = '00000000000000000';
