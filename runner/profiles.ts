import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../common/config.ts';
import { FEATURE_LIST_FORM, type Feature, featureListProblem } from '../common/features.ts';
import { KNOWN_DRIFT_FORM, type KnownDrift, knownDriftProblem } from './known-drift.ts';
import type { Exception, Expectation } from './results.ts';

/**
 * A target profile: what kind of target this is, its timing constants, and the checks known to fail on it (each with a
 * reason). Profiles live in profiles/<name>.json; CONFORMANCE_PROFILE may also name a file path.
 */
export interface Profile {
  name: string;
  description: string;
  /**
   * Defaults for CONFORMANCE_MAX_WAIT_SECS, CONFORMANCE_RUN_SYNC_MAX_WAIT_SECS (the waitForFinish cap when absent) and
   * CONFORMANCE_RATE_LIMIT_RPS; explicit settings win.
   */
  timing: { maxWaitSecs: number; runSyncMaxWaitSecs?: number; rateLimitRps: number };
  /** Drift this kind of target is known to show (runner/known-drift.ts): reported as acknowledged, apart from new drift. */
  drift: KnownDrift[];
  /** Known differences no drift finding shows (timing caps, rate limits, consistency, ...), with their sources. */
  notes: string[];
  /**
   * What the target's account allows at once: `concurrentBuilds` is the default of CONFORMANCE_MAX_CONCURRENT_BUILDS,
   * how many builds the run's processes keep going together, whoever starts them (a platform build holds 4 GB of the
   * memory quota).
   */
  limits?: { concurrentBuilds: number };
  /** Checks (Vitest ids or Dredd transaction names) known to fail on this target, and how. */
  expectations: Expectation[];
  /** Documented responses this target cannot be made to produce, each with the reason (coverage gate exceptions). */
  uncovered: Exception[];
  /** What the target must be tested with; a run without it cannot reach its verdict and breaks (exit 2). */
  requires: Requirement[];
  /**
   * The features the target implements (common/features.ts), each dotted one with its parent; absent means all. Checks
   * of other features are reported `not-supported` and do not count in the verdict.
   */
  features?: Feature[];
}

/** `second-user`: APIFY_TOKEN_2, without which the isolation checks cannot run. */
export const REQUIREMENTS = ['second-user'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

const PROFILE_DIR = fileURLToPath(new URL('../profiles/', import.meta.url));

export function loadProfile(nameOrPath: string): Profile {
  const { raw, file } = readRaw(nameOrPath);
  return parseProfile(withBase(raw, file), file);
}

const EXPECTED = 'emulator, apify-live, apify-live-scaled, generic, or the path of a profile JSON file';

function readRaw(nameOrPath: string): { raw: unknown; file: string } {
  const file = /[/\\]|\.json$/.test(nameOrPath) ? path.resolve(nameOrPath) : path.join(PROFILE_DIR, `${nameOrPath}.json`);
  if (!existsSync(file)) throw new ConfigError('CONFORMANCE_PROFILE', EXPECTED, `no profile at ${file}`);
  try {
    return { raw: JSON.parse(readFileSync(file, 'utf8')), file };
  } catch (error) {
    throw new ConfigError('CONFORMANCE_PROFILE', EXPECTED, `${file} is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * `"extends": "<profile>"` takes every member of that profile (by name, from profiles/) that this one does not set, so a
 * variant (the live profile scaled down for the emulator's platform variation) states only what differs.
 */
function withBase(raw: unknown, file: string): unknown {
  if (!isObject(raw) || raw.extends === undefined) return raw;
  if (typeof raw.extends !== 'string' || /[/\\]/.test(raw.extends)) {
    throw new ConfigError('CONFORMANCE_PROFILE', 'a profile whose "extends" names a profile of profiles/', `${file} does not have one`);
  }
  const base = readRaw(raw.extends).raw;
  if (isObject(base) && base.extends !== undefined) {
    throw new ConfigError('CONFORMANCE_PROFILE', 'a profile that extends one that extends none', `${file} extends ${raw.extends}, which extends another`);
  }
  const { extends: _, ...own } = raw;
  return { ...(isObject(base) ? base : {}), ...own };
}

/** Validates a profile's shape, naming the first bad member. */
export function parseProfile(raw: unknown, source: string): Profile {
  const bad = (member: string, form: string, why?: string): never => {
    throw new ConfigError('CONFORMANCE_PROFILE', `a profile whose ${member} is ${form}`, `${source} does not have one${why ? ` (${why})` : ''}`);
  };
  if (!isObject(raw)) return bad('top level', 'a JSON object');
  const timing = raw.timing;
  if (typeof raw.name !== 'string' || raw.name === '') bad('"name"', 'a non-empty string');
  if (typeof raw.description !== 'string') bad('"description"', 'a string');
  if (
    !isObject(timing) ||
    !isPositiveInteger(timing.maxWaitSecs) ||
    !isPositiveInteger(timing.rateLimitRps) ||
    !(timing.runSyncMaxWaitSecs === undefined || isPositiveInteger(timing.runSyncMaxWaitSecs))
  ) {
    bad('"timing"', '{ "maxWaitSecs": positive integer, "runSyncMaxWaitSecs"?: positive integer, "rateLimitRps": positive integer }');
  }
  if (!Array.isArray(raw.drift)) bad('"drift"', `an array of ${KNOWN_DRIFT_FORM}`);
  (raw.drift as unknown[]).forEach((entry, i) => {
    const problem = knownDriftProblem(entry);
    if (problem !== undefined) bad('"drift"', `an array of ${KNOWN_DRIFT_FORM}`, `"drift"[${i}] ${problem}`);
  });
  const notes = raw.notes ?? [];
  if (!Array.isArray(notes) || !notes.every((n) => typeof n === 'string')) bad('"notes"', 'an array of strings');
  const isException = (e: unknown) => isObject(e) && typeof e.id === 'string' && typeof e.reason === 'string' && e.reason !== '';
  if (!Array.isArray(raw.uncovered) || !raw.uncovered.every(isException)) bad('"uncovered"', 'an array of { "id": string, "reason": non-empty string }');
  if (!Array.isArray(raw.expectations) || !raw.expectations.every((e) => isException(e) && isPattern((e as Record<string, unknown>).match))) {
    bad('"expectations"', 'an array of { "id": string, "reason": non-empty string, "match": a regular expression the failure message matches }');
  }
  const limits = raw.limits;
  if (limits !== undefined && (!isObject(limits) || !isPositiveInteger(limits.concurrentBuilds))) bad('"limits"', '{ "concurrentBuilds": positive integer }');
  const requires = raw.requires ?? [];
  if (!Array.isArray(requires) || !requires.every((r) => (REQUIREMENTS as readonly unknown[]).includes(r))) {
    bad('"requires"', `an array of ${REQUIREMENTS.map((r) => `"${r}"`).join(', ')}`);
  }
  const features = raw.features;
  if (features !== undefined && (!Array.isArray(features) || !features.every((f) => typeof f === 'string') || featureListProblem(features) !== undefined)) {
    bad('"features"', `an array of ${FEATURE_LIST_FORM}`);
  }
  return { ...(raw as unknown as Profile), notes: notes as string[], requires: requires as Requirement[] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPattern(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new RegExp(value);
    return true;
  } catch {
    return false;
  }
}

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
