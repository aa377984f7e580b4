import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createRedactor } from '../../common/redact.ts';
import { SPEC_FILES } from '../../common/spec-contract.ts';
import type { DreddProcessOptions } from './dredd-process.ts';
import type { DreddProcessReport, DreddRunResult, DreddTransactionResult } from './result.ts';

export type { DreddOutcome, DreddRunResult, DreddTransactionResult } from './result.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DREDD_PROCESS = fileURLToPath(new URL('./dredd-process.ts', import.meta.url));

export interface RunDreddOptions {
  /** The API root Dredd tests (the same as APIFY_API_BASE_URL in `env`). */
  baseUrl: string;
  /**
   * The suite's configuration for the Dredd process and its hooks, e.g. `configToEnvironment(config)`. It is laid over
   * this process's environment, so it should set every APIFY_* and CONFORMANCE_* variable.
   */
  env: Record<string, string>;
  /** The spec's files. Default: every file of spec/ (common/spec-contract.ts). */
  specPaths?: readonly string[];
  /**
   * The transactions CONFORMANCE_SELECT (in `env`) selects; the hooks have Dredd skip the others of the files. Default:
   * all, and any skip means the hooks went wrong.
   */
  selected?: readonly string[];
  /** Glob of hook files. Default: hooks/*.ts. */
  hookfiles?: string;
  /** Receives Dredd's output as it comes (already redacted). */
  onOutput?: (text: string) => void;
  /** Receives each transaction's result as soon as Dredd reports it, with how many have been reported so far. */
  onTransaction?: (result: DreddTransactionResult, reported: number) => void;
  /** Colour codes in Dredd's output. Default false. */
  color?: boolean;
  /**
   * Dredd's `sorted` option: run the transactions grouped by HTTP method (POST first, DELETE last) instead of in
   * document order. The hooks make every transaction self-sufficient, so the verdict must not change.
   */
  sorted?: boolean;
  /** Stops Dredd: it gets SIGTERM, so its hooks clean up before it exits. */
  signal?: AbortSignal;
}

/**
 * Runs Dredd on the spec with the conformance hooks against `baseUrl` and classifies the run: `passed`, `failed` (the
 * target broke the contract), or `broken` (the suite did not run properly: a parse error or spec warnings, no
 * transactions, hooks that did not load or reported a problem of their own (configuration, endpoint, a mistaken hook),
 * transactions skipped or never run).
 */
export async function runDredd(options: RunDreddOptions): Promise<DreddRunResult> {
  const started = performance.now();
  const workDir = await mkdtemp(path.join(tmpdir(), 'conformance-dredd-'));
  const reportFile = path.join(workDir, 'report.json');
  const redactor = createRedactor([options.env.APIFY_TOKEN, options.env.APIFY_TOKEN_2]);
  const processOptions: DreddProcessOptions = {
    endpoint: options.baseUrl,
    spec: [...(options.specPaths ?? SPEC_FILES)],
    hookfiles: options.hookfiles ?? 'hooks/*.ts',
    reportFile,
    color: options.color ?? false,
    sorted: options.sorted ?? false,
  };
  try {
    let output = '';
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', DREDD_PROCESS, JSON.stringify(processOptions)], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      });
      const [, stdout, stderr, progress] = child.stdio as unknown as [null, Readable, Readable, Readable];
      let reported = 0;
      createInterface({ input: progress }).on('line', (line) => {
        reported += 1;
        options.onTransaction?.(JSON.parse(line) as DreddTransactionResult, reported);
      });
      const collect = (chunk: Buffer) => {
        const text = redactor.text(chunk.toString('utf8'));
        output += text;
        options.onOutput?.(text);
      };
      stdout.on('data', collect);
      stderr.on('data', collect);
      const stop = () => child.kill('SIGTERM');
      options.signal?.addEventListener('abort', stop, { once: true });
      child.on('error', reject);
      child.on('close', (code) => {
        options.signal?.removeEventListener('abort', stop);
        resolve(code);
      });
    });
    const report = await readReport(reportFile);
    return classify(report, output, exitCode, performance.now() - started, options.selected);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function readReport(file: string): Promise<DreddProcessReport | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as DreddProcessReport;
  } catch {
    return undefined;
  }
}

function classify(
  report: DreddProcessReport | undefined,
  output: string,
  exitCode: number | null,
  durationMs: number,
  selected: readonly string[] | undefined,
): DreddRunResult {
  const transactions: DreddTransactionResult[] = report?.results ?? [];
  const specCount = report?.specTransactions?.length;
  const broken: string[] = [];
  if (report === undefined) {
    broken.push(`the Dredd process ended (exit code ${String(exitCode)}) without reporting anything`);
  } else {
    for (const problem of report.hookProblems) broken.push(`the hooks cannot do their job: ${problem}`);
    if (report.runError) broken.push(`Dredd stopped: ${report.runError}`);
    if (report.specAnnotations.length > 0) {
      broken.push(`the spec has parser or compiler annotations (Dredd drops or misreads what they point at): ${report.specAnnotations.join(' | ')}`);
    }
    if (specCount === 0) broken.push('the spec compiles to 0 transactions');
    for (const failure of report.hookLoadFailures) broken.push(`a hook file did not load: ${failure}`);
    if (!report.hooksLoaded) broken.push('the conformance hooks did not load (Dredd would run against example ids)');
    if (exitCode === 130 || exitCode === 143) {
      broken.push(`Dredd was interrupted (exit code ${exitCode}); the hooks cleaned up before it exited`);
    } else if (!report.finished && !report.runError) {
      broken.push('Dredd never finished: a hook did not call back, or took no parameters, so Dredd stopped waiting for it');
    }
    const skipped = transactions.filter((t) => t.status === 'skip' && (selected === undefined || selected.includes(t.name)));
    if (skipped.length > 0) {
      broken.push(`Dredd skipped ${skipped.length} selected transaction(s), which the hooks never do: ${skipped.map((t) => t.name).join(', ')}`);
    }
    if (specCount !== undefined && specCount > 0 && transactions.length !== specCount) {
      const ran = new Set(transactions.map((t) => t.name));
      const missing = (report.specTransactions ?? []).filter((name) => !ran.has(name));
      broken.push(
        `Dredd reported ${transactions.length} of the spec's ${specCount} transactions${missing.length ? `; never reported: ${missing.join(', ')}` : ''}`,
      );
    }
  }
  if (/Skipping hook loading/.test(output) && !broken.some((reason) => reason.startsWith('a hook file did not load'))) {
    broken.push('a hook file did not load (Dredd printed "Skipping hook loading")');
  }
  const outcome = broken.length > 0 ? 'broken' : transactions.every((t) => t.status !== 'fail') ? 'passed' : 'failed';
  return {
    outcome,
    brokenReasons: broken,
    transactions,
    specTransactions: report?.specTransactions,
    cleanup: report?.cleanup,
    output,
    exitCode,
    durationMs,
  };
}
