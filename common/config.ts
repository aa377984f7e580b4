import { randomBytes } from 'node:crypto';
import path from 'node:path';
import dotenv from 'dotenv';
import { ConfigError } from './config-error.ts';
import { FEATURE_LIST_FORM, type Feature, featureListProblem } from './features.ts';

export { ConfigError, formatConfigError, printConfigError } from './config-error.ts';

/**
 * The one place the suite reads its configuration (documented in .env.example). Hooks, suites and the runner all call
 * `loadConfig()`; nothing else looks at `process.env` for these names.
 */
export interface ConformanceConfig {
  /** API root without `/v2` and without a trailing slash, e.g. `https://api.apify.com`. */
  baseUrl: string;
  /** The main user's token (APIFY_TOKEN). Never print it; see redact.ts. */
  token: string;
  /** An optional second user's token (APIFY_TOKEN_2), for isolation checks. */
  token2: string | undefined;
  /** The target's cap on waitForFinish, in seconds. */
  maxWaitSecs: number;
  /**
   * The target's cap on how long run-sync holds a request (CONFORMANCE_RUN_SYNC_MAX_WAIT_SECS), in seconds; by default
   * the waitForFinish cap. The platform holds run-sync up to 300 s but caps waitForFinish at 60 s.
   */
  runSyncMaxWaitSecs: number;
  /**
   * Run the checks that must outwait the run-sync cap to see its 408 (CONFORMANCE_SLOW=1), however long the cap is
   * (common/outwaits.ts).
   */
  slow: boolean;
  /**
   * How long a fixture waits out the account's full memory quota (a 402) before the check it serves is inconclusive
   * (CONFORMANCE_QUOTA_WAIT_SECS), in seconds.
   */
  quotaWaitSecs: number;
  /**
   * How many builds the run's processes keep going at once, whoever starts them (CONFORMANCE_MAX_CONCURRENT_BUILDS, from
   * the profile's `limits`); undefined: no limit. A platform build holds 4 GB of the account's memory quota while it runs.
   */
  maxConcurrentBuilds: number | undefined;
  /** The target's default rate limit per endpoint, requests per second. */
  rateLimitRps: number;
  /** Prefix of every resource the suite creates; the sweeper only touches names that start with it. */
  resourcePrefix: string;
  /** Unique id of this run; part of every resource name, so one run's cleanup never touches another's resources. */
  runId: string;
  /** Selected check families, ids or tags; empty means everything. */
  select: string[];
  /** Check families, ids or tags left out of what `select` takes (CONFORMANCE_EXCLUDE). */
  exclude: string[];
  /**
   * Headers sent with every request to the target (CONFORMANCE_HEADERS, one `Name: value` per line), e.g. for a gateway
   * in front of it. Their values are treated as secrets: never printed or written to a report.
   */
  headers: Record<string, string>;
  /** Run only the checks that create nothing on the target. */
  readOnly: boolean;
  /** A skipped check fails the run (CONFORMANCE_FAIL_ON_SKIP=1): a nightly must not stay green while checks never run. */
  failOnSkip: boolean;
  /**
   * The features the target implements (CONFORMANCE_FEATURES, from its profile by default); undefined means all. A check
   * or transaction that needs another one is not run and is reported `not-supported`.
   */
  features: Feature[] | undefined;
  /** How long the runner waits for an unreachable target to answer before it gives up (0: it does not wait). */
  waitForTargetSecs: number;
  /** CONFORMANCE_PROFILE as given (the runner resolves it); undefined when unset. */
  profile: string | undefined;
  /**
   * A folder the processes of one run share (CONFORMANCE_FIXTURE_DIR, set by the runner): the actors every process
   * builds from the same recipe are built there once, and each build started is recorded for the summary.
   */
  fixtureDir: string | undefined;
}

/** A flat view of environment variables: the real environment over the `.env` file. */
export type Environment = Record<string, string | undefined>;

export const DEFAULTS = {
  maxWaitSecs: 300,
  rateLimitRps: 30,
  resourcePrefix: 'conformance-',
  quotaWaitSecs: 300,
} as const;

/**
 * Reads `.env` (from `cwd`, quietly; a missing file is fine) under the real environment, which wins. Returns a new
 * object and leaves `process.env` untouched, so a caller (the runner) can add what it decides (e.g. the embedded
 * emulator's URL) before calling `loadConfig`.
 */
export function readEnvironment(options: { cwd?: string; env?: Environment } = {}): Environment {
  const fromFile: Record<string, string> = {};
  dotenv.config({ path: path.join(options.cwd ?? process.cwd(), '.env'), quiet: true, processEnv: fromFile });
  return { ...fromFile, ...(options.env ?? process.env) };
}

