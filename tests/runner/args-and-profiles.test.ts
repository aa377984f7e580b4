import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSpecContract, transactionNames } from '../../common/spec-contract.ts';
import { parseArgs, UsageError } from '../../runner/args.ts';
import { loadProfile, parseProfile } from '../../runner/profiles.ts';

describe('command line', () => {
  it('maps options to the settings they stand for', () => {
    const args = parseArgs(['--select', 'pagination', '--tag', 'slow', '--read-only', '--profile', 'apify-live', '--reports', 'out']);
    expect(args.env).toEqual({ CONFORMANCE_SELECT: 'pagination,tag:slow', CONFORMANCE_READ_ONLY: '1', CONFORMANCE_PROFILE: 'apify-live' });
    expect(args.reportsDir).toBe('out');
    expect(parseArgs(['--sweep']).sweepOnly).toBe(true);
    expect(parseArgs(['--features', 'datasets,key-value-stores']).env).toEqual({ CONFORMANCE_FEATURES: 'datasets,key-value-stores' });
    expect(parseArgs(['--write-profile', 'mine.json']).writeProfile).toBe('mine.json');
    expect(parseArgs(['--list-features']).listFeatures).toBe(true);
    expect(parseArgs(['--help']).help).toBe(true);
  });

  it('takes --name=value and short aliases, and maps the target, exclusions and the wait for the target', () => {
    const args = parseArgs([
      '-s',
      'auth',
      '--select=errors',
      '-t',
      'slow',
      '-x',
      'tag:timing',
      '--exclude=logs',
      '-u',
      'http://127.0.0.1:1',
      '--wait-for-target=30',
      '-r',
      'out',
    ]);
    expect(args.env).toEqual({
      CONFORMANCE_SELECT: 'auth,errors,tag:slow',
      CONFORMANCE_EXCLUDE: 'tag:timing,logs',
      APIFY_API_BASE_URL: 'http://127.0.0.1:1',
      CONFORMANCE_WAIT_FOR_TARGET_SECS: '30',
    });
    expect(args.reportsDir).toBe('out');
    expect(parseArgs(['-v']).version).toBe(true);
    expect(() => parseArgs(['errors'])).toThrow(/unexpected argument "errors"/);
  });

  it('leaves the environment in charge when an option is not given', () => {
    expect(parseArgs([]).env).toEqual({});
  });

  it('names an unknown option and a missing value instead of failing obscurely', () => {
    expect(() => parseArgs(['--selct', 'x'])).toThrow(UsageError);
    expect(() => parseArgs(['--selct', 'x'])).toThrow(/unknown option "--selct"/);
    expect(() => parseArgs(['--select'])).toThrow(/--select must be followed by a value/);
    expect(() => parseArgs(['--profile', '--read-only'])).toThrow(/--profile must be followed by a value/);
  });
});

