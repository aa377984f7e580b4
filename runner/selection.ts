import { isSelected } from '../common/check.ts';
import type { ConformanceConfig } from '../common/config.ts';
import type { CheckResult } from './results.ts';

/** Dredd's transactions are checks of the family `transactions`, tagged `dredd`. */
const DREDD_META = { family: 'transactions', tags: ['transactions', 'dredd'] };

/**
 * Whether the Dredd layer runs: unless read-only mode is on (its hooks create fixtures), when the selection is empty,
 * names the family or tag, or names one of its transactions (Dredd then runs them all: each depends on fixtures the
 * hooks build for the whole run).
 */
export function dreddSelection(config: Pick<ConformanceConfig, 'select' | 'readOnly'>, transactionNames: string[]): { run: boolean; reason: string } {
  if (config.readOnly) return { run: false, reason: 'not run in read-only mode: the Dredd hooks create fixtures on the target' };
  const selected = transactionNames.some((id) => isSelected({ id, ...DREDD_META }, config.select));
  return selected ? { run: true, reason: '' } : { run: false, reason: `not selected by CONFORMANCE_SELECT=${config.select.join(',')}` };
}

/** Selection entries that match no check at all (a typo would otherwise run nothing and pass). */
export function unknownSelectionEntries(select: string[], checks: CheckResult[]): string[] {
  return select.filter((entry) => !checks.some((check) => isSelected(check, [entry])));
}
