import { LOG_PREFIX } from './events.ts';

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/** Longest time an interrupted run spends cleaning up before it exits anyway. */
const CLEANUP_GRACE_MS = 120_000;

/**
 * Runs `cleanup` before the process ends early: on SIGINT or SIGTERM (then exits 130 or 143; a second signal kills at
 * once), and when the event loop drains without the afterAll hook having run (a hook that never finished). Dredd's CLI
 * installs its own SIGINT handler, which calls a method Dredd 14 no longer has and would crash before cleanup; it is
 * replaced.
 */
export function cleanUpOnInterruption(cleanup: () => Promise<void>, isDone: () => boolean): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (listener.name === 'commandSigInt') process.removeListener(signal, listener);
    }
    process.once(signal, () => {
      process.stderr.write(`\n${LOG_PREFIX} ${signal}: removing what this run created before exiting...\n`);
      const timer = setTimeout(() => process.exit(EXIT_CODES[signal]), CLEANUP_GRACE_MS);
      timer.unref();
      cleanup().finally(() => process.exit(EXIT_CODES[signal]));
    });
  }
  process.once('beforeExit', () => {
    if (!isDone()) void cleanup();
  });
}