describe('target profiles', () => {
  it.each(['emulator', 'apify-live', 'generic'])('ships a valid %s profile', (name) => {
    expect(loadProfile(name).name).toBe(name);
  });

  it('times the embedded emulator fast and judges an unknown target by the documented figures', () => {
    expect(loadProfile('emulator').timing).toEqual({ maxWaitSecs: 3, rateLimitRps: 30 });
    expect(loadProfile('generic').timing).toEqual({ maxWaitSecs: 300, rateLimitRps: 30 });
  });

  it('starts the live profile from the known drift: the 60 s cap, the 60/s rate limit, and says where it comes from', () => {
    const live = loadProfile('apify-live');
    expect(live.timing).toEqual({ maxWaitSecs: 60, runSyncMaxWaitSecs: 300, rateLimitRps: 60 });
    expect(live.description).toMatch(/ERRATA/);
    expect(live.notes.join(' ')).toMatch(/60 s/);
    expect(live.expectations.length).toBeGreaterThan(0);
    for (const expectation of live.expectations) expect(expectation.reason).toMatch(/ERRATA/);
  });

  it('takes what the scaled live profile does not state from the live one (extends): the same expectations, exceptions, requirements and limits, caps a tenth', () => {
    const live = loadProfile('apify-live');
    const scaled = loadProfile('apify-live-scaled');
    expect(scaled.expectations).toEqual(live.expectations);
    expect(scaled.uncovered.map((u) => u.id)).toEqual(live.uncovered.map((u) => u.id));
    expect(scaled.requires).toEqual(live.requires);
    expect(scaled.limits).toEqual(live.limits);
    expect(scaled.timing).toEqual({
      maxWaitSecs: live.timing.maxWaitSecs / 10,
      runSyncMaxWaitSecs: (live.timing.runSyncMaxWaitSecs ?? 0) / 10,
      rateLimitRps: live.timing.rateLimitRps,
    });
  });

  it('lists only checks that exist: Dredd transactions of the spec, or ids registered in suites/', () => {
    const transactions = new Set(transactionNames(readSpecContract()));
    const suiteSources = listFiles('suites')
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    for (const name of ['emulator', 'apify-live', 'apify-live-scaled', 'generic']) {
      const profile = loadProfile(name);
      for (const { id } of [...profile.expectations, ...profile.uncovered]) {
        const known = transactions.has(id) || suiteSources.includes(`id: '${id}'`);
        expect(known, `${name}: ${id}`).toBe(true);
      }
    }
  });

  it('extends only a profile of profiles/ that extends none, and names a bad extends', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'profile-extends-'));
    const write = (name: string, body: unknown) => {
      const file = path.join(dir, name);
      writeFileSync(file, JSON.stringify(body));
      return file;
    };
    try {
      const own = write('own.json', { name: 'own', description: 'mine', extends: 'apify-live' });
      expect(loadProfile(own)).toMatchObject({ name: 'own', description: 'mine', timing: loadProfile('apify-live').timing });
      expect(() => loadProfile(write('path.json', { name: 'p', description: '', extends: '../profiles/apify-live' }))).toThrow(/"extends"/);
      expect(() => loadProfile(write('chain.json', { name: 'c', description: '', extends: 'apify-live-scaled' }))).toThrow(/extends another/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the profile setting and the bad member', () => {
    expect(() => loadProfile('no-such-profile')).toThrow(/CONFORMANCE_PROFILE/);
    expect(() =>
      parseProfile({ name: 'x', description: '', timing: { maxWaitSecs: 0, rateLimitRps: 1 }, drift: [], expectations: [], uncovered: [] }, 'x.json'),
    ).toThrow(/"timing"/);
    expect(() =>
      parseProfile(
        { name: 'x', description: '', timing: { maxWaitSecs: 1, rateLimitRps: 1 }, drift: [], expectations: [{ id: 'a' }], uncovered: [] },
        'x.json',
      ),
    ).toThrow(/"expectations"/);
    const base = { name: 'x', description: '', timing: { maxWaitSecs: 1, rateLimitRps: 1 }, drift: [], uncovered: [] };
    // An expectation must say what the failure looks like, as a valid regular expression.
    expect(() => parseProfile({ ...base, expectations: [{ id: 'a', reason: 'r' }] }, 'x.json')).toThrow(/"match"/);
    expect(() => parseProfile({ ...base, expectations: [{ id: 'a', reason: 'r', match: '(' }] }, 'x.json')).toThrow(/"expectations"/);
    expect(() => parseProfile({ ...base, expectations: [], requires: ['a-third-user'] }, 'x.json')).toThrow(/"requires".*"second-user"/);
    expect(parseProfile({ ...base, expectations: [] }, 'x.json').requires).toEqual([]);
    // The features a target implements: known ids, each dotted one with its parent; absent means all of them.
    expect(() => parseProfile({ ...base, expectations: [], features: ['datasets', 'queues'] }, 'x.json')).toThrow(/"features"/);
    expect(() => parseProfile({ ...base, expectations: [], features: ['request-queues.locks'] }, 'x.json')).toThrow(/"features"/);
    expect(parseProfile({ ...base, expectations: [], features: ['request-queues', 'request-queues.locks'] }, 'x.json').features).toEqual([
      'request-queues',
      'request-queues.locks',
    ]);
    expect(parseProfile({ ...base, expectations: [] }, 'x.json').features).toBeUndefined();
  });

  it('names a bad drift entry by its place and what it lacks, and keeps free text to "notes"', () => {
    const base = { name: 'x', description: '', timing: { maxWaitSecs: 1, rateLimitRps: 1 }, expectations: [], uncovered: [] };
    const good = { kind: 'extra-field', subject: 'Run', detail: 'usageTotalUsd', reason: 'the live run carries it', source: 'spec/ERRATA.md' };
    expect(() => parseProfile({ ...base, drift: ['Runs carry more members'] }, 'x.json')).toThrow(
      /CONFORMANCE_PROFILE must be a profile whose "drift" is an array of \{ "kind": one of .*x\.json does not have one \("drift"\[0\] is a string: free-text notes belong in "notes"\)/,
    );
    expect(() => parseProfile({ ...base, drift: [good, { ...good, source: undefined }] }, 'x.json')).toThrow(/\("drift"\[1\] has no "source"/);
    expect(() => parseProfile({ ...base, drift: [{ ...good, kind: 'extra' }] }, 'x.json')).toThrow(/"drift"\[0\] has "kind" "extra", which is no drift kind/);
    expect(() => parseProfile({ ...base, drift: [good], notes: [1] }, 'x.json')).toThrow(/"notes" is an array of strings/);
    expect(() => parseProfile({ ...base }, 'x.json')).toThrow(/"drift"/);
    const parsed = parseProfile({ ...base, drift: [good] }, 'x.json');
    expect(parsed.drift).toEqual([good]);
    expect(parsed.notes).toEqual([]);
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}
