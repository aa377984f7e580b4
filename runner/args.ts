import type { Environment } from '../common/config.ts';

export interface RunnerArgs {
  help: boolean;
  /** Print every check (id, features, tags, rule, spec link) without running any. */
  list: boolean;
  /** Print every feature a target may implement, for a profile's `features` or --features. */
  listFeatures: boolean;
  /** After the run, write a profile for the target as it stands to this file. */
  writeProfile: string | undefined;
  /** Only remove what earlier runs left behind, then exit. */
  sweepOnly: boolean;
  reportsDir: string;
  /** Settings given on the command line, as the environment variables they stand for (they win over the environment). */
  env: Environment;
}

export const USAGE = `Usage: npm run conformance -- [options]

Runs the conformance gate (Dredd + the Vitest suites) against APIFY_API_BASE_URL, or the embedded emulator when unset.

Options (each also settable in the environment or .env):
  --select <list>     check families, ids or tag:<tag>, comma-separated      (CONFORMANCE_SELECT)
  --tag <tag>         shorthand for --select tag:<tag>; may repeat
  --read-only         only checks that create nothing on the target          (CONFORMANCE_READ_ONLY=1)
  --fail-on-skip      a check that did not run fails the run                 (CONFORMANCE_FAIL_ON_SKIP=1)
  --profile <name>    emulator | apify-live | generic | path/to/profile.json  (CONFORMANCE_PROFILE)
  --features <list>   the features the target implements (default: the profile's, else all); checks
                      of other features are reported not-supported            (CONFORMANCE_FEATURES)
  --write-profile <file>  after the run, write a profile of the target as it stands: the features it
                      passed checks of, each failing check as an expectation whose reason you fill in
  --sweep             remove what earlier runs left on the target (names with CONFORMANCE_RESOURCE_PREFIX), then exit
  --reports <dir>     where to write summary.json, junit.xml and report.html (default: reports)
  --list              print every check (id, features, tags, rule, spec link) and exit; nothing is run
  --list-features     print every feature a target may implement and exit
  --help              this text

Exit status: 0 every check passed or failed as the profile expects; 1 the target failed the gate; 2 the suite broke.`;

/** A command line the runner does not understand. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseArgs(argv: string[]): RunnerArgs {
  const args: RunnerArgs = { help: false, list: false, listFeatures: false, writeProfile: undefined, sweepOnly: false, reportsDir: 'reports', env: {} };
  const select: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const value = () => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} must be followed by a value\n\n${USAGE}`);
      i += 1;
      return next;
    };
    switch (arg) {
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--list':
        args.list = true;
        break;
      case '--list-features':
        args.listFeatures = true;
        break;
      case '--features':
        args.env.CONFORMANCE_FEATURES = value();
        break;
      case '--write-profile':
        args.writeProfile = value();
        break;
      case '--sweep':
        args.sweepOnly = true;
        break;
      case '--read-only':
        args.env.CONFORMANCE_READ_ONLY = '1';
        break;
      case '--fail-on-skip':
        args.env.CONFORMANCE_FAIL_ON_SKIP = '1';
        break;
      case '--select':
        select.push(value());
        break;
      case '--tag':
        select.push(`tag:${value()}`);
        break;
      case '--profile':
        args.env.CONFORMANCE_PROFILE = value();
        break;
      case '--reports':
        args.reportsDir = value();
        break;
      default:
        throw new UsageError(`unknown option "${arg}"\n\n${USAGE}`);
    }
  }
  if (select.length > 0) args.env.CONFORMANCE_SELECT = select.join(',');
  return args;
}
