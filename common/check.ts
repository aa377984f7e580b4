import { test } from 'vitest';
import { type ConformanceConfig, loadConfig } from './config.ts';
import { type Feature, missingFeatures, notSupportedReason } from './features.ts';
import { Inconclusive } from './inconclusive.ts';
import { outwaitSkipReason } from './outwaits.ts';
import { isSelected, unselectedReason } from './selection.ts';

/**
 * Every behavioural check is registered through `check()`: a stable id, the rule it enforces in one sentence, and where
 * the spec states it. The runner reads this metadata from each test (`task.meta.check`) to report, select and match
 * checks against a target profile's expectations.
 */
export interface CheckMeta {
  /** `<family>.<rule-slug>`, kebab-case, never renamed (profiles refer to it). */
  id: string;
  family: string;
  /** The rule, in one sentence. */
  title: string;
  /** Where the spec says so, e.g. `spec/00-overview.apib#pagination` or `spec/ERRATA.md#...`. */
  spec: string;
  /** What a target must implement for the rule to apply (common/features.ts); at least one. */
  features: [Feature, ...Feature[]];
  /** The family plus e.g. `slow`, `timing`, `rate-limit`, `destructive`, `read-only` (creates nothing on the target). */
  tags: string[];
}

declare module 'vitest' {
  interface TaskMeta {
    check?: CheckMeta;
    /** Why a check did not run (selection, read-only mode, a setting or a situation the target lacks). */
    skipReason?: string;
  }
}

/** What a check's body may do besides passing or throwing. */
export interface CheckContext {
  /**
   * Ends the check as inconclusive: the target kept it from reaching its verdict (every build ended before its abort
   * arrived). That fails the run unless the target's profile expects it; it never counts as passed.
   */
  inconclusive(reason: string): never;
}

export interface CheckOptions {
  timeoutMs?: number;
  /** A reason to skip on this target (e.g. no second user configured); the check is reported as skipped with it. */
  skipUnless?: { condition: boolean; reason: string };
}

/** What a suite file states about a check; the family comes from the id, and is added to the tags. */
export type CheckDeclaration = Omit<CheckMeta, 'family' | 'tags'> & { tags?: string[] };

const ID = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Registers a check as a Vitest test named `<id>: <title>`, honouring CONFORMANCE_SELECT, CONFORMANCE_EXCLUDE,
 * CONFORMANCE_FEATURES and CONFORMANCE_READ_ONLY.
 */
export function check(meta: CheckDeclaration, body: (context: CheckContext) => Promise<void>, options: CheckOptions = {}): void {
  const full = checkMeta(meta);
  const skipReason = skipReasonOf(full, selectionConfig(), options);
  test(
    `${full.id}: ${full.title}`,
    { meta: skipReason ? { check: full, skipReason } : { check: full }, skip: skipReason !== undefined, timeout: options.timeoutMs },
    () =>
      body({
        inconclusive(reason: string): never {
          throw new Inconclusive(reason);
        },
      }),
  );
}

/** The full metadata of a declared check; throws on an id or a title that breaks the conventions. */
export function checkMeta(meta: CheckDeclaration): CheckMeta {
  const match = ID.exec(meta.id);
  if (!match) throw new Error(`Check id "${meta.id}" must read <family>.<rule> in kebab-case`);
  if (meta.title.trim() === '' || /[\r\n]/.test(meta.title)) throw new Error(`Check ${meta.id} needs a one-line title`);
  const family = match[1]!;
  const tags = [family, ...(meta.tags ?? []).filter((tag) => tag !== family)];
  return { id: meta.id, family, title: meta.title, spec: meta.spec, features: meta.features, tags };
}

/** Why the run does not run a check, in the order the reasons decide: selection, features, read-only mode, the check's own. */
function skipReasonOf(check: CheckMeta, config: SelectionConfig, options: CheckOptions): string | undefined {
  if (!isSelected(check, config)) return unselectedReason(config);
  const missing = missingFeatures(check.features, config.features);
  if (missing.length > 0) return notSupportedReason(missing);
  if (config.readOnly && !check.tags.includes('read-only')) return 'creates resources on the target (read-only mode)';
  if (options.skipUnless && !options.skipUnless.condition) return options.skipUnless.reason;
  return outwaitSkipReason(check.tags, config);
}

type SelectionConfig = Pick<ConformanceConfig, 'select' | 'exclude' | 'readOnly' | 'features' | 'slow' | 'runSyncMaxWaitSecs'>;

let cached: SelectionConfig | undefined;
function selectionConfig(): SelectionConfig {
  cached ??= loadConfig();
  return cached;
}
