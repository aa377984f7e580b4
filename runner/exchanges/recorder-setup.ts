// A Vitest setup file the runner adds to the suites' run (runner/vitest/run-suites.ts). It wraps undici's global
// dispatcher, which common/http.ts sends every request through, so that each exchange with the target is appended to
// this worker's JSONL file, redacted, with the check that sent it. In read-only mode it also refuses, before anything
// reaches the target, every request that could change it.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { type Dispatcher, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { loadConfig } from '../../common/config.ts';
import { type Redactor, redactorForSecrets } from '../../common/redact.ts';
import { BODY_LIMIT, EXCHANGE_FILE_SUFFIX, effectiveMethod, READ_ONLY_BLOCKED, type RecordedExchange } from './exchange.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** Where the workers write their exchanges (set by the runner). */
    conformanceExchangeDir: string;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface RecorderState {
  file: string;
  checkId: string | undefined;
  source: string;
  readOnly: boolean;
  redactor: Redactor;
}

// One dispatcher wrapper per worker process, however many test files the worker runs.
const STATE_KEY = Symbol.for('apify-conformance.exchange-recorder');
const global = globalThis as { [STATE_KEY]?: RecorderState };

const config = loadConfig();
global[STATE_KEY] ??= install({
  file: path.join(inject('conformanceExchangeDir'), `${process.pid}-${threadId}${EXCHANGE_FILE_SUFFIX}`),
  checkId: undefined,
  source: '',
  readOnly: config.readOnly,
  redactor: redactorForSecrets(config),
});
const state: RecorderState = global[STATE_KEY];

// Vitest reads a hook's first parameter as a fixture list, which must be written as a destructuring pattern.
// biome-ignore lint/correctness/noEmptyPattern: Vitest reads the first parameter as a fixture list and needs a pattern.
beforeAll(({}, suite) => {
  state.source = suite.file.name;
});
beforeEach(({ task }) => {
  state.checkId = task.meta.check?.id;
});
afterEach(() => {
  state.checkId = undefined;
});

function install(recorder: RecorderState): RecorderState {
  setGlobalDispatcher(getGlobalDispatcher().compose(recording(recorder)));
  return recorder;
}

function recording(recorder: RecorderState): Dispatcher.DispatchInterceptor {
  return (dispatch) => (options, handler) => {
    const { redactor } = recorder;
    const requestBody = typeof options.body === 'string' || Buffer.isBuffer(options.body) ? String(options.body).slice(0, BODY_LIMIT) : undefined;
    const exchange: RecordedExchange = {
      layer: 'vitest',
      checkId: recorder.checkId,
      source: recorder.source,
      startedAt: Date.now(),
      durationMs: 0,
      method: String(options.method),
      url: redactor.url(options.path),
      requestContentType: headerOf(options.headers, 'content-type'),
      requestBody: requestBody === undefined ? undefined : redactor.text(requestBody),
      responseHeaders: {},
    };
    const started = performance.now();
    const chunks: Buffer[] = [];
    let size = 0;
    const write = (error?: Error & { code?: unknown }) => {
      exchange.durationMs = Math.round(performance.now() - started);
      if (error) exchange.error = redactor.text(typeof error.code === 'string' ? `${error.code}: ${error.message}` : error.message);
      const body = Buffer.concat(chunks).toString('utf8');
      if (chunks.length > 0) exchange.responseBody = redactor.text(body.slice(0, BODY_LIMIT));
      if (size > BODY_LIMIT) exchange.responseBodyTruncated = true;
      appendFileSync(recorder.file, `${JSON.stringify(exchange)}\n`);
    };

    if (recorder.readOnly && !SAFE_METHODS.has(effectiveMethod(exchange))) {
      const blocked = Object.assign(new Error(`read-only mode refused ${effectiveMethod(exchange)} ${exchange.url}: it could change the target`), {
        code: READ_ONLY_BLOCKED,
      });
      write(blocked);
      throw blocked;
    }
    return dispatch(options, {
      onRequestStart: (controller, context) => handler.onRequestStart?.(controller, context),
      onRequestUpgrade: (controller, status, headers, socket) => handler.onRequestUpgrade?.(controller, status, headers, socket),
      onResponseStart: (controller, status, headers, message) => {
        exchange.status = status;
        exchange.responseHeaders = redactor.headers(flatten(headers));
        return handler.onResponseStart?.(controller, status, headers, message);
      },
      onResponseData: (controller, chunk) => {
        if (size < BODY_LIMIT) chunks.push(chunk);
        size += chunk.length;
        return handler.onResponseData?.(controller, chunk);
      },
      onResponseEnd: (controller, trailers) => {
        write();
        return handler.onResponseEnd?.(controller, trailers);
      },
      onResponseError: (controller, error) => {
        write(error);
        return handler.onResponseError?.(controller, error);
      },
    });
  };
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function headerOf(headers: Dispatcher.DispatchOptions['headers'], name: string): string | undefined {
  if (headers === undefined || headers === null || Array.isArray(headers) || typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function')
    return undefined;
  const entry = Object.entries(headers as Record<string, string | string[] | undefined>).find(([key]) => key.toLowerCase() === name);
  return Array.isArray(entry?.[1]) ? entry[1].join(', ') : entry?.[1];
}
