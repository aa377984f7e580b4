import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpecContract } from '../../../common/spec-contract.ts';
import { controlledEnvironment, describeRun, runCli } from './support/cli-process.ts';
import { type EmulatorProcess, startEmulatorProcess } from './support/emulator-process.ts';
import { progressLines, readReports } from './support/reports.ts';
import { type ActorListItem, TargetApi } from './support/target-api.ts';

// A target the runner did not start (README.md "Pointing it at another target"): an emulator from `npm run emulator`,
// judged through APIFY_API_BASE_URL with the generic profile and the matching CONFORMANCE_* timing. Because this target
// outlives each run, the tests can also look at what a run left on it: read-only mode changes nothing, a full run
// removes what it created, and --sweep removes prefixed leftovers and nothing else.

const TOKEN = `e2e-user-1-${randomBytes(8).toString('hex')}`;
const TOKEN_2 = `e2e-user-2-${randomBytes(8).toString('hex')}`;
const PREFIX = 'conformance-';

let emulator: EmulatorProcess;
let workDir: string;
let user1: TargetApi;
let user2: TargetApi;
/** An actor of the main user that no run may touch (its name lacks the prefix). */
let bystander: ActorListItem;

beforeAll(async () => {
  emulator = await startEmulatorProcess(
    controlledEnvironment({
      EMULATOR_PORT: '0',
      EMULATOR_MAX_WAIT_SECS: '3',
      EMULATOR_TOKEN: TOKEN,
      EMULATOR_TOKEN_2: TOKEN_2,
      EMULATOR_USERNAME_2: 'e2e-user-2',
    }),
  );
  workDir = await mkdtemp(path.join(tmpdir(), 'e2e-external-'));
  user1 = new TargetApi(emulator.url, TOKEN);
  user2 = new TargetApi(emulator.url, TOKEN_2);
  bystander = await user1.createActor('e2e-bystander');
}, 90_000);

