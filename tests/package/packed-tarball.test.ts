import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlledEnvironment, describeRun, PROJECT_ROOT, runCommand } from '../runner/e2e/support/cli-process.ts';
import { startEmulatorProcess } from '../runner/e2e/support/emulator-process.ts';
import { readReports } from '../runner/e2e/support/reports.ts';
import { freePort } from '../support/free-port.ts';

// The one-line way in (README "Judge your own server"): `npm pack`, the tarball installed into an empty folder, and
// `npx apify-conformance` run from there, against the embedded emulator and against an emulator started with
// `npx apify-conformance emulator`. Nothing of the clone is used but the tarball.

const { version } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
const TOKEN = 'packedTarballToken0000000';

let workDir: string;
let appDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'packed-tarball-'));
  const { stdout } = await promisify(execFile)('npm', ['pack', '--pack-destination', workDir, '--silent'], { cwd: PROJECT_ROOT });
  const tarball = path.join(workDir, stdout.trim().split('\n').at(-1)!);
  appDir = path.join(workDir, 'app');
  await mkdir(appDir);
  await writeFile(path.join(appDir, 'package.json'), JSON.stringify({ name: 'a-team-s-server-tests', private: true }));
  // The lockfile's packages are in npm's cache once the project is installed; the registry is asked only for the rest.
  await promisify(execFile)('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: appDir, timeout: 240_000 });
}, 300_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const npx = (args: string[], settings: Parameters<typeof controlledEnvironment>[0] = {}) =>
  runCommand('npx', ['--no-install', 'apify-conformance', ...args], { cwd: appDir, env: controlledEnvironment(settings) });

describe('the packed tarball, installed into an empty folder', () => {
  it('holds no tests, reports or local settings of the project', async () => {
    const installed = path.join(appDir, 'node_modules', 'apify-conformance');
    const top = await readdir(installed);
    for (const name of ['tests', 'reports', '.env', 'node_modules', 'bench']) expect(top).not.toContain(name);
    expect(top).toEqual(expect.arrayContaining(['bin', 'runner', 'suites', 'hooks', 'spec', 'emulator', 'profiles']));
  });

  it('answers --version and --help', async () => {
    const run = await npx(['--version']);
    expect(run.stdout.trim(), describeRun(run)).toBe(version);
    const help = await npx(['--help']);
    for (const command of ['run', 'list', 'sweep', 'emulator', 'selftest']) expect(help.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
  });

  it("judges the embedded emulator, with the reports in the caller's folder", async () => {
    const run = await npx(['run', '--select', 'errors,tag:spec/09-users.apib', '--reports', 'reports']);
    expect(run.code, describeRun(run)).toBe(0);
    const { summary } = await readReports(path.join(appDir, 'reports'));
    expect(summary.target.kind).toBe('embedded-emulator');
    expect(summary.totals.passed).toBeGreaterThan(5);
    expect(summary.checks.some((c) => c.layer === 'dredd' && c.status === 'passed')).toBe(true);
  });

  it('judges an emulator started with `apify-conformance emulator`, waiting for it with --wait-for-target', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // The run starts first, as in `apify-conformance emulator & apify-conformance run ...`: it must wait, not fail.
    const running = npx(['run', '--base-url', url, '--wait-for-target=60', '-s', 'errors', '-r', 'external'], {
      APIFY_TOKEN: TOKEN,
      CONFORMANCE_MAX_WAIT_SECS: '3',
    });
    const emulator = await startEmulatorProcess(controlledEnvironment({ EMULATOR_PORT: String(port), EMULATOR_TOKEN: TOKEN, EMULATOR_MAX_WAIT_SECS: '3' }), {
      command: ['npx', '--no-install', 'apify-conformance', 'emulator'],
      cwd: appDir,
    });
    try {
      const run = await running;
      expect(run.code, describeRun(run)).toBe(0);
      const { summary } = await readReports(path.join(appDir, 'external'));
      expect(summary.target).toMatchObject({ kind: 'external', baseUrl: url });
      expect(summary.totals.passed).toBeGreaterThan(0);
    } finally {
      await emulator.stop();
    }
  });
});
