import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SPEC_FILES } from '../common/spec-contract.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** What a report needs to say which run it is: of which suite, against which contract, on which machine. */
export interface RunIdentity {
  /** CONFORMANCE_RUN_ID: every resource the run created carries it. */
  id: string;
  /** The suite's package version. */
  suiteVersion: string;
  /** The suite's git commit; null outside a git checkout (an installed package). */
  commit: string | null;
  /** SHA-256 of the spec files, first 12 hex digits: two runs with the same hash judged the same contract. */
  specHash: string;
  hostname: string;
}

/** The version in the suite's package.json. */
export function suiteVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export async function runIdentity(runId: string): Promise<RunIdentity> {
  const spec = createHash('sha256');
  for (const file of SPEC_FILES) spec.update(readFileSync(file));
  const commit = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: PROJECT_ROOT }).then(
    ({ stdout }) => stdout.trim() || null,
    () => null,
  );
  return { id: runId, suiteVersion: suiteVersion(), commit, specHash: spec.digest('hex').slice(0, 12), hostname: hostname() };
}
