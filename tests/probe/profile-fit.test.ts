import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../probe/check-verdicts.ts';
import type { ProbeFacts, WaitCapFact } from '../../probe/facts.ts';
import { type FitLine, fitProfile } from '../../probe/profile-fit.ts';
import type { Profile } from '../../runner/profiles.ts';

// How what the probe saw is set against a profile, for the cases an emulator does not readily show.

const profile = (expectations: Profile['expectations'] = []): Profile => ({
  name: 'live-like',
  description: '',
  timing: { maxWaitSecs: 60, rateLimitRps: 60 },
  drift: [],
  notes: [],
  expectations,
  uncovered: [],
  requires: [],
});

const facts = (waitForFinish: WaitCapFact, rateLimit?: string): ProbeFacts => ({
  schemaVersion: 1,
  target: 'https://api.example.com',
  profile: 'live-like',
  startedAt: '',
  finishedAt: '',
  withRuns: false,
  errors: [],
  waitForFinish,
  rateLimits: rateLimit === undefined ? [] : [{ endpoint: 'GET /v2/acts/{id}', headers: { 'x-ratelimit-limit': rateLimit } }],
  objects: [],
  created: null,
  notes: [],
});

const unmeasured: WaitCapFact = { measured: false, note: 'no run going' };
const passing = (): Verdict => ({ kind: 'passes' });
const line = (lines: FitLine[], subject: string) => lines.find((candidate) => candidate.subject.startsWith(subject));

describe('fitProfile', () => {
  it('judges the wait cap by the held answer, with the checks own tolerance', () => {
    const held = (heldMs: number, measured = true): WaitCapFact => ({ measured, heldMs, statusAfter: measured ? 'RUNNING' : 'SUCCEEDED', note: 'n' });
    expect(line(fitProfile(profile(), facts(held(61_500)), passing), 'timing.maxWaitSecs')?.kind).toBe('fits');
    expect(line(fitProfile(profile(), facts({ ...held(300_200), capSecs: 300 }), passing), 'timing.maxWaitSecs')).toMatchObject({
      kind: 'no-longer-fits',
      detail: expect.stringContaining('the cap is about 300 s'),
    });
    // A run that ended first shows only a lower bound: within the cap it says nothing, beyond it the cap is longer.
    expect(line(fitProfile(profile(), facts(held(20_000, false)), passing), 'timing.maxWaitSecs')?.kind).toBe('cannot-judge');
    expect(line(fitProfile(profile(), facts(held(90_000, false)), passing), 'timing.maxWaitSecs')?.kind).toBe('no-longer-fits');
    expect(line(fitProfile(profile(), facts(unmeasured), passing), 'timing.maxWaitSecs')).toEqual({
      kind: 'cannot-judge',
      subject: 'timing.maxWaitSecs 60',
      detail: 'no run going',
    });
  });

  it('says it cannot judge the run-sync cap, which only a paid run held for minutes shows', () => {
    const withRunSync = { ...profile(), timing: { maxWaitSecs: 60, rateLimitRps: 60, runSyncMaxWaitSecs: 300 } };
    expect(line(fitProfile(withRunSync, facts(unmeasured), passing), 'timing.runSyncMaxWaitSecs')).toMatchObject({
      kind: 'cannot-judge',
      subject: 'timing.runSyncMaxWaitSecs 300',
    });
    expect(line(fitProfile(profile(), facts(unmeasured), passing), 'timing.runSyncMaxWaitSecs')).toBeUndefined();
  });

  it('judges the rate limit by X-RateLimit-Limit of the endpoint the checks burst', () => {
    expect(line(fitProfile(profile(), facts(unmeasured, '60'), passing), 'timing.rateLimitRps')?.kind).toBe('fits');
    expect(line(fitProfile(profile(), facts(unmeasured, '30'), passing), 'timing.rateLimitRps')?.kind).toBe('no-longer-fits');
    expect(line(fitProfile(profile(), facts(unmeasured), passing), 'timing.rateLimitRps')?.kind).toBe('cannot-judge');
  });

  it('does not let an entry stand on the part of a check the probe cannot see', () => {
    const expectation = { id: 'key-value-stores.records-not-found', reason: 'r', match: 'record-or-token-not-found' };
    const lines = fitProfile(profile([expectation]), facts(unmeasured), () => ({ kind: 'passes-seen-part', unseen: 'a write' }));
    expect(line(lines, 'expectation key-value-stores.records-not-found')).toMatchObject({
      kind: 'no-longer-fits',
      detail: expect.stringContaining('holds only if what it cannot see, a write, fails as /record-or-token-not-found/'),
    });
  });

  it('tells a listed failure that changed from one that did not', () => {
    const expectation = { id: 'errors.unknown-actor-404', reason: 'r', match: 'record-or-token-not-found' };
    const failing = (message: string) => (): Verdict => ({ kind: 'fails', message });
    const same = fitProfile(profile([expectation]), facts(unmeasured), failing('expected error type "record-not-found"; got "record-or-token-not-found"'));
    expect(line(same, 'expectation errors.unknown-actor-404')?.kind).toBe('fits');
    const other = fitProfile(profile([expectation]), facts(unmeasured), failing('expected HTTP 404; got HTTP 403'));
    expect(line(other, 'expectation errors.unknown-actor-404')).toMatchObject({ kind: 'no-longer-fits', detail: expect.stringContaining('fails another way') });
  });
});