/** Validates every setting and returns the typed configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Environment = readEnvironment()): ConformanceConfig {
  const maxWaitSecs = parseWholeNumber(env, 'CONFORMANCE_MAX_WAIT_SECS', DEFAULTS.maxWaitSecs, 'seconds');
  return {
    baseUrl: parseBaseUrl(env),
    token: parseToken(env, 'APIFY_TOKEN') ?? notSet('APIFY_TOKEN', TOKEN_FORM),
    token2: parseToken(env, 'APIFY_TOKEN_2'),
    maxWaitSecs,
    runSyncMaxWaitSecs: parseWholeNumber(env, 'CONFORMANCE_RUN_SYNC_MAX_WAIT_SECS', maxWaitSecs, 'seconds'),
    slow: parseFlag(env, 'CONFORMANCE_SLOW'),
    quotaWaitSecs: parseWholeNumber(env, 'CONFORMANCE_QUOTA_WAIT_SECS', DEFAULTS.quotaWaitSecs, 'seconds', 0),
    maxConcurrentBuilds:
      settingValue(env, 'CONFORMANCE_MAX_CONCURRENT_BUILDS') === undefined
        ? undefined
        : parseWholeNumber(env, 'CONFORMANCE_MAX_CONCURRENT_BUILDS', 4, 'builds'),
    rateLimitRps: parseWholeNumber(env, 'CONFORMANCE_RATE_LIMIT_RPS', DEFAULTS.rateLimitRps, 'requests per second'),
    resourcePrefix: parseResourcePrefix(env),
    runId: parseRunId(env),
    select: parseList(env, 'CONFORMANCE_SELECT'),
    exclude: parseList(env, 'CONFORMANCE_EXCLUDE'),
    headers: parseHeaders(env),
    readOnly: parseFlag(env, 'CONFORMANCE_READ_ONLY'),
    failOnSkip: parseFlag(env, 'CONFORMANCE_FAIL_ON_SKIP'),
    features: parseFeatures(env),
    waitForTargetSecs: parseWholeNumber(env, 'CONFORMANCE_WAIT_FOR_TARGET_SECS', 0, 'seconds', 0),
    profile: settingValue(env, 'CONFORMANCE_PROFILE'),
    fixtureDir: settingValue(env, 'CONFORMANCE_FIXTURE_DIR'),
  };
}

/**
 * The environment a child process (Dredd, Vitest) needs to see exactly this configuration, including the generated run
 * id: without it each process would generate its own and clean up only part of what the run created. Every variable is
 * set, unset ones to an empty value (which counts as unset), so a `.env` file the child reads cannot add any back.
 */
export function configToEnvironment(config: ConformanceConfig): Record<string, string> {
  return {
    APIFY_API_BASE_URL: config.baseUrl,
    APIFY_TOKEN: config.token,
    APIFY_TOKEN_2: config.token2 ?? '',
    CONFORMANCE_MAX_WAIT_SECS: String(config.maxWaitSecs),
    CONFORMANCE_RUN_SYNC_MAX_WAIT_SECS: String(config.runSyncMaxWaitSecs),
    CONFORMANCE_SLOW: config.slow ? '1' : '0',
    CONFORMANCE_QUOTA_WAIT_SECS: String(config.quotaWaitSecs),
    CONFORMANCE_MAX_CONCURRENT_BUILDS: config.maxConcurrentBuilds === undefined ? '' : String(config.maxConcurrentBuilds),
    CONFORMANCE_RATE_LIMIT_RPS: String(config.rateLimitRps),
    CONFORMANCE_RESOURCE_PREFIX: config.resourcePrefix,
    CONFORMANCE_RUN_ID: config.runId,
    CONFORMANCE_SELECT: config.select.join(','),
    CONFORMANCE_EXCLUDE: config.exclude.join(','),
    CONFORMANCE_HEADERS: Object.entries(config.headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n'),
    CONFORMANCE_READ_ONLY: config.readOnly ? '1' : '0',
    CONFORMANCE_FAIL_ON_SKIP: config.failOnSkip ? '1' : '0',
    CONFORMANCE_FEATURES: config.features?.join(',') ?? '',
    CONFORMANCE_WAIT_FOR_TARGET_SECS: String(config.waitForTargetSecs),
    CONFORMANCE_PROFILE: config.profile ?? '',
    CONFORMANCE_FIXTURE_DIR: config.fixtureDir ?? '',
  };
}

/** A fresh run id: 8 lowercase base-36 characters, valid inside actor names. */
export function generateRunId(): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  return Array.from(randomBytes(8), (byte) => alphabet[byte % alphabet.length]).join('');
}

