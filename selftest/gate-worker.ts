// A self-test worker: one long-lived process that loads the gate once and runs it for case after case, each exactly as
// `npm run conformance` would (its command line parsed by the runner, its own embedded emulator on a free port, its own
// reports directory). Loading the runner, Vitest and the emulator costs a run about a third of its CPU; paid once per
// worker instead of once per case, the whole catalogue fits the self-test's budget. selftest/run-case.ts drives it.
import { parseArgs } from '../runner/args.ts';
import { runConformance } from '../runner/run.ts';
import type { CaseReply, CaseRequest } from './run-case.ts';

let current: AbortController | undefined;

// SIGTERM stops the case running (its checks end, it removes what it created and writes its reports), as it stops the
// runner; the worker then waits for its next case.
process.on('SIGTERM', () => current?.abort());
process.on('SIGINT', () => current?.abort());

process.on('message', (request: CaseRequest) => {
  void runOne(request).then((reply) => process.send?.(reply));
});
// The self-test is done with this worker.
process.on('disconnect', () => process.exit(0));

async function runOne(request: CaseRequest): Promise<CaseReply> {
  resetEnvironment(request.env);
  current = new AbortController();
  try {
    const args = parseArgs(request.argv);
    const { exitCode } = await runConformance({
      overrides: args.env,
      reportsDir: args.reportsDir,
      print: (line) => process.stdout.write(`${line}\n`),
      signal: current.signal,
    });
    return { exitCode };
  } catch (error) {
    process.stdout.write(`The suite broke: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return { exitCode: 2 };
  } finally {
    current = undefined;
  }
}

// Each case runs in exactly the environment the self-test gives it, so nothing one case set (the runner lays the suite's
// settings over process.env for its workers) reaches the next.
function resetEnvironment(env: Record<string, string>): void {
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
  Object.assign(process.env, env);
}
