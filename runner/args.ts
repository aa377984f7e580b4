import { parseArgs as parseOptions } from 'node:util';
import type { Environment } from '../common/config.ts';

export interface RunnerArgs {
  help: boolean;
  version: boolean;
  /** Print every check (id, features, tags, rule, spec link) without running any. */
  list: boolean;
  /** Print every feature a target may implement, for a profile's `features` or --features. */
  listFeatures: boolean;
  /** After the run, write a profile for the target as it stands to this file. */
  writeProfile: string | undefined;
  /** Also write every exchange to exchanges.har beside the reports. */
  har: boolean;
  /** An earlier run's summary.json to compare this run with. */
  baseline: string | undefined;
  /** Only remove what earlier runs left behind, then exit. */
  sweepOnly: boolean;
  reportsDir: string;
  /** Settings given on the command line, as the environment variables they stand for (they win over the environment). */
  env: Environment;
}

export const USAGE = `Usage: apify-conformance run [options]   (in a clone: npm run conformance -- [options])

Runs the conformance gate (Dredd + the Vitest suites) against APIFY_API_BASE_URL, or the embedded emulator when unset.

Options (each also settable in the environment or .env; --name=value works too):
  -u, --base-url <url>    the API root of the target, without /v2                  (APIFY_API_BASE_URL)
  -s, --select <list>     check families, ids or tag:<tag>, comma-separated; may repeat (CONFORMANCE_SELECT)
  -t, --tag <tag>         shorthand for --select tag:<tag>; may repeat
  -x, --exclude <list>    families, ids or tag:<tag> to leave out; may repeat      (CONFORMANCE_EXCLUDE)
  -p, --profile <name>    emulator | apify-live | apify-live-scaled | generic | path/to/profile.json    (CONFORMANCE_PROFILE)
  --features <list>       the features the target implements (default: the profile's, else all);
                          checks of other features are reported not-supported      (CONFORMANCE_FEATURES)
  --read-only             only checks that create nothing on the target            (CONFORMANCE_READ_ONLY=1)
  --fail-on-skip          a check that did not run fails the run                   (CONFORMANCE_FAIL_ON_SKIP=1)
  --slow                  also run what outwaits a run-sync cap over 10 s to see its 408
                          (5 minutes each on the live API)                          (CONFORMANCE_SLOW=1)
  -H, --header <h>        'Name: value' sent with every request to the target (e.g. a gateway's key;
                          never printed); may repeat                               (CONFORMANCE_HEADERS, one per line)
  --wait-for-target <s>   wait up to s seconds for the target to answer before judging it
                                                                                   (CONFORMANCE_WAIT_FOR_TARGET_SECS)
  --sweep                 remove what earlier runs left on the target (names with CONFORMANCE_RESOURCE_PREFIX), then exit
  -r, --reports <dir>     where to write summary.json, junit.xml and report.html (default: reports)
  --baseline <file>       an earlier run's summary.json: report what is newly failing, newly passing, new drift
  --har                   also write every request and response of the run (redacted) to exchanges.har
  --write-profile <file>  after the run, write a profile of the target as it stands: the features it passed
                          checks of, each failing check as an expectation whose reason you fill in
  --list                  print every check (id, features, tags, rule, spec link) and exit; nothing is run
  --list-features         print every feature a target may implement and exit
  -v, --version           print the suite's version
  -h, --help              this text

Exit status: 0 every check passed or failed as the profile expects; 1 the target failed the gate; 2 the suite broke.`;

/** A command line the runner does not understand. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const OPTIONS = {
  'base-url': { type: 'string', short: 'u' },
  select: { type: 'string', short: 's', multiple: true },
  tag: { type: 'string', short: 't', multiple: true },
  exclude: { type: 'string', short: 'x', multiple: true },
  profile: { type: 'string', short: 'p' },
  features: { type: 'string' },
  'read-only': { type: 'boolean' },
  'fail-on-skip': { type: 'boolean' },
  slow: { type: 'boolean' },
  'wait-for-target': { type: 'string' },
  header: { type: 'string', short: 'H', multiple: true },
  sweep: { type: 'boolean' },
  reports: { type: 'string', short: 'r' },
  'write-profile': { type: 'string' },
  har: { type: 'boolean' },
  baseline: { type: 'string' },
  list: { type: 'boolean' },
  'list-features': { type: 'boolean' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseArgs(argv: string[]): RunnerArgs {
  let values: ReturnType<typeof parseOptions<{ options: typeof OPTIONS; args: string[] }>>['values'];
  try {
    ({ values } = parseOptions({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${describeParseError(error)}\n\n${USAGE}`);
  }
  const env: Environment = {};
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) env[name] = value;
  };
  set('APIFY_API_BASE_URL', values['base-url']);
  const select = [...(values.select ?? []), ...(values.tag ?? []).map((tag) => `tag:${tag}`)];
  if (select.length > 0) env.CONFORMANCE_SELECT = select.join(',');
  if (values.exclude) env.CONFORMANCE_EXCLUDE = values.exclude.join(',');
  set('CONFORMANCE_PROFILE', values.profile);
  set('CONFORMANCE_FEATURES', values.features);
  if (values['read-only']) env.CONFORMANCE_READ_ONLY = '1';
  if (values['fail-on-skip']) env.CONFORMANCE_FAIL_ON_SKIP = '1';
  if (values.slow) env.CONFORMANCE_SLOW = '1';
  set('CONFORMANCE_WAIT_FOR_TARGET_SECS', values['wait-for-target']);
  if (values.header) env.CONFORMANCE_HEADERS = values.header.join('\n');
  return {
    help: values.help ?? false,
    version: values.version ?? false,
    list: values.list ?? false,
    listFeatures: values['list-features'] ?? false,
    writeProfile: values['write-profile'],
    har: values.har ?? false,
    baseline: values.baseline,
    sweepOnly: values.sweep ?? false,
    reportsDir: values.reports ?? 'reports',
    env,
  };
}

// Node's messages name the option but not always plainly; these keep the wording the runner has always used.
function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const quoted = /'([^']*)'/.exec(message)?.[1];
  const longName = /--[a-z-]+/.exec(message)?.[0];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option "${quoted}"`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && longName !== undefined) return `${longName} must be followed by a value`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument "${quoted}"`;
  return message;
}
