import { formatConfigError } from '../common/config.ts';
import { parseArgs, USAGE } from './args.ts';
import { EXIT } from './exit-codes.ts';
import { runConformance, sweepOnly } from './run.ts';
import { TargetError } from './target.ts';

// `npm run conformance`: the gate's one command. Configuration problems and an unusable target end with exit 2 and one
// readable message, never a stack trace.
async function main(): Promise<number> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    print(USAGE);
    return EXIT.passed;
  }
  if (args.sweepOnly) return sweepOnly(args.env, print);

  const interrupt = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      print(`\n${signal}: stopping, removing what this run created, writing the reports...`);
      interrupt.abort();
    });
  }
  const { exitCode } = await runConformance({ overrides: args.env, reportsDir: args.reportsDir, print, signal: interrupt.signal });
  return interrupt.signal.aborted ? EXIT.broken : exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = formatConfigError(error) ?? (error instanceof TargetError ? `Target error: ${error.message}` : undefined);
    if (message === undefined) {
      process.stderr.write(`The suite broke: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    } else {
      process.stderr.write(`${message}\n`);
    }
    process.exit(EXIT.broken);
  },
);
