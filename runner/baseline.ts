import { readFileSync } from 'node:fs';
import { ConfigError } from '../common/config.ts';
import type { DriftFinding } from './drift.ts';
import type { Summary } from './reports/summary.ts';
import { type CheckResult, isFailing } from './results.ts';

/** The version of summary.json's shape; a baseline of another version is refused rather than misread. */
export const SUMMARY_SCHEMA_VERSION = 1;

/** What changed since an earlier run (`--baseline <its summary.json>`): what a nightly acts on. */
export interface BaselineComparison {
  /** The earlier run: its id and start. */
  baseline: { runId: string; startedAt: string };
  /** Checks that fail now and did not then (or did not exist then). */
  newlyFailing: string[];
  /** Checks that pass now and failed then. */
  newlyPassing: string[];
  /** Drift findings (kind, where, what) the earlier run did not report. */
  newDrift: Array<Pick<DriftFinding, 'kind' | 'subject' | 'detail'>>;
}

type BaselineSummary = Pick<Summary, 'startedAt' | 'checks' | 'drift'> & { run: { id: string } };

/** Reads an earlier summary.json; a file that is not one of this suite's is a wrong setting, named. */
export function readBaseline(file: string): BaselineSummary {
  const expected = `the summary.json of an earlier run (schemaVersion ${SUMMARY_SCHEMA_VERSION})`;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError('--baseline', expected, `${file} could not be read as JSON (${(error as Error).message})`);
  }
  const summary = raw as Partial<Summary> | null;
  if (summary?.schemaVersion !== SUMMARY_SCHEMA_VERSION || !Array.isArray(summary.checks) || !Array.isArray(summary.drift?.findings)) {
    throw new ConfigError('--baseline', expected, `${file} is not one (schemaVersion ${String(summary?.schemaVersion)})`);
  }
  return summary as BaselineSummary;
}

export function compareToBaseline(checks: CheckResult[], drift: DriftFinding[], baseline: BaselineSummary): BaselineComparison {
  const before = new Map(baseline.checks.map((check) => [check.id, check.status]));
  const driftKey = (finding: Pick<DriftFinding, 'kind' | 'subject' | 'detail'>) => `${finding.kind}\0${finding.subject}\0${finding.detail}`;
  const knownDrift = new Set(baseline.drift.findings.map(driftKey));
  return {
    baseline: { runId: baseline.run.id, startedAt: baseline.startedAt },
    newlyFailing: checks.filter((check) => isFailing(check.status) && !isFailingThen(before.get(check.id))).map((check) => check.id),
    newlyPassing: checks.filter((check) => check.status === 'passed' && isFailingThen(before.get(check.id))).map((check) => check.id),
    newDrift: drift.filter((finding) => !knownDrift.has(driftKey(finding))).map(({ kind, subject, detail }) => ({ kind, subject, detail })),
  };
}

function isFailingThen(status: CheckResult['status'] | undefined): boolean {
  return status !== undefined && isFailing(status);
}
