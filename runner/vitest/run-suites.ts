import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { createVitest } from 'vitest/node';
import type { Progress } from '../progress.ts';
import type { CheckResult } from '../results.ts';
import { CheckReporter } from './reporter.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SUITES_CONFIG = fileURLToPath(new URL('../../suites/vitest.config.ts', import.meta.url));
const RECORDER = fileURLToPath(new URL('../exchanges/recorder-setup.ts', import.meta.url));

export interface SuitesRunResult {
  results: CheckResult[];
  /** Why the suites did not run properly (no verdict on the target); empty when they did. */
  brokenReasons: string[];
  durationMs: number;
}

export interface RunSuitesOptions {
  /** The suite's settings for the target, laid over this process's environment (the workers inherit it). */
  env: Record<string, string>;
  redact: (text: string) => string;
  progress: Progress;
  /** Where the workers record their exchanges with the target (see runner/exchanges/). */
  exchangeDir: string;
  /** Aborted on SIGINT/SIGTERM: no further check starts, and the files' clean-up steps still run. */
  signal: AbortSignal;
  /** The suite folders to load (e.g. `suites/pagination`); all when undefined, none when empty. */
  folders?: string[];
}

/** Runs the Vitest suites in this process with suites/vitest.config.ts, plus the runner's exchange recorder. */
export async function runSuites(options: RunSuitesOptions): Promise<SuitesRunResult> {
  const started = performance.now();
  if (options.folders?.length === 0) return { results: [], brokenReasons: [], durationMs: 0 };
  Object.assign(process.env, options.env);
  const reporter = new CheckReporter(PROJECT_ROOT, options.redact, options.progress);
  const brokenReasons: string[] = [];
  try {
    const ownListeners = signalListeners();
    const vitest = await createVitest(
      'test',
      // A worker thread per selected folder at most: a thread costs a second of CPU to start, and a narrow selection
      // (the self-test judges each fault by a few checks) keeps its files busy only briefly.
      { config: SUITES_CONFIG, root: PROJECT_ROOT, run: true, watch: false, reporters: [reporter], ...threadsFor(options.folders) },
      { plugins: [recorderPlugin(options.exchangeDir)] },
    );
    // Vitest's logger exits the process on SIGINT/SIGTERM; the runner handles both itself, since it must cancel the
    // checks and then still clean up the target and write the reports.
    for (const [signal, listeners] of ownListeners) {
      for (const listener of process.listeners(signal)) if (!listeners.has(listener)) process.off(signal, listener);
    }
    const cancel = () => void vitest.cancelCurrentRun('keyboard-input');
    options.signal.addEventListener('abort', cancel, { once: true });
    const gaveUp = gaveUpAfterInterrupt(options.signal);
    try {
      // A folder is a filter on the files' paths: `<root>/suites/pagination/` keeps that folder's files only. Absolute,
      // since Vitest reads a relative filter against the working directory, which is the caller's under npx.
      const filters = options.folders?.map((folder) => `${PROJECT_ROOT}${folder}/`);
      if (!options.signal.aborted) await Promise.race([vitest.start(filters), gaveUp]);
    } finally {
      options.signal.removeEventListener('abort', cancel);
      await Promise.race([vitest.close(), gaveUp]);
    }
    if (await Promise.race([gaveUp, false])) brokenReasons.push(`the suites did not stop within ${STOP_GRACE_MS / 1000} s of the interruption`);
  } catch (error) {
    brokenReasons.push(`the suites did not start: ${options.redact(stripAnsi(error instanceof Error ? error.message : String(error)))}`);
  }
  brokenReasons.push(...reporter.brokenReasons);
  if (reporter.results.length === 0 && brokenReasons.length === 0) brokenReasons.push('the suites ran no check');
  return { results: reporter.results, brokenReasons, durationMs: Math.round(performance.now() - started) };
}

/** The suites' config runs three threads; a selection of fewer folders gets one per folder. */
function threadsFor(folders: string[] | undefined): { maxWorkers?: number } {
  return folders === undefined || folders.length >= 3 ? {} : { maxWorkers: folders.length };
}

/** How long an interrupted Vitest may take to stop its workers before the runner goes on to clean up without it. */
const STOP_GRACE_MS = 20_000;

// Resolves true once the run was interrupted and Vitest had STOP_GRACE_MS to stop. Vitest can wait forever on a worker
// the interruption killed, with nothing left to keep this process alive: it would end without cleaning up.
function gaveUpAfterInterrupt(signal: AbortSignal): Promise<true> {
  return new Promise((resolve) => {
    const arm = () => setTimeout(() => resolve(true), STOP_GRACE_MS);
    if (signal.aborted) arm();
    else signal.addEventListener('abort', arm, { once: true });
  });
}

// Added through a plugin so the setup file joins (rather than replaces) whatever setupFiles the suites' config has.
function recorderPlugin(exchangeDir: string): Plugin {
  return {
    name: 'conformance-exchange-recorder',
    config: () => ({ test: { setupFiles: [RECORDER], provide: { conformanceExchangeDir: exchangeDir } } }),
  };
}

function signalListeners(): Map<NodeJS.Signals, Set<NodeJS.SignalsListener>> {
  return new Map((['SIGINT', 'SIGTERM'] as const).map((signal) => [signal, new Set(process.listeners(signal))]));
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
