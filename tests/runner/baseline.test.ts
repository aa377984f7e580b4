import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../common/config.ts';
import { compareToBaseline, readBaseline, SUMMARY_SCHEMA_VERSION } from '../../runner/baseline.ts';
import { ANY_ACTION } from '../../runner/drift.ts';
import type { CheckResult } from '../../runner/results.ts';
import { sampleResults, sampleSummary } from './sample-results.ts';

// `--baseline <earlier summary.json>`: a nightly acts on what changed, not on the whole list every night.

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'baseline-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('comparing with an earlier run', () => {
  it('names what fails now and did not then, what passes now and failed then, and drift not seen then', async () => {
    const earlier = sampleSummary();
    const file = path.join(dir, 'summary.json');
    await writeFile(file, JSON.stringify(earlier));
    const now: CheckResult[] = sampleResults().map((check) => {
      if (check.id === 'pagination.count-equals-items') return { ...check, status: 'failed', message: 'now broken' };
      if (check.id === 'pagination.desc-reverses') return { ...check, status: 'passed', message: '' };
      return check;
    });
    const newFinding = { kind: 'extra-field' as const, subject: 'Run', detail: 'brandNewMember', count: 1, example: 'GET /v2/actor-runs/x' };
    const comparison = compareToBaseline(now, [...earlier.drift.findings, newFinding], readBaseline(file));
    expect(comparison).toEqual({
      baseline: { runId: 'samplerun', startedAt: earlier.startedAt },
      newlyFailing: ['pagination.count-equals-items'],
      newlyPassing: ['pagination.desc-reverses'],
      newDrift: [{ kind: 'extra-field', subject: 'Run', detail: 'brandNewMember' }],
    });
    expect(earlier.schemaVersion).toBe(SUMMARY_SCHEMA_VERSION);
  });

  it('refuses a file that is not a summary of this suite, naming the option', async () => {
    const notJson = path.join(dir, 'not.json');
    await writeFile(notJson, 'no');
    expect(() => readBaseline(notJson)).toThrow(ConfigError);
    const otherVersion = path.join(dir, 'old.json');
    await writeFile(otherVersion, JSON.stringify({ ...sampleSummary(), schemaVersion: 0 }));
    expect(() => readBaseline(otherVersion)).toThrow(/--baseline must be the summary\.json of an earlier run \(schemaVersion 1 or 2\)/);
  });

  it('reads a summary of version 1, whose undocumented headers were named after the actions sending them', async () => {
    const earlier = sampleSummary();
    const header = { kind: 'undocumented-header' as const, subject: '3 actions', detail: 'x-ratelimit-limit', count: 3, example: 'GET /v2/acts -> 200' };
    const versionOne = { ...earlier, schemaVersion: 1, drift: { responses: 3, findings: [header] }, knownDrift: ['the cap is 60 s'] };
    const file = path.join(dir, 'version-1.json');
    await writeFile(file, JSON.stringify(versionOne));
    const now = [
      { ...header, subject: ANY_ACTION },
      { ...header, detail: 'x-powered-by', subject: ANY_ACTION },
    ];
    expect(compareToBaseline(earlier.checks, now, readBaseline(file)).newDrift).toEqual([
      { kind: 'undocumented-header', subject: ANY_ACTION, detail: 'x-powered-by' },
    ]);
  });
});
