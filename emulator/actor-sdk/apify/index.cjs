'use strict';
// The emulator's stand-in for the `apify` SDK. Actor code that does `import { Actor } from 'apify'` (or the older
// `const Apify = require('apify')`) runs unmodified on the emulator and on the platform: this module implements the
// calls such code makes (input, key-value records, dataset items, exit, metamorph) over the platform's public HTTP API,
// configured by the APIFY_* environment the run receives. Requests that get 429 or 5xx are retried with the documented
// exponential backoff.

const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 500;

function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`The apify stand-in needs ${name}; it only works inside a run on the emulator`);
  return value;
}

async function request(method, path, { body, contentType, allowNotFound = false } = {}) {
  const url = `${requireEnv('APIFY_API_BASE_URL')}/v2/${path}`;
  const headers = { authorization: `Bearer ${requireEnv('APIFY_TOKEN')}` };
  if (contentType) headers['content-type'] = contentType;
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(url, { method, headers, body });
    if (response.ok || (allowNotFound && response.status === 404)) return response;
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable || attempt + 1 >= MAX_ATTEMPTS) {
      throw new Error(`${method} ${path} failed with ${response.status}: ${await response.text()}`);
    }
    await response.arrayBuffer();
    const delay = BASE_DELAY_MS * 2 ** attempt;
    await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay));
  }
}

function serialise(value, contentType) {
  if (contentType) return { body: value, contentType };
  if (Buffer.isBuffer(value)) return { body: value, contentType: 'application/octet-stream' };
  if (typeof value === 'string') return { body: value, contentType: 'text/plain; charset=utf-8' };
  return { body: JSON.stringify(value, null, 2), contentType: 'application/json; charset=utf-8' };
}

