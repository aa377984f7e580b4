import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUITE_FAULTS } from './support/faults.ts';
import { LanePool } from './support/lanes.ts';

// Each check fails against a target that breaks exactly its rule: a proxy in front of the emulator breaks one rule at
// a time, and only the checks of that rule run (their files, with a name filter). Faults run on a few lanes at once.
const LANES = 3;
let lanes: LanePool;

beforeAll(async () => {
  lanes = await LanePool.open(LANES);
}, 120_000);

afterAll(async () => {
  await lanes?.close();
});

const targeted = [...new Set(SUITE_FAULTS.flatMap((fault) => fault.breaks))];

describe('each check against a target that breaks its rule', () => {
  it('has a fault for every check of the suites', async () => {
    const catalogue = await lanes.use(({ session }) => session.catalogue());
    expect([...catalogue.keys()].filter((id) => !targeted.includes(id))).toEqual([]);
  });

  it('passes every check through the proxy when it breaks nothing', async () => {
    const run = await lanes.use(({ session }) => session.run(targeted));
    expect(run.checks.filter((check) => check.state !== 'passed').map((check) => `${check.id}: ${check.message}`)).toEqual([]);
  }, 120_000);

  it.concurrent.each(SUITE_FAULTS.map((fault) => [fault.id, fault] as const))(
    '%s',
    async (_id, fault) => {
      const run = await lanes.use(({ proxy, session }) => {
        proxy.use(fault.handler);
        return session.run(fault.breaks);
      });
      expect(Object.fromEntries(run.checks.map((check) => [check.id, check.state]))).toEqual(Object.fromEntries(fault.breaks.map((id) => [id, 'failed'])));
      // The checks failed on the rule, not on the proof's own machinery.
      for (const check of run.checks) expect(check.message).not.toContain('fault-proxy-error');
    },
    120_000,
  );
});
