// Each fault of the request/response conventions really changes what it names, and nothing changes with it off.
import { describe, it } from 'vitest';
import { FAULTS } from '../../../emulator/faults/catalogue.ts';
import { API_PROBES } from './faults-api-probes.ts';
import { expectFaultChangesBehaviour } from './faults-support.ts';

describe.concurrent('faults of the API conventions', () => {
  for (const [id, probe] of Object.entries(API_PROBES) as Array<[keyof typeof API_PROBES, (typeof API_PROBES)[keyof typeof API_PROBES]]>) {
    const fault = FAULTS.find((f) => f.id === id);
    it(`${id}: ${fault?.description}`, () => expectFaultChangesBehaviour(id, probe));
  }
});
