import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FEATURES, type Feature, implementsAll, parentFeature } from '../common/features.ts';
import type { Profile } from './profiles.ts';
import type { Summary } from './reports/summary.ts';
import { EXPECTED_FAILURE_PREFIX, type Expectation } from './results.ts';

/** What a written profile says where only the team can: it parses, and says plainly that it is not filled in. */
export const REASON_TO_FILL_IN = 'TO FILL IN: why this target differs here (a source, an issue or a decision)';
export const SOURCE_TO_FILL_IN = 'TO FILL IN: where the fact comes from (a repository path, an issue)';

/**
 * A profile of the target as one run found it, for a team to start from: the features it passed at least one check of
 * (with their parents), each check of those features that failed as an expectation matching its failure, and each
 * documented response it did not produce as uncovered, and the drift its profile did not acknowledge as known drift.
 * Every new reason and source is a placeholder to replace.
 */
export function profileOf(summary: Summary, name: string): Profile {
  const passedSome = new Set(summary.features.filter((f) => f.implemented && (f.counts.passed ?? 0) > 0).map((f) => f.feature));
  for (const feature of [...passedSome]) for (let p = parentFeature(feature); p !== undefined; p = parentFeature(p)) passedSome.add(p);
  const features = (Object.keys(FEATURES) as Feature[]).filter((feature) => passedSome.has(feature));
  const applies = (needed: string[]) => implementsAll(needed, features);
  const expectations: Expectation[] = summary.checks
    .filter((check) => applies(check.features) && ['failed', 'inconclusive', 'expected-failure'].includes(check.status))
    .map((check) => {
      const [first = '', ...rest] = check.message.split('\n');
      // An expected failure keeps the reason its profile gave; its own message follows the first line.
      const known = check.status === 'expected-failure' && first.startsWith(EXPECTED_FAILURE_PREFIX);
      const failure = known ? (rest[0] ?? '') : first;
      return { id: check.id, reason: known ? first.slice(EXPECTED_FAILURE_PREFIX.length) : REASON_TO_FILL_IN, match: escapeRegExp(failure.slice(0, 120)) };
    });
  const uncovered = [
    ...summary.coverage.excused,
    ...summary.coverage.unexercised
      .filter((id) => applies(summary.checks.find((c) => c.id === id)?.features ?? []))
      .map((id) => ({ id, reason: REASON_TO_FILL_IN })),
  ];
  return {
    name,
    description: `Written by --write-profile from the run of ${summary.startedAt} against ${summary.target.baseUrl}: describe the target here.`,
    timing: { maxWaitSecs: summary.target.maxWaitSecs, runSyncMaxWaitSecs: summary.target.runSyncMaxWaitSecs, rateLimitRps: summary.target.rateLimitRps },
    ...(summary.target.maxConcurrentBuilds === null ? {} : { limits: { concurrentBuilds: summary.target.maxConcurrentBuilds } }),
    drift: [
      ...summary.knownDrift,
      ...summary.drift.findings
        .filter((finding) => finding.acknowledgedBy === null)
        .map(({ kind, subject, detail }) => ({ kind, subject, detail, reason: REASON_TO_FILL_IN, source: SOURCE_TO_FILL_IN })),
    ],
    notes: summary.notes,
    expectations,
    uncovered,
    requires: [],
    features,
  };
}

export async function writeProfileOf(summary: Summary, file: string): Promise<void> {
  const profile = profileOf(summary, path.basename(file).replace(/\.json$/, ''));
  await writeFile(file, `${JSON.stringify(profile, null, 2)}\n`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
