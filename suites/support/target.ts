import { afterAll, beforeAll } from 'vitest';
import { loadConfig, type ConformanceConfig } from '../../common/config.ts';
import { FixtureSession, fixtureVersion, type ActorRecord, type FixtureInput } from '../../common/fixtures/index.ts';
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

/**
 * An actor running the fixture code, created and built once for the file (in beforeAll) and removed after it.
 * Read `.actor` inside checks, not at import time.
 */
export function useBuiltActor(target: SuiteTarget, purpose: string, options: { defaults?: FixtureInput } = {}): { readonly actor: ActorRecord } {
  const holder: { actor?: ActorRecord } = {};
  beforeAll(async () => {
    // Read-only mode creates nothing: the checks that would need this actor are skipped anyway.
    if (target.config.readOnly) return;
    const actor = await target.fixtures.createActor(purpose, { versions: [fixtureVersion('0.0', { defaults: options.defaults })] });
    await target.fixtures.buildActor(actor.id);
    holder.actor = actor;
  });
  return {
    get actor(): ActorRecord {
      if (!holder.actor) throw new Error(`The ${purpose} fixture actor was not created (see the beforeAll error)`);
      return holder.actor;
    },
  };
}
