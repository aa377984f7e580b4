// The kill matrix: for each injected fault, which checks caught it; the score; the split by layer and family.

export interface CaseOutcome {
  /** `clean`, a fault id, or a variation id. */
  id: string;
  kind: 'clean' | 'fault' | 'variation';
  /** The gate's exit status: 0 passed, 1 failed, 2 broke. */
  exitCode: number;
  /** Checks that failed (or errored) in this case, by layer. */
  failedChecks: { dredd: string[]; vitest: string[] };
  durationMs: number;
  /** For a fault: the family meant to notice it (emulator/faults/catalogue.ts). */
  family?: string;
}

export interface KillMatrix {
  faults: number;
  caught: number;
  /** caught / faults, 0..1. */
  score: number;
  byLayer: { dreddAlone: number; vitestAlone: number; both: number };
  /** Per check family: faults of that family caught, and faults of any family that a check of this family caught. */
  byFamily: Record<string, { faults: number; caught: number; catches: number }>;
  uncaught: string[];
  /** Correct variations (and the clean run) that the gate failed: each one is a gate defect. */
  falseAlarms: string[];
}

/** A fault is caught when the gate did not pass (a check failed, or the suite could not run against it). */
export function isCaught(outcome: CaseOutcome): boolean {
  return outcome.exitCode !== 0;
}

export function buildMatrix(outcomes: CaseOutcome[]): KillMatrix {
  const faults = outcomes.filter((o) => o.kind === 'fault');
  const caught = faults.filter(isCaught);
  const byFamily: KillMatrix['byFamily'] = {};
  const familyOf = (checkId: string) => (checkId.startsWith('Apify API >') ? 'transactions' : (checkId.split('.')[0] ?? checkId));
  for (const fault of faults) {
    const family = fault.family ?? 'unknown';
    byFamily[family] ??= { faults: 0, caught: 0, catches: 0 };
    byFamily[family].faults += 1;
    if (isCaught(fault)) byFamily[family].caught += 1;
    const catchingFamilies = new Set([...fault.failedChecks.dredd, ...fault.failedChecks.vitest].map(familyOf));
    for (const catching of catchingFamilies) {
      byFamily[catching] ??= { faults: 0, caught: 0, catches: 0 };
      byFamily[catching].catches += 1;
    }
  }
  const dredd = (o: CaseOutcome) => o.failedChecks.dredd.length > 0;
  const vitest = (o: CaseOutcome) => o.failedChecks.vitest.length > 0;
  return {
    faults: faults.length,
    caught: caught.length,
    score: faults.length === 0 ? 0 : caught.length / faults.length,
    byLayer: {
      dreddAlone: caught.filter((o) => dredd(o) && !vitest(o)).length,
      vitestAlone: caught.filter((o) => vitest(o) && !dredd(o)).length,
      both: caught.filter((o) => dredd(o) && vitest(o)).length,
    },
    byFamily,
    uncaught: faults.filter((o) => !isCaught(o)).map((o) => o.id),
    falseAlarms: outcomes.filter((o) => o.kind !== 'fault' && o.exitCode !== 0).map((o) => o.id),
  };
}
