// Each fault of key-value stores and datasets really changes what it names, and nothing changes with it off.
import { describe, it } from 'vitest';
import { FAULTS } from '../../../emulator/faults/catalogue.ts';
import { STORAGE_PROBES } from './faults-storage-probes.ts';
import { expectFaultChangesBehaviour } from './faults-support.ts';

describe.concurrent('faults of key-value stores and datasets', () => {
  for (const [id, probe] of Object.entries(STORAGE_PROBES) as Array<[keyof typeof STORAGE_PROBES, (typeof STORAGE_PROBES)[keyof typeof STORAGE_PROBES]]>) {
    const fault = FAULTS.find((f) => f.id === id);
    it(`${id}: ${fault?.description}`, () => expectFaultChangesBehaviour(id, probe));
  }
});
