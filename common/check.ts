import { test } from 'vitest';
import { loadConfig, type ConformanceConfig } from './config.ts';

/**
 * Every behavioural check is registered through `check()`: a stable id, the rule it enforces in one sentence, and where
 * the spec states it. The runner reads this metadata from each test (`task.meta.check`) to report, select and match
 * checks against a target profile's expectations.
 */
export interface CheckMeta {
  /** `<family>.<rule>`, kebab-case, never renamed (profiles refer to it). */
  id: string;
  family: string;
  /** The rule, in one sentence. */
  title: string;
  /** Where the spec says so, e.g. `spec/apify-v2-actors.apib#pagination`. */
  spec: string;
  /** The family plus e.g. `slow`, `timing`, `rate-limit`, `destructive`, `read-only` (creates nothing). */
  tags: string[];
}

declare module 'vitest' {
  interface TaskMeta {
    check?: CheckMeta;
    /** Why a check did not run (selection, read-only mode, a setting the target lacks). */
    skipReason?: string;
  }
}

export interface CheckOptions {
  timeoutMs?: number;
  /** A reason to skip on this target (e.g. no second user configured); the check is reported as skipped with it. */
  skipUnless?: { condition: boolean; reason: string };
}

const ID = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Registers a check as a Vitest test named `<id>: <title>`, honouring CONFORMANCE_SELECT and CONFORMANCE_READ_ONLY. */
export function check(meta: Omit<CheckMeta, 'family' | 'tags'> & { tags?: string[] }, body: () => Promise<void>, options: CheckOptions = {}): void {
  const match = ID.exec(meta.id);
  if (!match) throw new Error(`Check id "${meta.id}" must read <family>.<rule> in kebab-case`);
  const family = match[1]!;
  const full: CheckMeta = { ...meta, family, tags: [family, ...(meta.tags ?? [])] };
  const config = selectionConfig();
  const skipReason = !isSelected(full, config.select)
    ? `not selected by CONFORMANCE_SELECT=${config.select.join(',')}`
    : config.readOnly && !full.tags.includes('read-only')
      ? 'creates resources on the target (read-only mode)'
      : options.skipUnless && !options.skipUnless.condition
        ? options.skipUnless.reason
        : undefined;
  test(
    `${full.id}: ${full.title}`,
    { meta: skipReason ? { check: full, skipReason } : { check: full }, skip: skipReason !== undefined, timeout: options.timeoutMs },
    body,
  );
}

/** True when a selection (families, ids or `tag:<tag>`; empty = everything) includes the check. */
export function isSelected(meta: Pick<CheckMeta, 'id' | 'family' | 'tags'>, selection: readonly string[]): boolean {
  if (selection.length === 0) return true;
  return selection.some((entry) => {
    if (entry.startsWith('tag:')) return meta.tags.includes(entry.slice(4));
    return entry === meta.id || entry === meta.family;
  });
}

let cached: Pick<ConformanceConfig, 'select' | 'readOnly'> | undefined;
function selectionConfig(): Pick<ConformanceConfig, 'select' | 'readOnly'> {
  cached ??= loadConfig();
  return cached;
}
