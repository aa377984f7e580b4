// Each fault of builds and runs really changes what it names, and nothing changes with it off.
import { describe, it } from 'vitest';
import { FAULTS } from '../../../emulator/faults/catalogue.ts';
import { JOB_PROBES } from './faults-job-probes.ts';
import { expectFaultChangesBehaviour } from './faults-support.ts';

describe.concurrent('faults of builds and runs', () => {
  for (const [id, probe] of Object.entries(JOB_PROBES) as Array<[keyof typeof JOB_PROBES, (typeof JOB_PROBES)[keyof typeof JOB_PROBES]]>) {
    const fault = FAULTS.find((f) => f.id === id);
    it(`${id}: ${fault?.description}`, () => expectFaultChangesBehaviour(id, probe), 30_000);
  }
});
