// What the self-test runs the gate against: the clean emulator and each correct variation alone (the whole gate), and
// each fault alone (the checks that must catch it).
import { readSpecContract, type SpecContract, transactionAction, transactionNames } from '../common/spec-contract.ts';
import { type CheckFamily, FAULTS, type FaultDefinition } from '../emulator/faults/catalogue.ts';
import { VARIATIONS } from '../emulator/variations/catalogue.ts';

export type CaseKind = 'clean' | 'variation' | 'fault';

export interface SelfTestCase {
  /** `clean`, a variation id or a fault id. */
  id: string;
  kind: CaseKind;
  description: string;
  /** For a fault: the family meant to notice it and the documented action it breaks. */
  family?: CheckFamily;
  action?: string;
  /** For a fault: the checks that must fail against it (absent: any check of its family). */
  breaks?: readonly string[];
  /** For a fault whose rule shows only under a longer wait cap: that cap (CONFORMANCE_MAX_WAIT_SECS of the case). */
  capSecs?: number;
  /** The profile the gate judges the case with (CONFORMANCE_PROFILE); `emulator` when absent. */
  profile?: string;
  /** The emulator settings that make this case (EMULATOR_FAULTS / EMULATOR_VARIATIONS). */
  emulatorEnv: { EMULATOR_FAULTS: string; EMULATOR_VARIATIONS: string };
  /**
   * The checks the gate runs (its --select); all when absent. A fault is judged only by the checks that must catch it
   * (faultSelection), which keeps the self-test to a fraction of a full run per fault.
   */
  select?: string[];
}

export const CLEAN_ID = 'clean';

/**
 * Variations judged with a profile of their own: `platform` answers as the live API does, so the gate must pass it with
 * the live profile's expectations and its timing scaled down (the offline stand-in for a night against the platform).
 */
const VARIATION_PROFILES: Record<string, string> = { platform: 'apify-live-scaled' };

export function allCases(): SelfTestCase[] {
  const contract = readSpecContract();
  return [
    { id: CLEAN_ID, kind: 'clean', description: 'the emulator as it is', emulatorEnv: { EMULATOR_FAULTS: '', EMULATOR_VARIATIONS: '' } },
    ...VARIATIONS.map(
      (v): SelfTestCase => ({
        id: v.id,
        kind: 'variation',
        description: v.description,
        ...(VARIATION_PROFILES[v.id] === undefined ? {} : { profile: VARIATION_PROFILES[v.id] }),
        emulatorEnv: { EMULATOR_FAULTS: '', EMULATOR_VARIATIONS: v.id },
      }),
    ),
    ...FAULTS.map(
      (f: FaultDefinition): SelfTestCase => ({
        id: f.id,
        kind: 'fault',
        description: f.description,
        family: f.family,
        action: f.action,
        ...(f.breaks === undefined ? {} : { breaks: f.breaks }),
        ...(f.capSecs === undefined ? {} : { capSecs: f.capSecs }),
        emulatorEnv: { EMULATOR_FAULTS: f.id, EMULATOR_VARIATIONS: '' },
        select: faultSelection(f, contract),
      }),
    ),
  ];
}

/**
 * The checks that judge a fault: the ones it breaks; for a fault of the Dredd layer, the transactions of the action it
 * breaks (Dredd is given that action's spec file, and the hooks skip the rest of it); else its family.
 */
function faultSelection(fault: FaultDefinition, contract: SpecContract): string[] {
  if (fault.breaks !== undefined) return [...fault.breaks];
  if (fault.family !== 'transactions') return [fault.family];
  const transactions = transactionNames(contract).filter((name) => transactionAction(contract, name)?.name === fault.action);
  if (transactions.length === 0) throw new Error(`fault ${fault.id} names an action the spec does not document: ${fault.action}`);
  return transactions;
}

/** The cases named on the command line (all when none is), or an error naming the ids that match nothing. */
export function selectCases(cases: SelfTestCase[], ids: string[]): SelfTestCase[] {
  if (ids.length === 0) return cases;
  const unknown = ids.filter((id) => !cases.some((c) => c.id === id));
  if (unknown.length > 0) {
    throw new Error(`unknown case(s) ${unknown.map((id) => `"${id}"`).join(', ')}; valid: ${cases.map((c) => c.id).join(', ')}`);
  }
  return cases.filter((c) => ids.includes(c.id));
}
