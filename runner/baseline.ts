import { readFileSync } from 'node:fs';
import { ConfigError } from '../common/config.ts';
import { ANY_ACTION, type DriftFinding } from './drift.ts';
import type { Summary } from './reports/summary.ts';
import { type CheckResult, isFailing } from './results.ts';

/**
 * The version of summary.json's shape. 2: each drift finding says which profile entry acknowledges it, `drift.notSeen`
 * lists the entries that matched nothing, `knownDrift` holds the profile's structured entries and `notes` its free text.
 */
export const SUMMARY_SCHEMA_VERSION = 2;

/**
 * The versions a baseline may have. What a comparison reads (`run.id`, `startedAt`, each check's id and status, each
 * drift finding's kind, subject and detail) has the same shape in 1 and 2, but for one value: version 1 named an
 * undocumented header's subject after the actions that sent it (`Get actor`, `3 actions`), which is read as version 2's
 * `any action`. Any other version is refused rather than misread.
 */
export const BASELINE_SCHEMA_VERSIONS: readonly number[] = [1, SUMMARY_SCHEMA_VERSION];

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

type BaselineSummary = Pick<Summary, 'startedAt' | 'checks'> & {
  run: { id: string };
  drift: { findings: Array<Pick<DriftFinding, 'kind' | 'subject' | 'detail'>> };
};

/** Reads an earlier summary.json; a file that is not one of this suite's is a wrong setting, named. */
export function readBaseline(file: string): BaselineSummary {
  const expected = `the summary.json of an earlier run (schemaVersion ${BASELINE_SCHEMA_VERSIONS.join(' or ')})`;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError('--baseline', expected, `${file} could not be read as JSON (${(error as Error).message})`);
  }
  const summary = raw as Partial<BaselineSummary & { schemaVersion: number }> | null;
  if (
    !summary ||
    !BASELINE_SCHEMA_VERSIONS.includes(Number(summary.schemaVersion)) ||
    !Array.isArray(summary.checks) ||
    !Array.isArray(summary.drift?.findings)
  ) {
    throw new ConfigError('--baseline', expected, `${file} is not one (schemaVersion ${String(summary?.schemaVersion)})`);
  }
  const read = summary as BaselineSummary & { schemaVersion: number };
  if (read.schemaVersion !== 1) return read;
  const findings = read.drift.findings.map((f) => (f.kind === 'undocumented-header' ? { ...f, subject: ANY_ACTION } : f));
  return { ...read, drift: { findings } };
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
