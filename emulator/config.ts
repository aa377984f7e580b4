// The emulator's settings: EMULATOR_* environment variables turned into typed options, every bad value reported by name.

import { FAULT_IDS } from './faults/catalogue.ts';
import { PLATFORM_MEMORY_QUOTA_MBYTES, SMALL_PAGE_SIZE, VARIATION_IDS, type VariationId } from './variations/catalogue.ts';

export interface EmulatorOptions {
  /** Interface to listen on (EMULATOR_HOST). Loopback unless told otherwise. */
  host: string;
  /** Port to listen on (EMULATOR_PORT); 0 picks a free port. */
  port: number;
  /** Main user's token and username (EMULATOR_TOKEN, EMULATOR_USERNAME). */
  token: string;
  username: string;
  /** Optional second user, for isolation checks (EMULATOR_TOKEN_2, EMULATOR_USERNAME_2). */
  token2: string | null;
  username2: string | null;
  /** Cap on waitForFinish, in seconds (EMULATOR_MAX_WAIT_SECS). */
  maxWaitSecs: number;
  /**
   * Cap on run-sync, in seconds (EMULATOR_RUN_SYNC_MAX_WAIT_SECS); maxWaitSecs unless set. The platform holds run-sync
   * up to 300 s while it caps waitForFinish at 60 s.
   */
  runSyncMaxWaitSecs: number;
  /** Requests per second per caller and endpoint; 0 turns limiting off (EMULATOR_RATE_LIMIT_DEFAULT). */
  rateLimitDefault: number;
  /** The same for the run, metamorph and storage record endpoints (EMULATOR_RATE_LIMIT_HIGH). */
  rateLimitHigh: number;
  /** Maximum page size of every paginated list (EMULATOR_MAX_PAGE_SIZE). */
  maxPageSize: number;
  /**
   * The most memory, in megabytes, a user's unfinished runs and builds may hold together; a start beyond it is refused
   * with 402 (EMULATOR_MEMORY_QUOTA_MBYTES). 0: no quota, unless the platform variation sets its own.
   */
  memoryQuotaMbytes: number;
  /**
   * Delay before a failed webhook call is first retried, in milliseconds; each later retry waits twice as long
   * (EMULATOR_WEBHOOK_RETRY_MS). The platform waits about a minute; a test target scales its clock down.
   */
  webhookRetryMs: number;
  /** Injected faults (EMULATOR_FAULTS), ids from emulator/faults/catalogue.ts; the self-test uses them. */
  faults: string[];
  /** Correct variations (EMULATOR_VARIATIONS), ids from emulator/variations/catalogue.ts; the self-test uses them. */
  variations: VariationId[];
}

export const DEFAULT_OPTIONS: EmulatorOptions = {
  host: '127.0.0.1',
  port: 8377,
  token: 'emulator-token-user-1',
  username: 'emulator-user',
  token2: null,
  username2: null,
  maxWaitSecs: 300,
  runSyncMaxWaitSecs: 300,
  rateLimitDefault: 30,
  rateLimitHigh: 200,
  maxPageSize: 1000,
  memoryQuotaMbytes: 0,
  webhookRetryMs: 60_000,
  faults: [],
  variations: [],
};

/** The largest memory quota accepted: the platform's largest plan holds 524,288 MB, this leaves room above it. */
const MAX_MEMORY_QUOTA_MBYTES = 16_777_216;

/** Ids of the faults the emulator can inject (emulator/faults/catalogue.ts). */
const KNOWN_FAULTS = FAULT_IDS;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Options from `overrides`, then the EMULATOR_* variables of `env`, then the defaults. */
export function loadOptions(overrides: Partial<EmulatorOptions> = {}, env: Env = process.env): EmulatorOptions {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const token2 = overrides.token2 !== undefined ? overrides.token2 : (read('EMULATOR_TOKEN_2') ?? null);
  const maxWaitSecs = overrides.maxWaitSecs ?? integerVar(read, 'EMULATOR_MAX_WAIT_SECS', DEFAULT_OPTIONS.maxWaitSecs, 0, 3600);
  const variations = overrides.variations ?? (listVar(read, 'EMULATOR_VARIATIONS') as VariationId[]);
  const defaultQuota = variations.includes('platform') ? PLATFORM_MEMORY_QUOTA_MBYTES : DEFAULT_OPTIONS.memoryQuotaMbytes;
  const options: EmulatorOptions = {
    host: overrides.host ?? read('EMULATOR_HOST') ?? DEFAULT_OPTIONS.host,
    port: overrides.port ?? integerVar(read, 'EMULATOR_PORT', DEFAULT_OPTIONS.port, 0, 65535),
    token: overrides.token ?? read('EMULATOR_TOKEN') ?? DEFAULT_OPTIONS.token,
    username: overrides.username ?? read('EMULATOR_USERNAME') ?? DEFAULT_OPTIONS.username,
    token2,
    username2: overrides.username2 !== undefined ? overrides.username2 : (read('EMULATOR_USERNAME_2') ?? (token2 === null ? null : 'emulator-user-2')),
    maxWaitSecs,
    runSyncMaxWaitSecs: overrides.runSyncMaxWaitSecs ?? integerVar(read, 'EMULATOR_RUN_SYNC_MAX_WAIT_SECS', maxWaitSecs, 0, 3600),
    rateLimitDefault: overrides.rateLimitDefault ?? integerVar(read, 'EMULATOR_RATE_LIMIT_DEFAULT', DEFAULT_OPTIONS.rateLimitDefault, 0, 1_000_000),
    rateLimitHigh: overrides.rateLimitHigh ?? integerVar(read, 'EMULATOR_RATE_LIMIT_HIGH', DEFAULT_OPTIONS.rateLimitHigh, 0, 1_000_000),
    maxPageSize: overrides.maxPageSize ?? integerVar(read, 'EMULATOR_MAX_PAGE_SIZE', DEFAULT_OPTIONS.maxPageSize, 1, 1_000_000),
    memoryQuotaMbytes: overrides.memoryQuotaMbytes ?? integerVar(read, 'EMULATOR_MEMORY_QUOTA_MBYTES', defaultQuota, 0, MAX_MEMORY_QUOTA_MBYTES),
    webhookRetryMs: overrides.webhookRetryMs ?? integerVar(read, 'EMULATOR_WEBHOOK_RETRY_MS', DEFAULT_OPTIONS.webhookRetryMs, 1, 3_600_000),
    faults: overrides.faults ?? listVar(read, 'EMULATOR_FAULTS'),
    variations,
  };
  if (options.variations.includes('small-page-size')) options.maxPageSize = Math.min(options.maxPageSize, SMALL_PAGE_SIZE);
  validateOptions(options);
  return options;
}

