import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDredd } from '../../runner/dredd/index.ts';
import { type EmulatorTarget, freshRun, SECRET_TOKEN, startEmulatorTarget } from './support/emulator-target.ts';

// When the suite itself is wrong, the run must say so (outcome "broken", with the reason) instead of passing, or of
// blaming the target: a hook file that does not load, a hook Dredd would mishandle, a spec Dredd cannot use, a bad
// setting, or hooks that would prepare fixtures on another server than the one Dredd tests.

let target: EmulatorTarget;
let specDir: string;

beforeAll(async () => {
  target = await startEmulatorTarget(1);
  specDir = await mkdtemp(path.join(tmpdir(), 'conformance-broken-spec-'));
});

afterAll(async () => {
  await target?.close();
  await rm(specDir, { recursive: true, force: true });
});

async function specFile(name: string, content: string): Promise<string> {
  const file = path.join(specDir, name);
  await writeFile(file, content);
  return file;
}

describe('a broken suite is reported as broken', () => {
  it('when a hook file fails to load', async () => {
    const result = await runDredd({ baseUrl: target.url, env: freshRun(target).env, hookfiles: 'tests/hooks/fixtures/fails-to-load/*.ts' });
    expect(result.outcome).toBe('broken');
    expect(result.brokenReasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^a hook file did not load: .*Skipping hook loading/),
        expect.stringMatching(/conformance hooks did not load/),
      ]),
    );
    expect(result.output).not.toContain(SECRET_TOKEN);
  }, 120_000);

  it('when a hook is async, which Dredd would not await', async () => {
    const result = await runDredd({ baseUrl: target.url, env: freshRun(target).env, hookfiles: 'tests/hooks/fixtures/async-hook/*.ts' });
    expect(result.outcome).toBe('broken');
    expect(result.brokenReasons).toEqual([expect.stringMatching(/the beforeEach hook is an async function, which Dredd does not await/)]);
    // Every transaction is failed before its request, so no verdict about the target comes out of the run.
    expect(result.transactions.length).toBe(result.specTransactions?.length);
    for (const transaction of result.transactions) {
      expect(transaction.status).toBe('fail');
      expect(transaction.message).toMatch(/async function/);
    }
  }, 120_000);

  it('when a hook takes no parameters, which would stall Dredd', async () => {
    const result = await runDredd({ baseUrl: target.url, env: freshRun(target).env, hookfiles: 'tests/hooks/fixtures/no-parameter-hook/*.ts' });
    expect(result.outcome).toBe('broken');
    expect(result.brokenReasons).toEqual([expect.stringMatching(/the afterEach hook takes no parameters/)]);
    expect(result.transactions.length).toBe(result.specTransactions?.length);
  }, 120_000);

  it('when the spec does not parse', async () => {
    const spec = await specFile(
      'unresolved.apib',
      'FORMAT: 1A\n\n# Broken\n\n## Group Things\n\n## Thing [/v2/things]\n\n### Get thing [GET]\n\n+ Response 200 (application/json)\n\n    + Attributes (NoSuchType)\n',
    );
    const result = await runDredd({ baseUrl: target.url, env: freshRun(target).env, specPaths: [spec] });
    expect(result.outcome).toBe('broken');
    expect(result.brokenReasons.join('\n')).toMatch(/NoSuchType/);
    expect(result.transactions).toEqual([]);
  }, 120_000);

  it('when the spec has no transactions', async () => {
    const spec = await specFile('empty.apib', 'FORMAT: 1A\n\n# Empty\n\nNothing to test here.\n');
    const result = await runDredd({ baseUrl: target.url, env: freshRun(target).env, specPaths: [spec] });
    expect(result.outcome).toBe('broken');
    expect(result.brokenReasons).toContain('the spec compiles to 0 transactions');
  }, 120_000);

  it('when a setting is malformed, naming it without a stack trace', async () => {
    const env = { ...freshRun(target).env, CONFORMANCE_MAX_WAIT_SECS: 'soon' };
    const result = await runDredd({ baseUrl: target.url, env });
    expect(result.outcome).toBe('broken');
    expect(result.brokenReasons).toEqual([
      expect.stringMatching(/CONFORMANCE_MAX_WAIT_SECS must be a positive whole number of seconds \(e\.g\. 300\); got "soon"/),
    ]);
    expect(result.output).toMatch(/Configuration error: CONFORMANCE_MAX_WAIT_SECS/);
    expect(result.output).not.toMatch(/ConfigError|\n\s+at .*config\.ts/);
  }, 120_000);

  it('when Dredd tests another server than the one the fixtures would be created on', async () => {
    const run = freshRun(target, 'http://127.0.0.1:9');
    const result = await runDredd({ baseUrl: target.url, env: run.env });
    expect(result.outcome).toBe('broken');
    expect(result.brokenReasons).toEqual([expect.stringMatching(/Dredd tests http:\/\/127\.0\.0\.1:\d+, but APIFY_API_BASE_URL is http:\/\/127\.0\.0\.1:9/)]);
  }, 120_000);
});
