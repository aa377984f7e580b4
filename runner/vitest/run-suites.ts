import { startVitest } from 'vitest/node';
import { fileURLToPath } from 'node:url';
import type { CheckResult } from '../results.ts';
import { CheckReporter } from './reporter.ts';

const SUITES_CONFIG = fileURLToPath(new URL('../../suites/vitest.config.ts', import.meta.url));

export interface SuitesRunResult {
  results: CheckResult[];
  /** Why the suites did not run properly (no verdict on the target); empty when they did. */
  brokenReasons: string[];
  durationMs: number;
}

/**
 * Runs the Vitest suites in this process. Their workers inherit `env` (laid over this process's environment), which
 * carries the target and the suite's settings exactly as the runner resolved them.
 */
export async function runSuites(options: {
  env: Record<string, string>;
  redact: (text: string) => string;
  print: (line: string) => void;
}): Promise<SuitesRunResult> {
  const started = performance.now();
  Object.assign(process.env, options.env);
  const reporter = new CheckReporter(options.redact, options.print);
  const brokenReasons: string[] = [];
  try {
    const vitest = await startVitest('test', [], {
      config: SUITES_CONFIG,
      run: true,
      watch: false,
      reporters: [reporter],
    });
    await vitest.close();
  } catch (error) {
    brokenReasons.push(`the suites did not start: ${options.redact(stripAnsi((error as Error).message))}`);
  }
  if (reporter.results.length === 0 && brokenReasons.length === 0) brokenReasons.push('the suites ran no check');
  for (const error of reporter.unhandledErrors) brokenReasons.push(`unhandled error in the suites: ${error}`);
  return { results: reporter.results, brokenReasons, durationMs: Math.round(performance.now() - started) };
}

// Vitest's start-up errors carry terminal colour codes, which would litter the reports.
function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
