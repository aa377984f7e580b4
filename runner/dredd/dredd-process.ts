// Runs Dredd through its Node API, in a process of its own (started by run-dredd.ts under tsx), and writes what happened
// to a JSON file: per transaction results from Dredd's event emitter, the spec's transaction list, and the signals the
// hooks send (loaded, cleanup). Dredd's usual console output still goes to stdout/stderr, redacted.
import { EventEmitter } from 'node:events';
import { writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readEnvironment } from '../../common/config.ts';
import type { CleanupReport } from '../../common/fixtures/index.ts';
import { redactProcessOutput } from '../../common/output-redaction.ts';
import { createRedactor } from '../../common/redact.ts';
import { type TransactionOrigin, transactionNameOf } from '../../common/spec-contract.ts';
import { CLEANUP_DONE_EVENT, HOOKS_BROKEN_EVENT, HOOKS_LOADED_EVENT } from '../../hooks/lib/events.ts';
import { installParseCache } from './parse-cache.ts';
import type { DreddProcessReport, DreddTransactionResult } from './result.ts';

export interface DreddProcessOptions {
  endpoint: string;
  /** The spec's files, in document order. */
  spec: string[];
  hookfiles: string;
  reportFile: string;
  color: boolean;
  sorted: boolean;
}

interface Message {
  method?: string;
  uri?: string;
  statusCode?: string | number;
  headers?: Record<string, string>;
  body?: string;
}

interface DreddTest {
  title?: string;
  message?: string;
  duration?: number;
  origin?: TransactionOrigin;
  request?: Message;
  expected?: Message;
  actual?: Message;
}

interface ApiDescription {
  transactions: Array<{ origin: TransactionOrigin }>;
  annotations: Array<{ type: string; message: string; component?: string }>;
}

type DreddConstructor = new (
  config: Record<string, unknown>,
) => {
  run(callback: (error: Error | null, stats: unknown) => void): void;
};

const options = JSON.parse(process.argv[2] ?? '{}') as DreddProcessOptions;
const environment = readEnvironment();
const redactor = createRedactor([environment.APIFY_TOKEN, environment.APIFY_TOKEN_2]);
redactProcessOutput(redactor);

const report: DreddProcessReport = {
  hooksLoaded: false,
  hookLoadFailures: [],
  hookProblems: [],
  specTransactions: undefined,
  specAnnotations: [],
  results: [],
  finished: false,
};

const writeReport = (): void => writeFileSync(options.reportFile, JSON.stringify(redactor.value(report)));

(process as NodeJS.EventEmitter).on(HOOKS_LOADED_EVENT, () => {
  report.hooksLoaded = true;
});
(process as NodeJS.EventEmitter).on(HOOKS_BROKEN_EVENT, (problem: string) => {
  if (!report.hookProblems.includes(problem)) report.hookProblems.push(problem);
});
(process as NodeJS.EventEmitter).on(CLEANUP_DONE_EVENT, (cleanup: CleanupReport) => {
  report.cleanup = cleanup;
  writeReport();
});

const require = createRequire(import.meta.url);
await installParseCache(require, options.spec);
const Dredd = (require('dredd') as { default?: DreddConstructor }).default ?? (require('dredd') as DreddConstructor);
type LogMethod = (...args: unknown[]) => unknown;
const logger = (require('dredd/build/logger') as { default: { warn: LogMethod; log: LogMethod } }).default;

// Dredd only warns when a hook file fails to load, and then runs without it.
const warn = logger.warn.bind(logger);
logger.warn = (...args: unknown[]) => {
  if (String(args[0]).includes('Skipping hook loading')) report.hookLoadFailures.push(String(args[0]).split('\n')[0]);
  return warn(...args);
};
// Parser and compiler annotations are logged one by one; when one is an error, Dredd stops before 'start'.
const log = logger.log.bind(logger);
logger.log = (...args: unknown[]) => {
  const message = String(args[1] ?? '');
  if (/^API description /.test(message) && !report.specAnnotations.includes(message)) report.specAnnotations.push(message);
  return log(...args);
};

// run-dredd.ts reads each result from file descriptor 3 as it comes (one JSON line each), for progress displays.
const PROGRESS_FD = 3;

const record = (status: DreddTransactionResult['status'], test: DreddTest, message: string): void => {
  const result: DreddTransactionResult = redactor.value({
    name: transactionNameOf(test.origin),
    status,
    message: status === 'pass' ? '' : message.trim(),
    durationMs: typeof test.duration === 'number' && Number.isFinite(test.duration) ? test.duration : 0,
    request: test.request && {
      method: String(test.request.method ?? ''),
      uri: String(test.request.uri ?? ''),
      headers: test.request.headers ?? {},
      body: test.request.body,
    },
    expected: test.expected && { statusCode: test.expected.statusCode?.toString(), headers: test.expected.headers, body: test.expected.body },
    actual: test.actual && { statusCode: Number(test.actual.statusCode), headers: test.actual.headers, body: test.actual.body },
  });
  report.results.push(result);
  writeSync(PROGRESS_FD, `${JSON.stringify(result)}\n`);
};

const emitter = new EventEmitter();
emitter.on('start', (descriptions: ApiDescription[], callback: () => void) => {
  report.specTransactions = descriptions.flatMap((description) => description.transactions.map((t) => transactionNameOf(t.origin)));
  for (const annotation of descriptions.flatMap((description) => description.annotations)) {
    const text = `${annotation.type}${annotation.component ? ` (${annotation.component})` : ''}: ${annotation.message}`;
    if (!report.specAnnotations.some((logged) => logged.includes(annotation.message))) report.specAnnotations.push(text);
  }
  callback();
});
// Registered after Dredd's base reporter (which sets test.duration) has seen each event.
emitter.on('test pass', (test: DreddTest) => setImmediate(() => record('pass', test, '')));
emitter.on('test fail', (test: DreddTest) => setImmediate(() => record('fail', test, test.message ?? '')));
emitter.on('test skip', (test: DreddTest) => setImmediate(() => record('skip', test, test.message ?? 'skipped')));
emitter.on('test error', (error: Error, test: DreddTest) => setImmediate(() => record('fail', test, `the request failed: ${error.message}`)));

process.once('beforeExit', () => {
  // Reached only if Dredd never called back: a hook that never finished, or one Dredd never calls.
  if (!report.finished) writeReport();
});

new Dredd({
  endpoint: options.endpoint,
  path: options.spec,
  hookfiles: [options.hookfiles],
  require: 'tsx/cjs',
  emitter,
  color: options.color,
  sorted: options.sorted,
  loglevel: 'warn',
}).run((error) => {
  setImmediate(() => {
    report.finished = true;
    if (error) report.runError = error.message;
    writeReport();
    process.exit(error ? 2 : report.results.every((result) => result.status === 'pass') ? 0 : 1);
  });
});
