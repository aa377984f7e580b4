import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnownDrift } from '../../../runner/known-drift.ts';
import type { Summary } from '../../../runner/reports/summary.ts';
import { controlledEnvironment, describeRun, runCli } from './support/cli-process.ts';
import { readReports } from './support/reports.ts';

// Drift people act on, on two real runs of the same narrow selection: the embedded emulator as it is, then with its
// extra-fields variation (every object of every JSON answer gains an undocumented member). The profile acknowledges
// part of that drift; the second run, compared with the first, shows the rest as new, apart from what the profile knows.

const SELECT = 'errors';
const EXTRA = 'undocumentedExtra';

const acknowledged: KnownDrift[] = [
  {
    kind: 'extra-field',
    subject: 'Error envelope',
    detail: EXTRA,
    reason: 'this target adds a member to every error',
    source: 'emulator/variations/catalogue.ts',
  },
  { kind: 'extra-field', subject: 'Error envelope', detail: 'error.*', reason: 'and to the error object inside', source: 'emulator/variations/catalogue.ts' },
  { kind: 'undocumented-header', subject: '*', detail: 'x-ratelimit-limit', reason: 'each endpoint announces its limit', source: 'apify/apify-docs PR #1836' },
];
const neverSeen: KnownDrift = { kind: 'deprecation', subject: '*', detail: '*', reason: 'listed to be reported as not seen', source: 'this test' };

let workDir: string;
let first: Summary;
let second: Summary;
let secondStdout: string;
let stepSummary: string;
let html: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'e2e-drift-'));
  const profile = path.join(workDir, 'acknowledges-part.json');
  await writeFile(
    profile,
    JSON.stringify({
      name: 'acknowledges-part',
      description: 'The embedded emulator, with part of the extra-fields variation acknowledged',
      timing: { maxWaitSecs: 3, rateLimitRps: 30 },
      drift: [...acknowledged, neverSeen],
      notes: ['a note no finding shows'],
      expectations: [],
      uncovered: [],
    }),
  );
  const firstRun = await runCli(['--select', SELECT, '--profile', profile, '--reports', path.join(workDir, 'first')], controlledEnvironment());
  expect(firstRun.code, describeRun(firstRun)).toBe(0);
  first = (await readReports(path.join(workDir, 'first'))).summary;

  const stepSummaryFile = path.join(workDir, 'step-summary.md');
  const secondRun = await runCli(
    ['--select', SELECT, '--profile', profile, '--baseline', path.join(workDir, 'first', 'summary.json'), '--reports', path.join(workDir, 'second')],
    controlledEnvironment({ EMULATOR_VARIATIONS: 'extra-fields', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: stepSummaryFile }),
  );
  // Drift is a warning: the run with it passes like the one without.
  expect(secondRun.code, describeRun(secondRun)).toBe(0);
  ({ summary: second, html } = await readReports(path.join(workDir, 'second')));
  secondStdout = secondRun.stdout;
  stepSummary = await readFile(stepSummaryFile, 'utf8');
}, 120_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const identity = (f: { kind: string; subject: string; detail: string }) => `${f.kind} ${f.subject}: ${f.detail}`;

describe('drift held against the profile, on two real summaries', () => {
  it('the first run: no extra member, the header acknowledged, the entries about the extra member not seen', () => {
    expect(first.schemaVersion).toBe(2);
    expect(first.drift.findings.filter((f) => f.detail.includes(EXTRA))).toEqual([]);
    expect(first.drift.findings.find((f) => f.detail === 'x-ratelimit-limit')?.acknowledgedBy).toEqual(acknowledged[2]);
    expect(first.drift.notSeen).toEqual([acknowledged[0], acknowledged[1], neverSeen]);
    expect(first.knownDrift).toEqual([...acknowledged, neverSeen]);
    expect(first.notes).toEqual(['a note no finding shows']);
  });

  it('the second run: the extra members of errors acknowledged, those of every other object new', () => {
    const extra = second.drift.findings.filter((f) => f.detail.endsWith(EXTRA));
    const known = extra.filter((f) => f.acknowledgedBy !== null).map(identity);
    const fresh = extra.filter((f) => f.acknowledgedBy === null).map(identity);
    expect(known.sort()).toEqual([`extra-field Error envelope: error.${EXTRA}`, `extra-field Error envelope: ${EXTRA}`]);
    expect(fresh).toContain(`extra-field Actor: ${EXTRA}`);
    expect(fresh.every((f) => !f.includes('Error envelope'))).toBe(true);
    expect(second.drift.notSeen).toEqual([neverSeen]);
  });

  it("the baseline's new drift is what the first run did not report, acknowledged or not", () => {
    const before = new Set(first.drift.findings.map(identity));
    const expected = second.drift.findings.map(identity).filter((f) => !before.has(f));
    expect(second.baseline?.baseline.runId).toBe(first.run.id);
    expect(second.baseline?.newDrift.map(identity)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(2);
    expect(expected.every((f) => f.includes(EXTRA))).toBe(true);
    expect(expected).toContain(`extra-field Error envelope: ${EXTRA}`);
  });

  it('the printed summary, the step summary and the report show new drift apart from acknowledged', () => {
    const fresh = second.drift.findings.filter((f) => f.acknowledgedBy === null);
    const known = second.drift.findings.length - fresh.length;
    expect(secondStdout).toContain(
      `Drift: ${second.drift.findings.length} warning(s) from ${second.drift.responses} responses: ${fresh.length} new, ${known} acknowledged by the profile; 1 entry of the profile not seen in this run`,
    );
    expect(secondStdout).toMatch(new RegExp(`^ {2}new drift: extra-field Actor: ${EXTRA} \\(`, 'm'));
    expect(secondStdout).not.toMatch(/new drift: extra-field Error envelope/);
    expect(stepSummary).toContain(`### New drift (${fresh.length})`);
    expect(stepSummary).toContain(`| extra-field | Actor | \`${EXTRA}\` |`);
    expect(stepSummary).not.toContain(`| extra-field | Error envelope |`);
    expect(stepSummary).toContain('### Drift the profile lists, not seen in this run (1)');
    expect(html).toContain(`<h3 id="drift-acknowledged">Acknowledged by the profile (${known})</h3>`);
    expect(html).toContain('this target adds a member to every error');
  });
});
