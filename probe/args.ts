import { parseArgs as parseOptions } from 'node:util';
import { UsageError } from '../runner/args.ts';

export interface ProbeArgs {
  help: boolean;
  /** Where the facts JSON goes. */
  out: string;
  /** The profile to compare with (a name in profiles/ or a file); undefined: CONFORMANCE_PROFILE, else apify-live. */
  profile: string | undefined;
  /** Allowed to create an actor, build it and start a run, to measure the wait cap when the account has no run going. */
  withRuns: boolean;
}

export const DEFAULT_OUT = 'reports/probe/facts.json';

export const PROBE_USAGE = `Usage: npm run probe -- [options]

Asks the target at APIFY_API_BASE_URL (token: APIFY_TOKEN) what a profile rests on, writes the facts and prints each
profile entry that no longer fits. It reads; it creates something only with --with-runs.

Options:
  --out <file>          where to write the facts (default: ${DEFAULT_OUT})
  -p, --profile <name>  the profile to compare with: emulator | apify-live | apify-live-scaled | generic | path/to/profile.json
                        (default: CONFORMANCE_PROFILE, else apify-live)
  --with-runs           when the account has no run going, create an actor, build it and run it (128 MB, aborted
                        once the waitForFinish cap is timed), then remove it: a build and about a cap's worth of run
  -h, --help            this text

Exit status: 0 everything the probe could judge fits the profile; 1 something no longer fits; 2 a bad setting or an
unreachable target.`;

const OPTIONS = {
  out: { type: 'string' },
  profile: { type: 'string', short: 'p' },
  'with-runs': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseProbeArgs(argv: string[]): ProbeArgs {
  let values: ReturnType<typeof parseOptions<{ options: typeof OPTIONS; args: string[] }>>['values'];
  try {
    ({ values } = parseOptions({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    // Node's own message names the option; its advice about positionals is beside the point here.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
  const out = values.out ?? DEFAULT_OUT;
  if (out.trim() === '') throw new UsageError('--out must name a file');
  return { help: values.help ?? false, out, profile: values.profile, withRuns: values['with-runs'] ?? false };
}
