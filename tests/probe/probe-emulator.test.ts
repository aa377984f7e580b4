import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heldFor } from '../../common/timing.ts';
import { type ProbeTarget, startProbeTarget, TOKEN } from './support/probe-target.ts';

// `npm run probe` against the embedded emulator, which fits the emulator profile by construction: everything the probe
// can judge fits it, and a profile that says something else is reported entry by entry, with exit 1.

/** The emulator holds a wait for its 3 s cap; a loaded machine only adds to what the client measures (common/timing.ts). */
function expectHeldForTheCap(heldMs: number | undefined): void {
  expect(heldFor(heldMs ?? 0, 3), `held ${heldMs} ms`).toBe(true);
}

const emulatorProfile = JSON.parse(readFileSync(new URL('../../profiles/emulator.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('the probe against an account that holds one of everything', () => {
  let target: ProbeTarget;
  beforeAll(async () => {
    target = await startProbeTarget();
    await target.seed();
  });
  afterAll(async () => {
    await target?.close();
  });

  it('records the facts and finds that the emulator profile fits them', async () => {
    const { code, stdout, stderr, facts, factsText } = await target.probe(['--profile', 'emulator']);
    expect(stderr).toBe('');
    expect(stdout).toContain('Everything the probe could judge fits the profile.');
    expect(stdout).not.toContain('No longer fits');
    expect(code).toBe(0);
    expect(facts?.profile).toBe('emulator');

    const error = (situation: string) => facts?.errors.find((fact) => fact.situation === situation);
    for (const situation of [
      'unknown-actor',
      'unknown-run',
      'unknown-build',
      'unknown-dataset',
      'unknown-key-value-store',
      'unknown-request-queue',
      'unknown-record-key',
    ]) {
      expect(error(situation), situation).toMatchObject({ status: 404, type: 'record-not-found' });
    }
    // Asked as the checks ask: the unknown run under an actor of the account.
    expect(error('unknown-run')).toMatchObject({ request: expect.stringMatching(/^GET \/v2\/acts\/\w+\/runs\/0{17}$/) });
    for (const situation of ['no-token-actor-list', 'no-token-actor', 'no-token-user']) {
      expect(error(situation), situation).toMatchObject({ status: 401, type: 'token-not-provided' });
    }
    expect(error('bad-token')).toMatchObject({ status: 401, type: 'invalid-token' });

    // The seeded run is still going: Get run held with waitForFinish=999999 shows the emulator's 3 s cap.
    expect(facts?.waitForFinish).toMatchObject({ measured: true, source: 'unfinished-run-of-the-account', statusAfter: 'RUNNING' });
    expectHeldForTheCap(facts?.waitForFinish.heldMs);
    expect(stdout).toMatch(/Fits[\s\S]*timing\.maxWaitSecs 3: waitForFinish=999999 was held \d+\.\d s/);
    expect(facts?.rateLimits).toContainEqual({ endpoint: 'GET /v2/acts/{id}', headers: { 'x-ratelimit-limit': '30' } });
    expect(facts?.rateLimits).toContainEqual({ endpoint: 'GET /v2/key-value-stores/{storeId}/records/{key}', headers: { 'x-ratelimit-limit': '200' } });

    const objects = new Map(facts?.objects.map((object) => [object.object, object]));
    const lists = ['actors', 'runs of an actor', 'builds of an actor', 'datasets', 'key-value stores', 'request queues', 'tasks', 'webhooks'];
    for (const list of lists) expect(objects.get(`the list of ${list}`)?.members, list).toContain('data.items[].id');
    const items = ['the newest actor', 'the newest run', "the newest run's build", 'the newest dataset', 'the newest key-value store'];
    for (const item of [...items, 'the newest request queue', 'the newest task', 'the newest webhook', 'the private user data']) {
      expect(objects.get(item)?.members, item).toContain('data.id');
    }
    expect(objects.get('the private user data')?.nullMembers).toContain('data.profile.bio');
    expect(objects.get('the newest run')?.nullMembers).toContain('data.finishedAt');
    // Only member names are written: the private user data's values (e-mail, proxy password) are not.
    expect(factsText).not.toContain('@');
    expect(facts?.objects.flatMap((object) => object.gaps).filter((gap) => gap.kind !== 'undeclared')).toEqual([]);
    // The emulator's extra members are drift the open schemas accept: printed, not a misfit.
    expect(objects.get('the newest actor')?.gaps).toContainEqual({ kind: 'undeclared', schema: 'actor.json', member: 'taggedBuilds', at: 'data.taggedBuilds' });
    expect(stdout).toContain('Members the schemas do not declare');

    for (const check of ['errors.unknown-actor-404', 'errors.unknown-run-404', 'auth.token-required', 'key-value-stores.records-not-found']) {
      expect(stdout).toContain(`check ${check}: passes`);
    }
    expect(`${stdout}${factsText}`).not.toContain(TOKEN);
  });

  it('reports each entry of a profile that no longer fits, and exits 1', async () => {
    const profile = {
      ...emulatorProfile,
      name: 'stale',
      timing: { maxWaitSecs: 60, rateLimitRps: 60 },
      expectations: [
        { id: 'errors.unknown-actor-404', reason: 'as the live API once did', match: 'record-or-token-not-found' },
        { id: 'auth.token-required', reason: 'a failure of another kind', match: 'got HTTP 404' },
        { id: 'run-sync.timeout-408', reason: 'out of the probe reach', match: 'expected HTTP 408' },
      ],
    };
    const { code, stdout, facts } = await target.probe([], profile);
    expect(code).toBe(1);
    const misfits = stdout.slice(stdout.indexOf('No longer fits'), stdout.indexOf('\nFits'));
    expect(misfits).toContain('expectation errors.unknown-actor-404: the check would pass now: remove the entry');
    expect(misfits).toContain('expectation auth.token-required: the check would pass now');
    expect(misfits).toMatch(/timing\.maxWaitSecs 60: waitForFinish=999999 was held \d+\.\d s with the run still RUNNING: the cap is about \d s/);
    expect(misfits).toContain('timing.rateLimitRps 60: X-RateLimit-Limit: 30 on GET /v2/acts/{id}');
    expect(stdout).toMatch(/Cannot judge[\s\S]*expectation run-sync\.timeout-408: the probe starts no synchronous run/);
    expect(stdout).toContain('4 entries no longer fit.');
    expect(facts?.profile).toBe('stale');
  });
});

describe('the probe against a server that answers unknown ids with another error type', () => {
  let target: ProbeTarget;
  beforeAll(async () => {
    target = await startProbeTarget({ faults: ['not-found-wrong-type'] });
  });
  afterAll(async () => {
    await target?.close();
  });

  it('finds an expectation that still fits, and says what it cannot judge in an empty account', async () => {
    const expectation = { id: 'errors.unknown-actor-404', reason: 'this server says not-found', match: 'got "not-found"' };
    const { code, stdout, facts } = await target.probe([], { ...emulatorProfile, name: 'not-found', expectations: [expectation] });
    expect(facts?.errors.find((fact) => fact.situation === 'unknown-actor')).toMatchObject({ status: 404, type: 'not-found' });
    expect(stdout).toMatch(
      /expectation errors\.unknown-actor-404: fails as listed \(\/got "not-found"\/\): expected error type "record-not-found"; got "not-found"/,
    );
    expect(stdout).toContain('check errors.unknown-run-404: the check looks its unknown ids up under an actor of its own, and the account has none');
    expect(stdout).toMatch(/timing\.maxWaitSecs 3: the account has no run going to wait on; --with-runs starts one/);
    expect(facts?.notes).toContain('the account has no actor of its own: actors, runs and builds were not read');
    expect(code).toBe(0);
  });

  it('reports a failing check the profile does not list', async () => {
    const { code, stdout } = await target.probe([], { ...emulatorProfile, name: 'unaware' });
    expect(stdout).toMatch(
      /No longer fits[\s\S]*check errors\.unknown-actor-404: would fail, and the profile lists no expectation for it: expected error type "record-not-found"; got "not-found"/,
    );
    expect(code).toBe(1);
  });

  it('with --with-runs, times the cap on a run of its own and removes everything it made', async () => {
    const { code, facts, stdout } = await target.probe(['--with-runs'], { ...emulatorProfile, name: 'with-runs', expectations: [] });
    expect(facts?.waitForFinish).toMatchObject({ measured: true, source: 'probe-run' });
    expectHeldForTheCap(facts?.waitForFinish.heldMs);
    expect(facts?.created).toMatchObject({ actor: expect.stringMatching(/^conformance-\w+-probe-wait-cap-/), leftovers: [] });
    expect(facts?.created?.removed).toContainEqual(expect.stringMatching(/^actor /));
    expect(stdout).toMatch(/timing\.maxWaitSecs 3: waitForFinish=999999 was held \d+\.\d s with the run still RUNNING/);
    const actors = await target.api.request({ path: '/v2/acts', query: { my: true } });
    expect((actors.body as { data: { total: number } }).data.total).toBe(0);
    // The fault still makes the unlisted unknown-id checks fail.
    expect(code).toBe(1);
  });
});

describe('the probe against the platform variation, which answers as the live API does', () => {
  const scaledProfile = JSON.parse(readFileSync(new URL('../../profiles/apify-live-scaled.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  /** The scaled live profile with this emulator's 3 s cap, so the cap is timed in 3 s rather than 6. */
  const scaledLive = { ...scaledProfile, timing: { maxWaitSecs: 3, runSyncMaxWaitSecs: 30, rateLimitRps: 60 } };
  let target: ProbeTarget;
  beforeAll(async () => {
    target = await startProbeTarget({ variations: ['platform'], rateLimitDefault: 60 });
    await target.seed();
  });
  afterAll(async () => {
    await target?.close();
  });

  it("finds the scaled live profile's error expectations and timing still fitting", async () => {
    const { code, stdout, facts } = await target.probe([], scaledLive);
    expect(facts?.errors.find((fact) => fact.situation === 'unknown-actor')).toMatchObject({ status: 404, type: 'record-or-token-not-found' });
    expect(facts?.errors.find((fact) => fact.situation === 'no-token-actor')).toMatchObject({ status: 404, type: 'record-or-token-not-found' });
    const fits = stdout.slice(stdout.indexOf('\nFits'), stdout.indexOf('\nCannot judge'));
    for (const id of ['errors.unknown-actor-404', 'auth.token-required', 'key-value-stores.records-not-found']) {
      expect(fits).toContain(`expectation ${id}: fails as listed (/record-or-token-not-found/)`);
    }
    expect(fits).toMatch(/timing\.maxWaitSecs 3: waitForFinish=999999 was held \d+\.\d s with the run still RUNNING/);
    expect(fits).toContain('timing.rateLimitRps 60: X-RateLimit-Limit: 60 on GET /v2/acts/{id}');
    // Unknown runs and builds keep record-not-found, as the live API is known to answer them: their checks pass.
    for (const id of ['errors.unknown-run-404', 'errors.unknown-build-404']) expect(fits).toContain(`check ${id}: passes`);
    expect(stdout).not.toContain('No longer fits');
    expect(stdout).toMatch(/schemas\/run\.json: members it does not declare: .*usageTotalUsd/);
    expect(code).toBe(0);
  });
});
