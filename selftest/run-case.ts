import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseOutcome } from './matrix.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
// A case that runs longer than this is stopped and counted as broken.
const CASE_TIMEOUT_MS = 10 * 60 * 1000;

interface SummaryChecks {
  checks: Array<{ id: string; layer: 'dredd' | 'vitest'; status: string }>;
}

/**
 * Runs the whole gate (`npm run conformance`, the embedded emulator) once, with the emulator set up by `emulatorEnv`
 * (EMULATOR_FAULTS or EMULATOR_VARIATIONS), and reads which checks failed from its summary.json.
 */
export async function runCase(
  spec: Pick<CaseOutcome, 'id' | 'kind' | 'family'>,
  emulatorEnv: Record<string, string>,
  reportsRoot: string,
): Promise<CaseOutcome> {
  const reportsDir = path.join(reportsRoot, spec.id);
  await mkdir(reportsDir, { recursive: true });
  const started = Date.now();
  const env: Record<string, string> = {};
  // The gate must target its embedded emulator; a user's target settings would point it elsewhere.
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(APIFY_|CONFORMANCE_|EMULATOR_)/.test(name)) env[name] = value;
  }
  const exitCode = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'runner/cli.ts', '--reports', reportsDir], {
      cwd: PROJECT_ROOT,
      env: { ...env, ...emulatorEnv },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), CASE_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? 2);
    });
  });
  const failedChecks = { dredd: [] as string[], vitest: [] as string[] };
  try {
    const summary = JSON.parse(await readFile(path.join(reportsDir, 'summary.json'), 'utf8')) as SummaryChecks;
    for (const check of summary.checks) {
      if (check.status === 'failed' || check.status === 'error') failedChecks[check.layer].push(check.id);
    }
  } catch {
    // No summary: the gate broke before writing one; the exit status says so.
  }
  return { ...spec, exitCode, failedChecks, durationMs: Date.now() - started };
}
