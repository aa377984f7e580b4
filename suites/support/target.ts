import { afterAll } from 'vitest';
import { type ConformanceConfig, loadConfig } from '../../common/config.ts';
import { type ActorRecord, FixtureSession, PLAIN_RECIPE, type SharedActorRecipe, type SoloActor } from '../../common/fixtures/index.ts';
import { type ApiClient, createConfiguredClient } from '../../common/http.ts';
import { Inconclusive } from '../../common/inconclusive.ts';
import { withSchemaValidation } from './validating-client.ts';

/** What a suite file works with: the configuration, a client and fixtures per user, all removed after the file. */
export interface SuiteTarget {
  config: ConformanceConfig;
  api: ApiClient;
  fixtures: FixtureSession;
  /** The second user (APIFY_TOKEN_2), when one is configured. */
  second: { api: ApiClient; fixtures: FixtureSession } | undefined;
}

/** Call once at the top of a suite file; registers the clean-up of everything the file creates. */
export function useTarget(): SuiteTarget {
  const config = loadConfig();
  const { api, fixtures } = user(config, config.token);
  const second = config.token2 === undefined ? undefined : user(config, config.token2);
  afterAll(async () => {
    const reports = await Promise.all([fixtures.cleanup(), second?.fixtures.cleanup()]);
    const failures = reports.flatMap((report) => report?.failures ?? []);
    if (failures.length > 0) throw new Error(`Cleanup left resources on the target: ${failures.join('; ')}`);
  });
  return { config, api, fixtures, second };
}

/** One user's validating client and fixtures, whose clean-up talks through the client without validation (`cleanupApi`). */
function user(config: ConformanceConfig, token: string): { api: ApiClient; fixtures: FixtureSession } {
  const raw = createConfiguredClient(config, { token });
  const api = withSchemaValidation(raw);
  return { api, fixtures: new FixtureSession(api, config, { cleanupApi: raw }) };
}

/**
 * Set-up shared by the checks of one file, made by the first check that needs it and reused by the others. A check
 * that is skipped (selection, read-only mode) never pays for it, and a failure reaches every check that needed it.
 */
export function shared<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/**
 * The built actor the whole run shares (common/fixtures/shared-actors.ts), for checks that only run the fixture code:
 * one build per run instead of one per file. Its run list is everyone's, so a check never reads "the newest run" of it,
 * and never changes it.
 */
export function sharedActor(target: SuiteTarget, recipe: SharedActorRecipe = PLAIN_RECIPE): () => Promise<ActorRecord> {
  return shared(() => actorSetUp(`the shared "${recipe.name}" actor`, async () => (await target.fixtures.sharedActor(recipe)).actor));
}

/**
 * The run's solo actor (common/fixtures/solo-actor.ts), held by this file alone from its first use until its clean-up:
 * for checks that need the actor's runs to themselves (its run list, its last run, the webhooks on it). Start its runs
 * with its own `startRun`, so the files after this one know them.
 */
export function soloActor(target: SuiteTarget): () => Promise<SoloActor> {
  return shared(() => actorSetUp('the solo actor', () => target.fixtures.soloActor()));
}

/**
 * Creating and building an actor for checks about something else. When the target answers Create actor or Build actor
 * outside its documented schema, those actions' own checks (their Dredd transactions, the round-trip and build checks)
 * report it; the checks that merely needed the actor never reached their rule and are inconclusive, naming the answer,
 * so one broken answer shows once, on its action, instead of as a failure in every family.
 */
async function actorSetUp<T>(what: string, make: () => Promise<T>): Promise<T> {
  try {
    return await make();
  } catch (error) {
    // By name: a failure another process published comes back as an Error named after the original.
    if (!(error instanceof Error && error.name === 'CheckFailure')) throw error;
    throw new Inconclusive(`setting up ${what} stopped on an answer outside its documented schema: ${error.message}`);
  }
}

export { UNKNOWN_ID } from '../../common/unknowns.ts';
