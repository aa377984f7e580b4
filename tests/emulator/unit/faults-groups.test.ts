// Each fault of actor tasks, resurrect and last run, webhooks, logs and users really changes what it names, and nothing
// changes with it off.
import { describe, it } from 'vitest';
import { FAULTS } from '../../../emulator/faults/catalogue.ts';
import { GROUP_PROBES } from './faults-group-probes.ts';
import { expectFaultChangesBehaviour } from './faults-support.ts';

describe.concurrent('faults of tasks, webhooks, logs and users', () => {
  for (const [id, probe] of Object.entries(GROUP_PROBES) as Array<[keyof typeof GROUP_PROBES, (typeof GROUP_PROBES)[keyof typeof GROUP_PROBES]]>) {
    const fault = FAULTS.find((f) => f.id === id);
    it(`${id}: ${fault?.description}`, () => expectFaultChangesBehaviour(id, probe));
  }
});
