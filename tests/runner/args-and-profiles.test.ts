import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../common/config.ts';
import { parseArgs } from '../../runner/args.ts';
import { loadProfile, parseProfile } from '../../runner/profiles.ts';

describe('command line', () => {
  it('maps options to the settings they stand for', () => {
    const args = parseArgs(['--select', 'pagination', '--tag', 'slow', '--read-only', '--profile', 'apify-live', '--reports', 'out']);
    expect(args.env).toEqual({ CONFORMANCE_SELECT: 'pagination,tag:slow', CONFORMANCE_READ_ONLY: '1', CONFORMANCE_PROFILE: 'apify-live' });
    expect(args.reportsDir).toBe('out');
  });

  it('names an unknown option and a missing value instead of failing obscurely', () => {
    expect(() => parseArgs(['--selct', 'x'])).toThrow(/--selct/);
    expect(() => parseArgs(['--select'])).toThrow(ConfigError);
    expect(() => parseArgs(['--select'])).toThrow(/--select must be followed by a value/);
  });
});

describe('target profiles', () => {
  it.each(['emulator', 'apify-live', 'generic'])('ships a valid %s profile', (name) => {
    expect(loadProfile(name).name).toBe(name);
  });

  it('the live profile carries the documented drift: the 60 s cap', () => {
    const live = loadProfile('apify-live');
    expect(live.timing.maxWaitSecs).toBe(60);
    expect(live.drift.join(' ')).toMatch(/60 s/);
  });

  it('names the profile setting and the bad member', () => {
    expect(() => loadProfile('no-such-profile')).toThrow(/CONFORMANCE_PROFILE/);
    expect(() => parseProfile({ name: 'x', description: '', timing: { maxWaitSecs: 0, rateLimitRps: 1 }, drift: [], expectations: [], uncovered: [] }, 'x.json')).toThrow(/"timing"/);
    expect(() => parseProfile({ name: 'x', description: '', timing: { maxWaitSecs: 1, rateLimitRps: 1 }, drift: [], expectations: [{ id: 'a' }], uncovered: [] }, 'x.json')).toThrow(/"expectations"/);
  });
});
