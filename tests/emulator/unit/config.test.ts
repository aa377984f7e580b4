// Configuration: overrides, then EMULATOR_* variables, then the documented defaults; every bad value named.
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_OPTIONS, loadOptions } from '../../../emulator/config.ts';

describe('loadOptions', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(loadOptions({}, {})).toEqual(DEFAULT_OPTIONS);
    expect(DEFAULT_OPTIONS).toMatchObject({ host: '127.0.0.1', maxWaitSecs: 300, rateLimitDefault: 30, rateLimitHigh: 200, maxPageSize: 1000 });
  });

  it('reads the EMULATOR_* variables, and overrides win over them', () => {
    const env = {
      EMULATOR_PORT: '9000',
      EMULATOR_TOKEN: 'main-token',
      EMULATOR_TOKEN_2: 'second-token',
      EMULATOR_MAX_WAIT_SECS: '5',
      EMULATOR_RATE_LIMIT_DEFAULT: '0',
      EMULATOR_MAX_PAGE_SIZE: '50',
    };
    expect(loadOptions({}, env)).toMatchObject({
      port: 9000,
      token: 'main-token',
      token2: 'second-token',
      username2: 'emulator-user-2',
      maxWaitSecs: 5,
      rateLimitDefault: 0,
      maxPageSize: 50,
    });
    expect(loadOptions({ port: 0, maxWaitSecs: 2 }, env)).toMatchObject({ port: 0, maxWaitSecs: 2 });
  });

  it('names the variable of a malformed value', () => {
    expect(() => loadOptions({}, { EMULATOR_PORT: 'eighty' })).toThrow(/EMULATOR_PORT must be an integer from 0 to 65535, got "eighty"/);
    expect(() => loadOptions({}, { EMULATOR_MAX_PAGE_SIZE: '0' })).toThrow(/EMULATOR_MAX_PAGE_SIZE/);
    expect(() => loadOptions({}, { EMULATOR_RATE_LIMIT_HIGH: '-1' })).toThrow(ConfigError);
    expect(() => loadOptions({ maxWaitSecs: 1.5 }, {})).toThrow(/maxWaitSecs \(EMULATOR_MAX_WAIT_SECS\)/);
    expect(() => loadOptions({}, { EMULATOR_USERNAME: 'has~tilde' })).toThrow(/EMULATOR_USERNAME/);
    expect(() => loadOptions({}, { EMULATOR_TOKEN_2: 'emulator-token-user-1' })).toThrow(/must differ/);
    expect(() => loadOptions({}, { EMULATOR_FAULTS: 'count-off-by-one' })).toThrow(/unknown fault "count-off-by-one"/);
  });

  it('caps run-sync apart from waitForFinish: EMULATOR_RUN_SYNC_MAX_WAIT_SECS, by default the cap of waitForFinish', () => {
    expect(loadOptions({}, { EMULATOR_MAX_WAIT_SECS: '6' })).toMatchObject({ maxWaitSecs: 6, runSyncMaxWaitSecs: 6 });
    expect(loadOptions({ maxWaitSecs: 2 }, { EMULATOR_MAX_WAIT_SECS: '6' })).toMatchObject({ maxWaitSecs: 2, runSyncMaxWaitSecs: 2 });
    expect(loadOptions({}, { EMULATOR_MAX_WAIT_SECS: '6', EMULATOR_RUN_SYNC_MAX_WAIT_SECS: '30' })).toMatchObject({ maxWaitSecs: 6, runSyncMaxWaitSecs: 30 });
    expect(() => loadOptions({}, { EMULATOR_RUN_SYNC_MAX_WAIT_SECS: 'forever' })).toThrow(
      /EMULATOR_RUN_SYNC_MAX_WAIT_SECS must be an integer from 0 to 3600, got "forever"/,
    );
    expect(() => loadOptions({ runSyncMaxWaitSecs: 3601 }, {})).toThrow(/runSyncMaxWaitSecs \(EMULATOR_RUN_SYNC_MAX_WAIT_SECS\)/);
  });

  it('has no memory quota unless told; the platform variation brings 16384 MB unless EMULATOR_MEMORY_QUOTA_MBYTES says otherwise', () => {
    expect(loadOptions({}, {}).memoryQuotaMbytes).toBe(0);
    expect(loadOptions({}, { EMULATOR_MEMORY_QUOTA_MBYTES: '4096' }).memoryQuotaMbytes).toBe(4096);
    expect(loadOptions({}, { EMULATOR_VARIATIONS: 'platform' }).memoryQuotaMbytes).toBe(16_384);
    expect(loadOptions({}, { EMULATOR_VARIATIONS: 'platform', EMULATOR_MEMORY_QUOTA_MBYTES: '0' }).memoryQuotaMbytes).toBe(0);
    expect(loadOptions({ variations: ['platform'], memoryQuotaMbytes: 8192 }, {}).memoryQuotaMbytes).toBe(8192);
    expect(() => loadOptions({}, { EMULATOR_MEMORY_QUOTA_MBYTES: 'lots' })).toThrow(/EMULATOR_MEMORY_QUOTA_MBYTES must be an integer/);
    expect(() => loadOptions({ memoryQuotaMbytes: -1 }, {})).toThrow(/memoryQuotaMbytes \(EMULATOR_MEMORY_QUOTA_MBYTES\)/);
  });

  it('never prints a token in an error', () => {
    expect(() => loadOptions({}, { EMULATOR_TOKEN: 'has spaces secret' })).toThrow(ConfigError);
    try {
      loadOptions({}, { EMULATOR_TOKEN: 'has spaces secret' });
    } catch (error) {
      expect((error as Error).message).not.toContain('secret');
    }
  });
});
