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

  it('never prints a token in an error', () => {
    expect(() => loadOptions({}, { EMULATOR_TOKEN: 'has spaces secret' })).toThrow(ConfigError);
    try {
      loadOptions({}, { EMULATOR_TOKEN: 'has spaces secret' });
    } catch (error) {
      expect((error as Error).message).not.toContain('secret');
    }
  });
});