/** Checks values that came from overrides as strictly as those from the environment. */
export function validateOptions(options: EmulatorOptions): void {
  const problems: string[] = [];
  const integerIn = (name: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
  };
  integerIn('port (EMULATOR_PORT)', options.port, 0, 65535);
  integerIn('maxWaitSecs (EMULATOR_MAX_WAIT_SECS)', options.maxWaitSecs, 0, 3600);
  integerIn('runSyncMaxWaitSecs (EMULATOR_RUN_SYNC_MAX_WAIT_SECS)', options.runSyncMaxWaitSecs, 0, 3600);
  integerIn('memoryQuotaMbytes (EMULATOR_MEMORY_QUOTA_MBYTES)', options.memoryQuotaMbytes, 0, MAX_MEMORY_QUOTA_MBYTES);
  integerIn('rateLimitDefault (EMULATOR_RATE_LIMIT_DEFAULT)', options.rateLimitDefault, 0, 1_000_000);
  integerIn('rateLimitHigh (EMULATOR_RATE_LIMIT_HIGH)', options.rateLimitHigh, 0, 1_000_000);
  integerIn('maxPageSize (EMULATOR_MAX_PAGE_SIZE)', options.maxPageSize, 1, 1_000_000);
  integerIn('webhookRetryMs (EMULATOR_WEBHOOK_RETRY_MS)', options.webhookRetryMs, 1, 3_600_000);
  if (options.host === '') problems.push('host (EMULATOR_HOST) must not be empty');
  if (!isUsableToken(options.token)) problems.push('token (EMULATOR_TOKEN) must be 1-200 visible characters without spaces');
  if (!isUsername(options.username)) problems.push(`username (EMULATOR_USERNAME) ${USERNAME_RULE}`);
  if ((options.token2 === null) !== (options.username2 === null)) {
    problems.push('token2 and username2 (EMULATOR_TOKEN_2, EMULATOR_USERNAME_2) must be set together');
  }
  if (options.token2 !== null) {
    if (!isUsableToken(options.token2)) {
      problems.push('token2 (EMULATOR_TOKEN_2) must be 1-200 visible characters without spaces');
    } else if (options.token2 === options.token) {
      problems.push('token2 (EMULATOR_TOKEN_2) must differ from token (EMULATOR_TOKEN)');
    }
  }
  if (options.username2 !== null) {
    if (!isUsername(options.username2)) problems.push(`username2 (EMULATOR_USERNAME_2) ${USERNAME_RULE}`);
    else if (options.username2 === options.username) {
      problems.push('username2 (EMULATOR_USERNAME_2) must differ from username (EMULATOR_USERNAME)');
    }
  }
  for (const fault of options.faults) {
    if (!KNOWN_FAULTS.includes(fault)) {
      problems.push(`faults (EMULATOR_FAULTS) names an unknown fault "${fault}"; known faults: ${KNOWN_FAULTS.join(', ') || 'none yet'}`);
    }
  }
  for (const variation of options.variations) {
    if (!VARIATION_IDS.includes(variation)) {
      problems.push(`variations (EMULATOR_VARIATIONS) names an unknown variation "${variation}"; known variations: ${VARIATION_IDS.join(', ')}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(`Invalid emulator configuration:\n- ${problems.join('\n- ')}`);
}

const USERNAME_RULE = 'must be 1-50 letters, digits, dots, underscores or dashes (no "~" or "/")';

function isUsername(value: string): boolean {
  return /^[a-zA-Z0-9._-]{1,50}$/.test(value);
}

function isUsableToken(value: string): boolean {
  return /^[\x21-\x7e]{1,200}$/.test(value);
}

function integerVar(read: (name: string) => string | undefined, name: string, fallback: number, min: number, max: number): number {
  const raw = read(name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`Invalid emulator configuration: ${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function listVar(read: (name: string) => string | undefined, name: string): string[] {
  const raw = read(name);
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
