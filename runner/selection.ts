import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConformanceConfig } from '../common/config.ts';
import { outwaitSkipReason } from '../common/outwaits.ts';
import { isSelected, matchesEntry, unselectedReason } from '../common/selection.ts';
import { SPEC_FILES, type SpecContract, transactionAction, transactionNames, transactionRuns, transactionSelectable } from '../common/spec-contract.ts';
import type { CheckResult } from './results.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** What the Dredd layer replays under a selection. */
export interface DreddPlan {
  /** The spec files Dredd is given, in document order; none when the layer does not run. */
  files: string[];
  /** The transactions of those files: what Dredd must report. */
  transactions: string[];
  /** Of those, the selected ones; the hooks have Dredd skip the others, sending nothing. */
  selected: string[];
  /** Why the spec's other transactions do not run; empty when none is left out. */
  reason: string;
  /** Selected transactions that outwait the run-sync cap and are off on this target (common/outwaits.ts), with why. */
  outwaited: Record<string, string>;
}

/**
 * What Dredd replays: nothing in read-only mode (its hooks create fixtures); otherwise each spec file that holds a
 * selected transaction (selected by its family, its tag `dredd`, its file's tag such as `tag:spec/04-datasets.apib`, or
 * its name) of a feature the target implements, of which the hooks run those transactions. An empty selection replays
 * every transaction of the target's features.
 */
export function dreddSelection(
  config: Pick<ConformanceConfig, 'select' | 'exclude' | 'readOnly' | 'features' | 'slow' | 'runSyncMaxWaitSecs'>,
  contract: SpecContract,
): DreddPlan {
  const all = transactionNames(contract);
  if (config.readOnly)
    return { files: [], transactions: [], selected: [], reason: 'not run in read-only mode: the Dredd hooks create fixtures on the target', outwaited: {} };
  const actionOf = (name: string) => transactionAction(contract, name);
  const chosen = all.filter((name) => isSelected(transactionSelectable(contract, name), config));
  const outwaited: Record<string, string> = {};
  for (const name of chosen) {
    const reason = outwaitSkipReason(transactionSelectable(contract, name).tags, config);
    if (reason !== undefined) outwaited[name] = reason;
  }
  const selected = chosen.filter((name) => transactionRuns(contract, name, config));
  const files = new Set(selected.map((name) => actionOf(name)?.file));
  // Transactions of features the target lacks are graded not-supported by the runner, so only the selection needs a reason.
  const reason = chosen.length === all.length ? '' : unselectedReason(config);
  return {
    files: SPEC_FILES.filter((file) => files.has(path.relative(PROJECT_ROOT, file))),
    transactions: all.filter((name) => files.has(actionOf(name)?.file)),
    selected,
    reason,
    outwaited,
  };
}

/**
 * The suite folders a selection reaches (`suites/<family>/`; a check's id starts with its family, which is its folder),
 * or undefined for all of them. A tag other than Dredd's own (`dredd`, a spec file) could be on any suite check, so it
 * reaches every folder; a family or id without a folder reaches none (the run names it as matching nothing).
 */
export function suiteFolders(select: readonly string[], contract: SpecContract): string[] | undefined {
  if (select.length === 0) return undefined;
  const transactions = transactionNames(contract);
  // Tags only transactions have: `dredd` and their spec file's. Others (`slow`) may be on suite checks too.
  const dreddTags = new Set(['dredd', ...contract.actions.map((action) => action.file)]);
  const folders = new Set<string>();
  for (const entry of select) {
    if (entry.startsWith('tag:')) {
      if (!dreddTags.has(entry.slice(4))) return undefined;
    } else if (entry !== 'transactions' && !transactions.includes(entry)) {
      folders.add(path.join('suites', entry.split('.')[0]!));
    }
  }
  return [...folders].filter((folder) => existsSync(path.join(PROJECT_ROOT, folder)));
}

/** Selection or exclusion entries that match no check at all (a typo would otherwise run nothing, or everything). */
export function unknownSelectionEntries(entries: string[], checks: CheckResult[]): string[] {
  return entries.filter((entry) => !checks.some((check) => matchesEntry(check, entry)));
}
