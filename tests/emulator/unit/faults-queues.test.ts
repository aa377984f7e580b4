// Each fault of request queues really changes what it names, and nothing changes with it off.
import { describe, it } from 'vitest';
import { FAULTS } from '../../../emulator/faults/catalogue.ts';
import { QUEUE_PROBES } from './faults-queue-probes.ts';
import { expectFaultChangesBehaviour } from './faults-support.ts';

describe.concurrent('faults of request queues', () => {
  for (const [id, probe] of Object.entries(QUEUE_PROBES) as Array<[keyof typeof QUEUE_PROBES, (typeof QUEUE_PROBES)[keyof typeof QUEUE_PROBES]]>) {
    const fault = FAULTS.find((f) => f.id === id);
    it(`${id}: ${fault?.description}`, () => expectFaultChangesBehaviour(id, probe));
  }
});
