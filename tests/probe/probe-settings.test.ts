import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeMain } from '../../probe/main.ts';
import { controlledEnvironment, PROJECT_ROOT, runCommand } from '../runner/e2e/support/cli-process.ts';

// A bad setting ends the probe with exit 2 and one line naming it: no stack trace, no token, no facts file.

const SECRET = 'probe-settings-secret-token';

/** The script as `npm run probe` starts it, from the project root with every setting under the test's control. */
function probeScript(args: string[], settings: Parameters<typeof controlledEnvironment>[0]) {
  return runCommand(process.execPath, ['--import', 'tsx', 'probe/cli.ts', ...args], { cwd: PROJECT_ROOT, env: controlledEnvironment(settings) }, 60_000);
}

async function probeInProcess(args: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const code = await probeMain(args, {
    env,
    cwd: PROJECT_ROOT,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

describe('npm run probe with a bad setting', () => {
  it('names a missing token, and an unknown option, without a stack trace', async () => {
    const noToken = await probeScript([], { APIFY_API_BASE_URL: 'http://127.0.0.1:9' });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('Configuration error: APIFY_TOKEN must be an API token (one line, no spaces); it is not set.');
    expect(noToken.stderr).not.toMatch(/\n\s+at /);
    const unknownOption = await probeScript(['--with-run'], { APIFY_API_BASE_URL: 'http://127.0.0.1:9', APIFY_TOKEN: SECRET });
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/^Usage error: Unknown option '--with-run'/);
    expect(unknownOption.stderr).not.toMatch(/\n\s+at /);
  });

  it('names a profile that does not exist and a target that does not answer, never showing the token', async () => {
    const env = { APIFY_API_BASE_URL: 'http://127.0.0.1:9', APIFY_TOKEN: SECRET };
    const profile = await probeInProcess(['--profile', 'no-such-profile'], env);
    expect(profile).toMatchObject({ code: 2, stdout: '' });
    expect(profile.stderr).toMatch(
      /^Configuration error: CONFORMANCE_PROFILE must be emulator, apify-live, apify-live-scaled, generic, or the path of a profile JSON file; no profile at /,
    );
    const badOut = await probeInProcess(['--profile', 'apify-live', '--out', '/dev/null/facts.json'], env);
    expect(badOut).toMatchObject({ code: 2, stdout: '' });
    expect(badOut.stderr).toMatch(/^Usage error: --out: cannot create the folder of \/dev\/null\/facts\.json/);
    const silent = await probeInProcess(['--profile', 'apify-live', '--out', path.join(tmpdir(), 'probe-unreachable-facts.json')], env);
    expect(silent).toMatchObject({ code: 2, stdout: '' });
    expect(silent.stderr).toMatch(/^Target error: GET http:\/\/127\.0\.0\.1:9\/v2\/users\/me got no response/);
    expect(`${profile.stderr}${badOut.stderr}${silent.stderr}`).not.toContain(SECRET);
  });
});
