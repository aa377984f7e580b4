import dotenv from 'dotenv';
import { formatConfigError } from '../common/config.ts';
import { useProxyFromEnvironment } from '../common/network.ts';
import { parseArgs, USAGE, UsageError } from './args.ts';
import { EXIT } from './exit-codes.ts';

const DUPLICATE_SIGNAL_MS = 2000;

// `npm run conformance`: the gate's one command. Configuration problems and an unusable target end with exit 2 and one
// readable message, never a stack trace. The gate itself (Vitest, Dredd, the emulator) is loaded only once the command
// line asks for it, so the usage text and usage errors come at once.
async function main(): Promise<number> {
  // .env under the real environment (which wins), for the suite's settings and the embedded emulator's EMULATOR_* alike.
  dotenv.config({ quiet: true });
  useProxyFromEnvironment();
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    print(USAGE);
    return EXIT.passed;
  }
  if (args.version) {
    const { suiteVersion } = await import('./run-identity.ts');
    print(suiteVersion());
    return EXIT.passed;
  }
  if (args.listFeatures) {
    const { FEATURES } = await import('../common/features.ts');
    for (const [feature, description] of Object.entries(FEATURES)) print(`${feature.padEnd(22)} ${description}`);
    return EXIT.passed;
  }
  if (args.list) {
    const { formatList, listChecks } = await import('./list.ts');
    for (const line of formatList(await listChecks())) print(line);
    return EXIT.passed;
  }
  const { runConformance, sweepOnly } = await import('./run.ts');
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
  // GitHub Actions sets these for every step; they are the CI's, not settings of the suite.
  const github = process.env.GITHUB_ACTIONS === 'true' ? { stepSummaryFile: process.env.GITHUB_STEP_SUMMARY || undefined } : undefined;
  const { summary, exitCode } = await runConformance({
    overrides: args.env,
    reportsDir: args.reportsDir,
    print,
    signal: interrupt.signal,
    github,
    har: args.har,
    baseline: args.baseline,
  });
  if (args.writeProfile !== undefined && summary.outcome !== 'broken') {
    const { writeProfileOf } = await import('./write-profile.ts');
    await writeProfileOf(summary, args.writeProfile);
    print(`Profile: ${args.writeProfile} (fill in each expectation's reason before using it)`);
  }
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
  async (error: unknown) => {
    finished = true;
    process.stderr.write(`${await describeFailure(error)}\n`);
    process.exit(EXIT.broken);
  },
);

async function describeFailure(error: unknown): Promise<string> {
  const config = formatConfigError(error);
  if (config !== undefined) return config;
  if (error instanceof UsageError) return `Usage error: ${error.message}`;
  const { TargetError } = await import('./target.ts');
  if (error instanceof TargetError) return `Target error: ${error.message}`;
  return `The suite broke: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
