import { describe, expect, it } from 'vitest';
import { ConfigError, configToEnvironment, formatConfigError, loadConfig, printConfigError } from '../../common/config.ts';

const minimal = { APIFY_API_BASE_URL: 'http://127.0.0.1:8377', APIFY_TOKEN: 'secret-token-value' };

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('applies the documented defaults when only the target is given', () => {
    const config = loadConfig(minimal);
    expect(config).toMatchObject({
      baseUrl: 'http://127.0.0.1:8377',
      token: 'secret-token-value',
      token2: undefined,
      maxWaitSecs: 300,
      rateLimitRps: 30,
      resourcePrefix: 'conformance-',
      select: [],
      readOnly: false,
      features: undefined,
      profile: undefined,
    });
    expect(config.runId).toMatch(/^[a-z0-9]{8}$/);
  });

  it('generates a different run id each time and keeps a given one', () => {
    expect(loadConfig(minimal).runId).not.toBe(loadConfig(minimal).runId);
    expect(loadConfig({ ...minimal, CONFORMANCE_RUN_ID: 'abc123' }).runId).toBe('abc123');
  });

  it('reads every variable in its documented form', () => {
    const config = loadConfig({
      APIFY_API_BASE_URL: 'https://api.example.com/prefix/',
      APIFY_TOKEN: 't1',
      APIFY_TOKEN_2: 't2',
      CONFORMANCE_MAX_WAIT_SECS: '60',
      CONFORMANCE_RATE_LIMIT_RPS: '200',
      CONFORMANCE_RESOURCE_PREFIX: 'gate-',
      CONFORMANCE_SELECT: ' pagination, auth ,,tag:slow',
      CONFORMANCE_EXCLUDE: 'tag:timing',
      CONFORMANCE_HEADERS: 'X-Gateway-Key: k1\n\n  X-Tenant :  acme corp  ',
      CONFORMANCE_WAIT_FOR_TARGET_SECS: '0',
      CONFORMANCE_READ_ONLY: 'true',
      CONFORMANCE_FEATURES: 'datasets, request-queues,request-queues.locks',
      CONFORMANCE_PROFILE: 'apify-live',
    });
    expect(config).toMatchObject({
      baseUrl: 'https://api.example.com/prefix',
      token2: 't2',
      maxWaitSecs: 60,
      rateLimitRps: 200,
      resourcePrefix: 'gate-',
      select: ['pagination', 'auth', 'tag:slow'],
      exclude: ['tag:timing'],
      headers: { 'x-gateway-key': 'k1', 'x-tenant': 'acme corp' },
      waitForTargetSecs: 0,
      readOnly: true,
      features: ['datasets', 'request-queues', 'request-queues.locks'],
      profile: 'apify-live',
    });
  });

  it('treats blank values as unset, as the shipped .env.example writes them', () => {
    const config = loadConfig({ ...minimal, APIFY_TOKEN_2: '', CONFORMANCE_MAX_WAIT_SECS: ' ', CONFORMANCE_READ_ONLY: '' });
    expect(config.token2).toBeUndefined();
    expect(config.maxWaitSecs).toBe(300);
    expect(config.readOnly).toBe(false);
  });

  it.each([
    [{ APIFY_TOKEN: 'x' }, 'APIFY_API_BASE_URL', /not set/],
    [{ ...minimal, APIFY_API_BASE_URL: 'api.apify.com' }, 'APIFY_API_BASE_URL', /not a URL/],
    [{ ...minimal, APIFY_API_BASE_URL: 'ftp://host' }, 'APIFY_API_BASE_URL', /not an http/],
    [{ ...minimal, APIFY_API_BASE_URL: 'https://api.apify.com/v2/' }, 'APIFY_API_BASE_URL', /ends with \/v2/],
    [{ ...minimal, APIFY_API_BASE_URL: 'https://host/?token=x' }, 'APIFY_API_BASE_URL', /query/],
    [{ APIFY_API_BASE_URL: 'http://h' }, 'APIFY_TOKEN', /not set/],
    [{ ...minimal, CONFORMANCE_MAX_WAIT_SECS: 'abc' }, 'CONFORMANCE_MAX_WAIT_SECS', /positive whole number of seconds/],
    [{ ...minimal, CONFORMANCE_MAX_WAIT_SECS: '0' }, 'CONFORMANCE_MAX_WAIT_SECS', /got "0"/],
    [{ ...minimal, CONFORMANCE_MAX_WAIT_SECS: '1.5' }, 'CONFORMANCE_MAX_WAIT_SECS', /got "1.5"/],
    [{ ...minimal, CONFORMANCE_RATE_LIMIT_RPS: '-3' }, 'CONFORMANCE_RATE_LIMIT_RPS', /requests per second/],
    [{ ...minimal, CONFORMANCE_RESOURCE_PREFIX: 'Bad Prefix' }, 'CONFORMANCE_RESOURCE_PREFIX', /lowercase/],
    [{ ...minimal, CONFORMANCE_RUN_ID: 'UPPER' }, 'CONFORMANCE_RUN_ID', /lowercase/],
    [{ ...minimal, CONFORMANCE_READ_ONLY: 'yes' }, 'CONFORMANCE_READ_ONLY', /1 or 0/],
    [{ ...minimal, CONFORMANCE_HEADERS: 'X-Gateway-Key secret-value' }, 'CONFORMANCE_HEADERS', /one `Name: value` header per line/],
    [{ ...minimal, CONFORMANCE_HEADERS: 'Authorization: Bearer x' }, 'CONFORMANCE_HEADERS', /Authorization, which the checks control/],
    [{ ...minimal, CONFORMANCE_WAIT_FOR_TARGET_SECS: '-1' }, 'CONFORMANCE_WAIT_FOR_TARGET_SECS', /a whole number of seconds/],
    [{ ...minimal, CONFORMANCE_FEATURES: 'datasets,dataset' }, 'CONFORMANCE_FEATURES', /unknown feature\(s\) "dataset"/],
    [{ ...minimal, CONFORMANCE_FEATURES: 'runs.sync' }, 'CONFORMANCE_FEATURES', /"runs.sync" without "runs"/],
  ])('rejects %j naming %s and the expected form', (env, variable, detail) => {
    const error = configError(env as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable} must be `)).toBe(true);
    expect(error.message).toMatch(detail);
  });

  it('never puts a token value in the message', () => {
    expect(configError({ ...minimal, CONFORMANCE_HEADERS: 'X-Key secret-header-value' }).message).not.toContain('secret-header-value');
    const error = configError({ APIFY_API_BASE_URL: 'http://h', APIFY_TOKEN: 'has a-secret space' });
    expect(error.variable).toBe('APIFY_TOKEN');
    expect(error.message).not.toContain('a-secret');
    expect(configError({ ...minimal, APIFY_API_BASE_URL: 'api.apify.com/v2/acts?token=pasted-secret' }).message).not.toContain('pasted-secret');
    expect(configError({ ...minimal, APIFY_API_BASE_URL: 'https://api.apify.com/?token=pasted-secret' }).message).not.toContain('pasted-secret');
  });
});

describe('printing configuration errors', () => {
  it('prints one clean paragraph without a stack trace for a ConfigError', () => {
    let printed = '';
    const handled = printConfigError(configError({ APIFY_TOKEN: 'x' }), (text) => {
      printed += text;
    });
    expect(handled).toBe(true);
    expect(printed).toMatch(/^Configuration error: APIFY_API_BASE_URL must be the API root URL/);
    expect(printed).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('leaves other errors to the caller', () => {
    expect(formatConfigError(new Error('boom'))).toBeUndefined();
    expect(printConfigError(new Error('boom'), () => undefined)).toBe(false);
  });
});

describe('configToEnvironment', () => {
  it('round-trips, so child processes see the same run id', () => {
    const config = loadConfig({ ...minimal, APIFY_TOKEN_2: 'other', CONFORMANCE_SELECT: 'a,b', CONFORMANCE_READ_ONLY: '1' });
    expect(loadConfig(configToEnvironment(config))).toEqual(config);
  });

  it('sets unset variables to empty values, so a .env file cannot bring them back', () => {
    const env = configToEnvironment(loadConfig(minimal));
    expect(env.APIFY_TOKEN_2).toBe('');
    expect(env.CONFORMANCE_PROFILE).toBe('');
    expect(loadConfig({ APIFY_TOKEN_2: 'from-dotenv', ...env }).token2).toBeUndefined();
  });
});

describe('readEnvironment', () => {
  it('reads .env quietly and lets the real environment win', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { readEnvironment } = await import('../../common/config.ts');
    const dir = await mkdtemp(path.join(tmpdir(), 'conformance-env-'));
    try {
      await writeFile(path.join(dir, '.env'), 'APIFY_TOKEN=from-file\nCONFORMANCE_MAX_WAIT_SECS=7\n');
      const env = readEnvironment({ cwd: dir, env: { APIFY_TOKEN: 'from-env' } });
      expect(env.APIFY_TOKEN).toBe('from-env');
      expect(env.CONFORMANCE_MAX_WAIT_SECS).toBe('7');
      expect(readEnvironment({ cwd: path.join(dir, 'missing'), env: {} })).toEqual({});
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