afterAll(async () => {
  await emulator?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function targetEnvironment(): Record<string, string> {
  return controlledEnvironment({
    APIFY_API_BASE_URL: emulator.url,
    APIFY_TOKEN: TOKEN,
    APIFY_TOKEN_2: TOKEN_2,
    CONFORMANCE_MAX_WAIT_SECS: '3',
    CONFORMANCE_PROFILE: 'generic',
  });
}

async function actorsOfBothUsers(): Promise<{ user1: ActorListItem[]; user2: ActorListItem[] }> {
  return { user1: await user1.listOwnActors(), user2: await user2.listOwnActors() };
}

describe('an emulator started with `npm run emulator`', () => {
  it('--read-only runs only the checks that create nothing, without Dredd, and leaves the target exactly as it was', async () => {
    const before = await actorsOfBothUsers();
    const reportsDir = path.join(workDir, 'read-only');
    const run = await runCli(['--read-only', '--reports', reportsDir], targetEnvironment());
    expect(run.code, describeRun(run)).toBe(0);
    const { summary } = await readReports(reportsDir);
    expect(summary.selection).toMatchObject({ readOnly: true, dredd: false });
    expect(summary.outcome).toBe('passed');
    expect(progressLines(run.stdout).filter((l) => l.family === 'transactions')).toEqual([]);
    for (const check of summary.checks.filter((c) => c.layer === 'dredd')) {
      expect(check.status, check.id).toBe('skipped');
      expect(check.message, check.id).toMatch(/read-only/);
    }
    const ran = summary.checks.filter((c) => c.status !== 'skipped');
    expect(ran.length).toBeGreaterThan(0);
    for (const check of ran) expect(check.tags, `${check.id} ran in read-only mode`).toContain('read-only');
    // Every check that creates something was skipped, each with the reason.
    for (const check of summary.checks.filter((c) => c.layer === 'vitest' && !c.tags.includes('read-only'))) {
      expect(check.status, check.id).toBe('skipped');
      expect(check.message, check.id).toMatch(/read-only/);
    }
    expect(summary.coverage.gate.applied).toBe(false);
    expect(await actorsOfBothUsers()).toEqual(before);
  });

  // The whole gate's verdict on the emulator is the embedded run's (embedded-emulator.test.ts, and CI's own run): here a
  // selection that creates things on both layers (webhooks and their actors, stores), with the second user, shows what
  // an outside target adds.
  it('passes a selection of both layers with the generic profile and removes everything it created', async () => {
    const reportsDir = path.join(workDir, 'selection');
    const select = ['tag:spec/06-webhooks.apib', 'auth', 'key-value-stores'];
    const run = await runCli(['--select', select.join(','), '--reports', reportsDir], targetEnvironment());
    expect(run.code, describeRun(run)).toBe(0);
    const { summary } = await readReports(reportsDir);
    expect(summary.target).toMatchObject({ kind: 'external', baseUrl: emulator.url, profile: 'generic', maxWaitSecs: 3 });
    expect(summary.outcome).toBe('passed');
    expect(summary.totals.failed + summary.totals.error + summary.totals['unexpected-pass']).toBe(0);
    const ran = summary.checks.filter((c) => c.status === 'passed');
    expect(new Set(ran.map((c) => c.family))).toEqual(new Set(['transactions', 'auth', 'key-value-stores']));
    const webhooks = readSpecContract().actions.filter((action) => action.file === 'spec/06-webhooks.apib');
    expect(summary.coverage.actions.passed).toBe(webhooks.length);
    // The second user was configured, so the isolation check ran instead of being skipped.
    expect(summary.checks.find((c) => c.id === 'auth.other-users-actor-invisible')?.status).toBe('passed');
    const after = await actorsOfBothUsers();
    expect([...after.user1, ...after.user2].filter((a) => a.name.startsWith(PREFIX)).map((a) => a.name)).toEqual([]);
    expect(after.user1.map((a) => a.id)).toContain(bystander.id);
  }, 180_000);

  it('--sweep removes an actor with the prefix, whatever its age, and nothing without it', async () => {
    const leftover = await user1.createActor(`${PREFIX}e2eleftover-${randomBytes(3).toString('hex')}`);
    const run = await runCli(['--sweep'], targetEnvironment());
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain(`removed actor ${leftover.id} (${leftover.name})`);
    expect(run.stdout).toMatch(/removed 1 actor\(s\)/);
    const names = (await user1.listOwnActors()).map((a) => a.name);
    expect(names).not.toContain(leftover.name);
    expect(names).toContain(bystander.name);
  });

  it("--sweep with a prefix holding a run id (the nightly's) removes that run's actors only, and needs no second user", async () => {
    const mine = await user1.createActor(`night-101-e2eleftover-${randomBytes(3).toString('hex')}`);
    const later = await user1.createActor(`night-1012-e2eleftover-${randomBytes(3).toString('hex')}`);
    // apify-live requires a second user for a run; a sweep runs no check.
    const settings = { APIFY_TOKEN_2: '', CONFORMANCE_PROFILE: 'apify-live', CONFORMANCE_RESOURCE_PREFIX: 'night-101-' };
    const run = await runCli(['--sweep'], { ...targetEnvironment(), ...settings });
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain(`removed actor ${mine.id} (${mine.name})`);
    const names = (await user1.listOwnActors()).map((a) => a.name);
    expect(names).not.toContain(mine.name);
    expect(names).toEqual(expect.arrayContaining([later.name, bystander.name]));
    // A run with that profile still refuses to start without the second user.
    const refused = await runCli(['--reports', path.join(workDir, 'no-second-user')], { ...targetEnvironment(), ...settings });
    expect(refused.code, describeRun(refused)).toBe(2);
    expect(refused.stderr).toMatch(/APIFY_TOKEN_2 must be set: profile apify-live requires a second user/);
  });

  it('a token the target refuses both as a Bearer header and as ?token= is a wrong setting: exit 2, named, and never printed', async () => {
    const wrongToken = `e2e-wrong-${randomBytes(8).toString('hex')}`;
    const reportsDir = path.join(workDir, 'wrong-token');
    const run = await runCli(['--reports', reportsDir], { ...targetEnvironment(), APIFY_TOKEN: wrongToken });
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toMatch(/Target error: .* rejected APIFY_TOKEN \(401 on GET \/v2\/acts\?limit=1\)/);
    expect(run.stdout + run.stderr).not.toContain(wrongToken);
  });
});