async function parse(response) {
  const contentType = response.headers.get('content-type') || '';
  const bytes = Buffer.from(await response.arrayBuffer());
  if (/^application\/(.+\+)?json/i.test(contentType)) return JSON.parse(bytes.toString('utf8'));
  if (/^text\//i.test(contentType)) return bytes.toString('utf8');
  return bytes;
}

class KeyValueStore {
  constructor(id) {
    this.id = id;
  }

  async getValue(key, defaultValue = null) {
    const response = await request('GET', `key-value-stores/${this.id}/records/${encodeURIComponent(key)}`, {
      allowNotFound: true,
    });
    if (response.status === 404) return defaultValue;
    return parse(response);
  }

  async setValue(key, value, options = {}) {
    const path = `key-value-stores/${this.id}/records/${encodeURIComponent(key)}`;
    if (value === null || value === undefined) {
      await request('DELETE', path, { allowNotFound: true });
      return;
    }
    await request('PUT', path, serialise(value, options.contentType));
  }
}

class Dataset {
  constructor(id) {
    this.id = id;
  }

  async pushData(data) {
    await request('POST', `datasets/${this.id}/items`, {
      body: JSON.stringify(data),
      contentType: 'application/json; charset=utf-8',
    });
  }

  async getData(options = {}) {
    const query = new URLSearchParams();
    for (const name of ['offset', 'limit', 'desc']) {
      if (options[name] !== undefined) query.set(name, String(options[name]));
    }
    const response = await request('GET', `datasets/${this.id}/items?${query}`);
    const items = await parse(response);
    return {
      items,
      total: Number(response.headers.get('x-apify-pagination-total')),
      offset: Number(response.headers.get('x-apify-pagination-offset')),
      limit: Number(response.headers.get('x-apify-pagination-limit')),
      count: items.length,
      desc: options.desc === true,
    };
  }
}

function exitOptions(messageOrOptions, options) {
  return typeof messageOrOptions === 'string' ? { ...options, statusMessage: messageOrOptions } : { ...messageOrOptions, ...options };
}

const log = {
  debug: (message, data) => console.debug(`DEBUG ${message}`, ...(data === undefined ? [] : [data])),
  info: (message, data) => console.log(`INFO  ${message}`, ...(data === undefined ? [] : [data])),
  warning: (message, data) => console.warn(`WARN  ${message}`, ...(data === undefined ? [] : [data])),
  error: (message, data) => console.error(`ERROR ${message}`, ...(data === undefined ? [] : [data])),
  exception: (error, message) => console.error(`ERROR ${message}`, error),
};
log.warn = log.warning;

const Actor = {
  async init() {
    requireEnv('APIFY_API_BASE_URL');
  },

  async exit(messageOrOptions, options) {
    const { exitCode = 0, statusMessage } = exitOptions(messageOrOptions, options);
    if (statusMessage) (exitCode === 0 ? log.info : log.error)(statusMessage);
    process.exit(exitCode);
  },

  async fail(messageOrOptions, options) {
    await Actor.exit(messageOrOptions, { exitCode: 1, ...options });
  },

  async main(userFunction) {
    try {
      await Actor.init();
      await userFunction();
    } catch (error) {
      log.exception(error, 'The actor failed');
      await Actor.exit({ exitCode: 1 });
    }
    await Actor.exit({ exitCode: 0 });
  },

  getEnv() {
    const env = process.env;
    return {
      actorId: env.ACTOR_ID || env.APIFY_ACTOR_ID || null,
      actorRunId: env.ACTOR_RUN_ID || env.APIFY_ACTOR_RUN_ID || null,
      actorBuildId: env.ACTOR_BUILD_ID || env.APIFY_ACTOR_BUILD_ID || null,
      userId: env.APIFY_USER_ID || null,
      token: env.APIFY_TOKEN || null,
      apiBaseUrl: env.APIFY_API_BASE_URL || null,
      defaultKeyValueStoreId: env.ACTOR_DEFAULT_KEY_VALUE_STORE_ID || env.APIFY_DEFAULT_KEY_VALUE_STORE_ID || null,
      defaultDatasetId: env.ACTOR_DEFAULT_DATASET_ID || env.APIFY_DEFAULT_DATASET_ID || null,
      inputKey: env.ACTOR_INPUT_KEY || env.APIFY_INPUT_KEY || 'INPUT',
      memoryMbytes: Number(env.ACTOR_MEMORY_MBYTES || env.APIFY_MEMORY_MBYTES) || null,
      timeoutAt: env.APIFY_TIMEOUT_AT ? new Date(env.APIFY_TIMEOUT_AT) : null,
      isAtHome: env.APIFY_IS_AT_HOME === '1',
    };
  },

  isAtHome() {
    return process.env.APIFY_IS_AT_HOME === '1';
  },

  async openKeyValueStore(id) {
    return new KeyValueStore(id || Actor.getEnv().defaultKeyValueStoreId);
  },

  async openDataset(id) {
    return new Dataset(id || Actor.getEnv().defaultDatasetId);
  },

  async getInput() {
    return Actor.getValue(Actor.getEnv().inputKey);
  },

  async getValue(key, defaultValue) {
    return (await Actor.openKeyValueStore()).getValue(key, defaultValue);
  },

  async setValue(key, value, options) {
    return (await Actor.openKeyValueStore()).setValue(key, value, options);
  },

  async pushData(data) {
    return (await Actor.openDataset()).pushData(data);
  },

  /** Asks the platform to turn this run into a run of another actor; the platform then stops this process. */
  async metamorph(targetActorId, input, options = {}) {
    const query = new URLSearchParams({ targetActorId: targetActorId.replace('/', '~') });
    if (options.build) query.set('build', options.build);
    const body = input === undefined ? undefined : serialise(input, options.contentType);
    await request('POST', `actor-runs/${Actor.getEnv().actorRunId}/metamorph?${query}`, body ?? {});
    await new Promise(() => {});
  },
};

module.exports = Actor;
module.exports.Actor = Actor;
module.exports.KeyValueStore = KeyValueStore;
module.exports.Dataset = Dataset;
module.exports.log = log;
module.exports.default = Actor;
