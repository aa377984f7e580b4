import { describe, expect, it } from 'vitest';
import { matchDrift } from '../../runner/known-drift.ts';
import { parseProfile } from '../../runner/profiles.ts';
import { applyExpectations, type CheckResult, gradeByFeature, isFailing } from '../../runner/results.ts';
import { profileOf, REASON_TO_FILL_IN, SOURCE_TO_FILL_IN } from '../../runner/write-profile.ts';
import { sampleResults, sampleSummary } from './sample-results.ts';

// `--write-profile`: a team starts from where its server stands. The profile written from a run claims the features
// the server passed checks of and expects each failure of them as it was seen, so the same results judged with it are
// green, and a failure that changes shape is not.

/** The sample, plus a feature the server has nothing of: one failing check of `logs`. */
function results(): CheckResult[] {
  const logs: CheckResult = {
    ...sampleResults()[3]!,
    id: 'logs.stream-follows-run',
    family: 'logs',
    features: ['logs'],
    status: 'failed',
    message: 'got HTTP 404 (page-not-found)',
  };
  return [...sampleResults().filter((c) => c.status !== 'error'), logs];
}

describe('a profile written from a run', () => {
  const profile = profileOf(sampleSummary(results()), 'my-server');

  it('is a valid profile, named for its file, with the timing of the run', () => {
    expect(parseProfile(JSON.parse(JSON.stringify(profile)), 'my-server.json')).toEqual(profile);
    expect(profile).toMatchObject({ name: 'my-server', timing: { maxWaitSecs: 3, rateLimitRps: 30 } });
  });

  it('claims the features the server passed a check of, and not one it has nothing of', () => {
    expect(profile.features).toEqual(['actors', 'pagination']);
  });

  it('expects each failure of those features, matching it as seen, with a reason left to fill in', () => {
    expect(profile.expectations.map((e) => e.id).sort()).toEqual(['Apify API > Actors > Actor collection > Create actor', 'pagination.desc-reverses']);
    for (const expectation of profile.expectations) expect(expectation.reason).toBe(REASON_TO_FILL_IN);
  });

  it("keeps the profile's drift and notes, and acknowledges the new drift with a reason and a source to fill in", () => {
    const summary = sampleSummary(results());
    expect(profile.notes).toEqual(summary.notes);
    expect(profile.drift.slice(0, summary.knownDrift.length)).toEqual(summary.knownDrift);
    const added = profile.drift.slice(summary.knownDrift.length);
    expect(added.length).toBe(summary.drift.findings.filter((f) => f.acknowledgedBy === null).length);
    for (const entry of added) expect(entry).toMatchObject({ reason: REASON_TO_FILL_IN, source: SOURCE_TO_FILL_IN });
    // Held against the written profile, the same drift is all acknowledged.
    expect(matchDrift(summary.drift, profile.drift).findings.filter((f) => f.acknowledgedBy === null)).toEqual([]);
  });

  it('judges the same results green, and a failure of another shape red', () => {
    const regraded = applyExpectations(gradeByFeature(results(), profile.features), profile.expectations);
    expect(regraded.filter((c) => isFailing(c.status)).map((c) => c.id)).toEqual([]);
    expect(regraded.find((c) => c.id === 'logs.stream-follows-run')?.status).toBe('not-supported');
    const changed = results().map((c) => (c.id === 'pagination.desc-reverses' ? { ...c, message: 'a different failure' } : c));
    const judged = applyExpectations(gradeByFeature(changed, profile.features), profile.expectations);
    expect(judged.find((c) => c.id === 'pagination.desc-reverses')?.status).toBe('failed');
  });
});
