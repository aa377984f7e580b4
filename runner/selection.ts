import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSelected } from '../common/check.ts';
import type { ConformanceConfig } from '../common/config.ts';
import { SPEC_FILES, type SpecContract, transactionAction, transactionNames } from '../common/spec-contract.ts';
import { transactionCheck } from './dredd/check-results.ts';
import type { CheckResult } from './results.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** What the Dredd layer replays under a selection. */
export interface DreddPlan {
  /** The spec files Dredd is given, in document order; none when the layer does not run. */
  files: string[];
  /** The transactions of those files: what Dredd must report. */
  transactions: string[];
  /** Why the spec's other transactions do not run; empty when none is left out. */
  reason: string;
}

/**
 * Which spec files Dredd replays: none in read-only mode (its hooks create fixtures); otherwise each file that holds a
 * selected transaction (selected by its family, a tag such as its file's `tag:spec/04-datasets.apib`, or its name),
 * whole, since its transactions share the fixtures the hooks build. An empty selection replays them all.
 */
export function dreddSelection(config: Pick<ConformanceConfig, 'select' | 'readOnly'>, contract: SpecContract): DreddPlan {
  const all = transactionNames(contract);
  if (config.readOnly) return { files: [], transactions: [], reason: 'not run in read-only mode: the Dredd hooks create fixtures on the target' };
  const fileOf = (name: string) => transactionAction(contract, name)?.file;
  const files = new Set(all.filter((name) => isSelected(transactionCheck(name, contract), config.select)).map(fileOf));
  const transactions = all.filter((name) => files.has(fileOf(name)));
  const reason = transactions.length === all.length ? '' : `not selected by CONFORMANCE_SELECT=${config.select.join(',')}`;
  return { files: SPEC_FILES.filter((file) => files.has(path.relative(PROJECT_ROOT, file))), transactions, reason };
}

/** Selection entries that match no check at all (a typo would otherwise run nothing and pass). */
export function unknownSelectionEntries(select: string[], checks: CheckResult[]): string[] {
  return select.filter((entry) => !checks.some((check) => isSelected(check, [entry])));
}
