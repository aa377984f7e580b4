import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpecContract, transactionNames } from '../../../common/spec-contract.ts';
import { controlledEnvironment, describeRun, type ProcessResult, runCli } from './support/cli-process.ts';
import { junitCounts, junitCountsOf, progressLines, type Reports, readReports } from './support/reports.ts';

/** The documented actions and request/response pairs of every spec file. */
const ACTIONS = readSpecContract().actions.length;
const RESPONSES = transactionNames(readSpecContract()).length;

// `npm run conformance` with no target: the whole gate against the embedded emulator is green, and the three reports
// and the exit status say so consistently (README.md "Set-up", "Reading the reports").

let reportsDir: string;
let run: ProcessResult;
let reports: Reports;

beforeAll(async () => {
  reportsDir = await mkdtemp(path.join(tmpdir(), 'e2e-embedded-'));
  run = await runCli(['--reports', reportsDir], controlledEnvironment());
  reports = await readReports(reportsDir);
}, 180_000);

afterAll(async () => {
  if (reportsDir) await rm(reportsDir, { recursive: true, force: true });
});

describe('the whole gate against the embedded emulator', () => {
  it('exits 0, and summary.json agrees: outcome passed, no failing check', () => {
    expect(run.code, describeRun(run)).toBe(0);
    const { summary } = reports;
    expect(summary.target.kind).toBe('embedded-emulator');
    expect(summary.outcome).toBe('passed');
    expect(summary.exitCode).toBe(0);
    expect(summary.brokenReasons).toEqual([]);
    expect(summary.totals.failed).toBe(0);
    expect(summary.totals.error).toBe(0);
    expect(summary.totals['unexpected-pass']).toBe(0);
    expect(summary.totals.passed).toBeGreaterThan(0);
    expect(summary.checks).toHaveLength(summary.totals.total);
  });

  // Measured 2026-12-07: 5 builds of fixtures (the shared recipes plain, other, fails, sleeps and solo) and 14 that
  // checks about builds start. A file or a hook that builds an actor of its own again shows here.
  it('says how many builds the run started: each shared fixture actor once, the rest by checks about builds', () => {
    const { builds, fixtureBuilds } = reports.summary.workload;
    expect(fixtureBuilds).toBe(5);
    expect(builds - fixtureBuilds).toBeLessThanOrEqual(15);
    expect(run.stdout).toContain(`Workload: ${builds} build(s) started on the target, ${fixtureBuilds} of them for the run's shared fixture actors`);
  });

  it('exercised and passed every documented action and response', () => {
    const { coverage } = reports.summary;
    expect(coverage.actions).toEqual({ documented: ACTIONS, exercised: ACTIONS, passed: ACTIONS });
    expect(coverage.responses).toEqual({ documented: RESPONSES, exercised: RESPONSES, passed: RESPONSES });
    expect(coverage.unexercised).toEqual([]);
    expect(coverage.gate.applied).toBe(true);
    expect(run.stdout).toContain(`Coverage: ${ACTIONS}/${ACTIONS} actions, ${RESPONSES}/${RESPONSES} responses exercised and passed`);
  });

  it("junit.xml declares the summary's totals, and its suites and test cases add up to them", () => {
    const counts = junitCounts(reports.junit);
    const expected = junitCountsOf(reports.summary.totals);
    expect(counts.declared).toEqual(expected);
    expect(counts.suites).toEqual(expected);
    expect(counts.cases).toEqual(expected);
  });

  it('report.html is a complete page that names every check family', () => {
    expect(reports.html).toMatch(/^<!doctype html>/i);
    expect(reports.html.trimEnd()).toMatch(/<\/html>$/i);
    for (const family of new Set(reports.summary.checks.map((c) => c.family))) expect(reports.html).toContain(family);
  });

  it('printed a progress line for every check of both layers: every Dredd transaction and every suite check', () => {
    const lines = progressLines(run.stdout);
    expect(lines.map((l) => l.done)).toEqual(lines.map((_, i) => i + 1));
    const dredd = lines.filter((l) => l.family === 'transactions');
    expect(dredd).toHaveLength(RESPONSES);
    expect(dredd.at(-1)).toMatchObject({ familyDone: RESPONSES, familyTotal: RESPONSES });
    const dreddIds = reports.summary.checks.filter((c) => c.layer === 'dredd').map((c) => c.id.split(' > ').slice(2).join(' > '));
    expect(dredd.map((l) => l.id).sort()).toEqual(dreddIds.sort());
    const suiteChecks = reports.summary.checks.filter((c) => c.layer === 'vitest');
    expect(suiteChecks.length).toBeGreaterThan(0);
    const suiteLines = lines.filter((l) => l.family !== 'transactions');
    expect(suiteLines.map((l) => `${l.family} ${l.id}`).sort()).toEqual(suiteChecks.map((c) => `${c.family} ${c.id}`).sort());
    expect(run.stdout).toContain('Outcome: passed (exit 0)');
  });
});
