import dotenv from 'dotenv';
import { formatConfigError } from '../common/config.ts';
import { parseArgs, USAGE, UsageError } from './args.ts';
import { EXIT } from './exit-codes.ts';
import { formatList, listChecks } from './list.ts';
import { runConformance, sweepOnly } from './run.ts';
import { TargetError } from './target.ts';

const DUPLICATE_SIGNAL_MS = 2000;

// `npm run conformance`: the gate's one command. Configuration problems and an unusable target end with exit 2 and one
// readable message, never a stack trace.
async function main(): Promise<number> {
  // .env under the real environment (which wins), for the suite's settings and the embedded emulator's EMULATOR_* alike.
  dotenv.config({ quiet: true });
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    print(USAGE);
    return EXIT.passed;
  }
  if (args.list) {
    for (const line of formatList(await listChecks())) print(line);
    return EXIT.passed;
  }
  if (args.sweepOnly) return sweepOnly(args.env, print);

  const interrupt = new AbortController();
  let firstSignalAt = 0;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (!interrupt.signal.aborted) {
        firstSignalAt = Date.now();
        print(`\n${signal}: stopping; removing what this run created and writing the reports (send it again to stop at once)`);
        interrupt.abort();
        return;
      }
      // A Ctrl-C reaches the whole process group and wrappers (npm, tsx) relay it as well: the same keypress arrives
      // more than once within moments. A later one is the user insisting.
      if (Date.now() - firstSignalAt < DUPLICATE_SIGNAL_MS) return;
      process.stderr.write(`${signal} again: stopping without cleaning up; \`npm run conformance -- --sweep\` removes the leftovers\n`);
      process.exit(EXIT.broken);
    });
  }
  const { exitCode } = await runConformance({ overrides: args.env, reportsDir: args.reportsDir, print, signal: interrupt.signal });
  return exitCode;
}

// If every handle closed while the run still awaited something (a tool that lost track of its own child), Node would
// end quietly with whatever exit code that tool left behind; say so and exit as broken instead.
let finished = false;
process.once('beforeExit', () => {
  if (finished) return;
  process.stderr.write(
    'The suite broke: the run stalled before it could finish (nothing left to wait for); `npm run conformance -- --sweep` removes any leftovers\n',
  );
  process.exit(EXIT.broken);
});

main().then(
  (code) => {
    finished = true;
    process.exit(code);
  },
  (error: unknown) => {
    finished = true;
    process.stderr.write(`${describeFailure(error)}\n`);
    process.exit(EXIT.broken);
  },
);

function describeFailure(error: unknown): string {
  const config = formatConfigError(error);
  if (config !== undefined) return config;
  if (error instanceof UsageError) return `Usage error: ${error.message}`;
  if (error instanceof TargetError) return `Target error: ${error.message}`;
  return `The suite broke: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
