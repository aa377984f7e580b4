// `npm run selftest`: the whole gate against the clean emulator and each correct variation, and each fault of the
// catalogue alone against the checks that must catch it, a few cases at a time; then the kill matrix (printed, and
// written to reports/selftest.json). Exit 0 only when the clean run and every variation pass, every fault is caught
// and every check family caught a fault.
import path from 'node:path';
import { allCases, type SelfTestCase, selectCases } from './cases.ts';
import type { CaseRun } from './kill-matrix.ts';
import { buildReport, formatReport, writeReport } from './report.ts';
import { type CaseResult, GateWorker } from './run-case.ts';

const USAGE = `Usage: npm run selftest -- [options] [case id ...]

Runs npm run conformance against the embedded emulator: clean, with each correct variation (EMULATOR_VARIATIONS) and
with each fault (EMULATOR_FAULTS), and writes the kill matrix to <reports>/selftest.json. Case ids limit the run.

Options:
  --parallel <n>   fault cases at a time, one worker each (default: SELFTEST_PARALLEL, else 3); correct cases run alone
  --reports <dir>  where selftest.json and one directory per case go (default: reports)
  --help           this text

Exit status: 0 passed; 1 a fault went uncaught, a correct implementation failed, or a family caught nothing; 2 usage.`;

// A case keeps less than a core busy (it spends seconds waiting on held requests): on 2 cores, three workers ran the 167
// faults in 282 s (2026-12-02), with no flaky check.
const DEFAULT_PARALLEL = 3;

interface Args {
  ids: string[];
  parallel: number;
  reportsDir: string;
}

function parseArgs(argv: string[]): Args | 'help' {
  const args: Args = { ids: [], parallel: Number(process.env.SELFTEST_PARALLEL?.trim() || DEFAULT_PARALLEL), reportsDir: 'reports' };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const value = () => {
      i += 1;
      const next = argv[i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--parallel') args.parallel = Number(value());
    else if (arg === '--reports') args.reportsDir = value();
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else args.ids.push(arg);
  }
  if (!Number.isInteger(args.parallel) || args.parallel < 1) throw new Error('--parallel (SELFTEST_PARALLEL) must be a whole number from 1');
  return args;
}

async function main(): Promise<number> {
  let args: Args | 'help';
  let cases: SelfTestCase[];
  try {
    args = parseArgs(process.argv.slice(2));
    if (args === 'help') {
      console.log(USAGE);
      return 0;
    }
    cases = selectCases(allCases(), args.ids);
  } catch (error) {
    console.error(`Usage error: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { parallel, reportsDir } = args;
  const casesDir = path.join(reportsDir, 'selftest');
  const startedAt = new Date();
  const workers = Array.from({ length: parallel }, () => new GateWorker());
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.log(`\n${signal}: stopping the ${workers.filter((w) => w.busy).length} case(s) running; each removes what it created`);
      for (const worker of workers) worker.interrupt();
    });
  }

  console.log(`Self-test: ${cases.length} case(s), the correct ones alone, then the faults ${parallel} at a time; per-case reports in ${casesDir}/<case>/`);
  const runs: CaseRun[] = [];
  // The correct cases run the whole gate, alone: beside other runs of the gate on 2 cores, a run starts too slowly for
  // the run-sync cap. The faults, each judged by the few checks that must catch it, then run `parallel` at a time.
  const runAll = async (queue: SelfTestCase[], slots: GateWorker[]) => {
    let next = 0;
    const drain = async (worker: GateWorker) => {
      while (!interrupted && next < queue.length) {
        const testCase = queue[next++]!;
        const result = await worker.run(testCase, casesDir);
        runs.push({ testCase, result });
        console.log(`[${runs.length}/${cases.length}] ${describe(testCase, result)}`);
      }
    };
    await Promise.all(slots.map(drain));
  };
  await runAll(
    cases.filter((c) => c.kind !== 'fault'),
    workers.slice(0, 1),
  );
  await runAll(
    cases.filter((c) => c.kind === 'fault'),
    workers,
  );

  // A correct implementation that failed runs once more, alone, to tell a false alarm from a check that flakes under load.
  for (const run of runs) {
    if (interrupted || run.testCase.kind === 'fault' || run.result.exitCode === 0) continue;
    console.log(`Rerunning ${run.testCase.id} alone`);
    run.rerun = await workers[0]!.run({ ...run.testCase, id: `${run.testCase.id}-rerun` }, casesDir);
    console.log(`  ${describe(run.testCase, run.rerun)}`);
  }
  for (const worker of workers) worker.close();

  const order = new Map(cases.map((c, index) => [c.id, index]));
  runs.sort((a, b) => order.get(a.testCase.id)! - order.get(b.testCase.id)!);
  const report = buildReport(runs, { startedAt, parallel, interrupted, complete: !interrupted && args.ids.length === 0 });
  const file = path.join(reportsDir, 'selftest.json');
  await writeReport(file, report);
  for (const line of formatReport(report)) console.log(line);
  console.log(`Report: ${file}`);
  return report.passed ? 0 : 1;
}

function describe(testCase: SelfTestCase, result: CaseResult): string {
  const took = `${(result.durationMs / 1000).toFixed(0)} s`;
  const failing = result.failing.length;
  if (testCase.kind === 'fault') {
    return `fault ${testCase.id}: ${failing > 0 ? `caught by ${failing} check(s)` : 'NOT CAUGHT'} (exit ${result.exitCode}, ${took})`;
  }
  const verdict = result.exitCode === 0 ? 'passed' : `FAILED (${result.outcome}${failing > 0 ? `: ${result.failing.map((c) => c.id).join(', ')}` : ''})`;
  return `${testCase.kind} ${testCase.id}: ${verdict} (${took})`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`The self-test broke: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);
