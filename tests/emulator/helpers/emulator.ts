// Starts an in-process emulator through its public entry point only (emulator/index.ts), configured the way a user
// would configure it: through the documented EMULATOR_* variables (.env.example). Tests get fast settings by default.
import { startEmulator } from '../../../emulator/index.ts';
import { setEnvironment } from '../../support/environment.ts';
import { ApiClient } from './http.ts';

export interface TestEmulatorSettings {
  /** EMULATOR_MAX_WAIT_SECS: cap on waitForFinish (and on run-sync unless runSyncMaxWaitSecs is given). */
  maxWaitSecs?: number;
  /** EMULATOR_RUN_SYNC_MAX_WAIT_SECS: cap on run-sync. */
  runSyncMaxWaitSecs?: number;
  /** EMULATOR_RATE_LIMIT_DEFAULT; 0 turns rate limiting off (the default here, so polling tests never see 429). */
  rateLimitDefault?: number;
  /** EMULATOR_RATE_LIMIT_HIGH, for the run and storage endpoints. */
  rateLimitHigh?: number;
  /** EMULATOR_MAX_PAGE_SIZE. */
  maxPageSize?: number;
  /** EMULATOR_HOST; unset means the emulator's own default. */
  host?: string;
  /** EMULATOR_VARIATIONS: correct variations to switch on. */
  variations?: string[];
  /** EMULATOR_MEMORY_QUOTA_MBYTES; unset means the emulator's own default (none, or the platform variation's). */
  memoryQuotaMbytes?: number;
}

export interface TestUser {
  username: string;
  token: string;
}

export interface TestEmulator {
  url: string;
  maxWaitSecs: number;
  user: TestUser;
  user2: TestUser;
  /** Authenticated as the main user with the Authorization header. */
  api: ApiClient;
  /** Authenticated as the second user. */
  api2: ApiClient;
  close(): Promise<void>;
}

export const MAIN_USER: TestUser = { username: 'test-user-one', token: 'testTokenOfUserOne0000000' };
export const SECOND_USER: TestUser = { username: 'test-user-two', token: 'testTokenOfUserTwo0000000' };

const CONTROLLED_VARIABLES = [
  'EMULATOR_HOST',
  'EMULATOR_PORT',
  'EMULATOR_TOKEN',
  'EMULATOR_USERNAME',
  'EMULATOR_TOKEN_2',
  'EMULATOR_USERNAME_2',
  'EMULATOR_MAX_WAIT_SECS',
  'EMULATOR_RUN_SYNC_MAX_WAIT_SECS',
  'EMULATOR_RATE_LIMIT_DEFAULT',
  'EMULATOR_RATE_LIMIT_HIGH',
  'EMULATOR_MAX_PAGE_SIZE',
  'EMULATOR_MEMORY_QUOTA_MBYTES',
  'EMULATOR_WEBHOOK_RETRY_MS',
  'EMULATOR_FAULTS',
  'EMULATOR_VARIATIONS',
] as const;

export function emulatorEnvironment(settings: TestEmulatorSettings = {}): Record<string, string> {
  const env: Record<string, string> = {
    EMULATOR_PORT: '0',
    EMULATOR_TOKEN: MAIN_USER.token,
    EMULATOR_USERNAME: MAIN_USER.username,
    EMULATOR_TOKEN_2: SECOND_USER.token,
    EMULATOR_USERNAME_2: SECOND_USER.username,
    EMULATOR_MAX_WAIT_SECS: String(settings.maxWaitSecs ?? 3),
    EMULATOR_RATE_LIMIT_DEFAULT: String(settings.rateLimitDefault ?? 0),
    EMULATOR_RATE_LIMIT_HIGH: String(settings.rateLimitHigh ?? 0),
    EMULATOR_WEBHOOK_RETRY_MS: '100',
    EMULATOR_FAULTS: '',
  };
  if (settings.maxPageSize !== undefined) env.EMULATOR_MAX_PAGE_SIZE = String(settings.maxPageSize);
  if (settings.host !== undefined) env.EMULATOR_HOST = settings.host;
  if (settings.runSyncMaxWaitSecs !== undefined) env.EMULATOR_RUN_SYNC_MAX_WAIT_SECS = String(settings.runSyncMaxWaitSecs);
  if (settings.variations !== undefined) env.EMULATOR_VARIATIONS = settings.variations.join(',');
  if (settings.memoryQuotaMbytes !== undefined) env.EMULATOR_MEMORY_QUOTA_MBYTES = String(settings.memoryQuotaMbytes);
  return env;
}

export async function startTestEmulator(settings: TestEmulatorSettings = {}): Promise<TestEmulator> {
  const wanted = emulatorEnvironment(settings);
  const restoreEnvironment = setEnvironment(Object.fromEntries(CONTROLLED_VARIABLES.map((name) => [name, wanted[name]])));
  try {
    const running = await startEmulator({ port: 0 });
    return {
      url: running.url,
      maxWaitSecs: settings.maxWaitSecs ?? 3,
      user: MAIN_USER,
      user2: SECOND_USER,
      api: new ApiClient(running.url, MAIN_USER.token),
      api2: new ApiClient(running.url, SECOND_USER.token),
      close: () => running.close(),
    };
  } finally {
    restoreEnvironment();
  }
}
