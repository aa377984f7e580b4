// Each fault of the catalogue really changes what it names, and nothing changes with it off.
import { describe, it } from 'vitest';
import { FAULTS } from '../../../emulator/faults/catalogue.ts';
import { ALL_PROBES } from './fault-probes.ts';
import { expectFaultChangesBehaviour } from './faults-support.ts';

describe.concurrent('the faults', () => {
  for (const fault of FAULTS) {
    it(`${fault.id}: ${fault.description}`, () => expectFaultChangesBehaviour(fault.id, ALL_PROBES[fault.id]), 30_000);
  }
});
