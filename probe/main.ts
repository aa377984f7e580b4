import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Environment, formatConfigError, loadConfig, readEnvironment } from '../common/config.ts';
import { ApiNetworkError } from '../common/http.ts';
import { type Redactor, redactorForSecrets } from '../common/redact.ts';
import { UsageError } from '../runner/args.ts';
import { EXIT, type ExitCode } from '../runner/exit-codes.ts';
import { loadProfile } from '../runner/profiles.ts';
import { PROBE_USAGE, parseProbeArgs } from './args.ts';
import { verdictOf } from './check-verdicts.ts';
import { gatherFacts } from './gather-facts.ts';
import { ProbeRunError } from './probe-run.ts';
import { fitProfile } from './profile-fit.ts';
import { formatReport } from './report.ts';

export interface ProbeIo {
  /** The environment the settings come from (with `.env` of `cwd` under it). */
  env: Environment;
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * `npm run probe`: asks the target what its profile rests on, writes the facts and prints how the profile fits them.
 * Exit 0 when everything it could judge fits, 1 when something no longer fits, 2 on a bad setting or a target that
 * does not answer, always with one readable line and never a token.
 */
export async function probeMain(argv: string[], io: ProbeIo): Promise<ExitCode> {
  let redactor: Redactor | undefined;
  try {
    const args = parseProbeArgs(argv);
    if (args.help) {
      io.stdout(`${PROBE_USAGE}\n`);
      return EXIT.passed;
    }
    const config = loadConfig(readEnvironment({ cwd: io.cwd, env: io.env }));
    redactor = redactorForSecrets(config);
    const profile = loadProfile(args.profile ?? config.profile ?? 'apify-live');
    const out = path.resolve(io.cwd, args.out);
    await mkdir(path.dirname(out), { recursive: true }).catch((error: Error) => {
      throw new UsageError(`--out: cannot create the folder of ${out} (${error.message})`);
    });
    const gathered = await gatherFacts({ config, profile, withRuns: args.withRuns });
    await writeFile(out, `${JSON.stringify(redactor.value(gathered.facts), null, 2)}\n`);
    const lines = fitProfile(profile, gathered.facts, (check) => verdictOf(check, gathered.anchors, gathered.answers));
    io.stdout(redactor.text(formatReport(`Probe of ${config.baseUrl} against the profile ${profile.name}; facts in ${out}`, lines)));
    return lines.some((line) => line.kind === 'no-longer-fits') ? EXIT.failed : EXIT.passed;
  } catch (error) {
    const text = describeProblem(error);
    if (text === undefined) throw error;
    io.stderr(`${redactor?.text(text) ?? text}\n`);
    return EXIT.broken;
  }
}

/** One line for a problem that is not a bug of the probe; undefined for anything else. */
function describeProblem(error: unknown): string | undefined {
  const config = formatConfigError(error);
  if (config !== undefined) return config;
  if (error instanceof UsageError) return `Usage error: ${error.message}\n\n${PROBE_USAGE}`;
  if (error instanceof ApiNetworkError) return `Target error: ${error.message}`;
  if (error instanceof ProbeRunError) return `Target error (--with-runs): ${error.message}`;
  return undefined;
}