// An empty or blank value counts as unset: .env.example ships `APIFY_API_BASE_URL=` and `CONFORMANCE_SELECT=`.
function settingValue(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function parseBaseUrl(env: Environment): string {
  const name = 'APIFY_API_BASE_URL';
  const expected = 'the API root URL without /v2, e.g. https://api.apify.com or http://127.0.0.1:8377';
  const raw = settingValue(env, name) ?? notSet(name, expected);
  // Someone may have pasted a URL with a token in it; the message must not repeat it.
  const shown = raw.replace(/token=[^&#\s]*/gi, 'token=***');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, expected, `got "${shown}", which is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, expected, `got "${shown}", which is not an http(s) URL`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError(name, expected, `got "${url.origin}..." with credentials, a query or a fragment`);
  }
  const root = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  if (/\/v2$/.test(root)) throw new ConfigError(name, expected, `got "${shown}", which ends with /v2`);
  return root;
}

const TOKEN_FORM = 'an API token (one line, no spaces)';

function notSet(name: string, expected: string): never {
  throw new ConfigError(name, expected, 'it is not set');
}

// Token values never appear in messages: only their shape is described.
function parseToken(env: Environment, name: string): string | undefined {
  const value = settingValue(env, name);
  if (value !== undefined && /\s/.test(value)) throw new ConfigError(name, TOKEN_FORM, 'the value contains whitespace');
  return value;
}

function parseWholeNumber(env: Environment, name: string, fallback: number, unit: string, least: 0 | 1 = 1): number {
  const raw = settingValue(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < least || !Number.isSafeInteger(Number(raw))) {
    const form = least === 1 ? 'a positive whole number' : 'a whole number';
    throw new ConfigError(name, `${form} of ${unit} (e.g. ${fallback || 60})`, `got "${raw}"`);
  }
  return Number(raw);
}

function parseResourcePrefix(env: Environment): string {
  const name = 'CONFORMANCE_RESOURCE_PREFIX';
  const raw = settingValue(env, name);
  if (raw === undefined) return DEFAULTS.resourcePrefix;
  // Resource names become actor names: lowercase letters, digits and dashes only.
  if (!/^[a-z0-9][a-z0-9-]{0,19}$/.test(raw)) {
    throw new ConfigError(
      name,
      `1 to 20 lowercase letters, digits or dashes, starting with a letter or digit (e.g. ${DEFAULTS.resourcePrefix})`,
      `got "${raw}"`,
    );
  }
  return raw;
}

function parseRunId(env: Environment): string {
  const name = 'CONFORMANCE_RUN_ID';
  const raw = settingValue(env, name);
  if (raw === undefined) return generateRunId();
  if (!/^[a-z0-9]{4,16}$/.test(raw)) {
    throw new ConfigError(name, '4 to 16 lowercase letters or digits (or unset, to generate one)', `got "${raw}"`);
  }
  return raw;
}

function parseList(env: Environment, name: string): string[] {
  const raw = settingValue(env, name);
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

// One `Name: value` per line. A value may hold a gateway's key, so a message shows the names only.
function parseHeaders(env: Environment): Record<string, string> {
  const name = 'CONFORMANCE_HEADERS';
  const headers: Record<string, string> = {};
  for (const line of (settingValue(env, name) ?? '').split('\n')) {
    if (line.trim() === '') continue;
    const match = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(\S.*?)\s*$/.exec(line);
    if (!match)
      throw new ConfigError(
        name,
        'one `Name: value` header per line, e.g. X-Gateway-Key: <key>',
        `got a line that is not one (it starts "${/^\s*([^\s:]*)/.exec(line)?.[1] ?? ''}")`,
      );
    const header = match[1]!.toLowerCase();
    if (['authorization', 'host', 'content-length', 'content-type'].includes(header)) {
      throw new ConfigError(name, 'headers the checks do not set themselves', `got ${match[1]}, which the checks control`);
    }
    headers[header] = match[2]!;
  }
  return headers;
}

function parseFeatures(env: Environment): Feature[] | undefined {
  const name = 'CONFORMANCE_FEATURES';
  if (settingValue(env, name) === undefined) return undefined;
  const listed = parseList(env, name);
  const problem = featureListProblem(listed);
  if (problem !== undefined) throw new ConfigError(name, `comma-separated ${FEATURE_LIST_FORM}`, `got ${problem}`);
  return listed as Feature[];
}

function parseFlag(env: Environment, name: string): boolean {
  const raw = settingValue(env, name);
  if (raw === undefined) return false;
  const value = raw.toLowerCase();
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new ConfigError(name, '1 or 0 (true or false)', `got "${raw}"`);
}
