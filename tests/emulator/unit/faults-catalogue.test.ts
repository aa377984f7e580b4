// Every fault of the catalogue has a probe (so none is untested), EMULATOR_FAULTS accepts exactly the catalogue, and an
// unknown id stops the start with a message that lists the valid ones.
import { describe, expect, it } from 'vitest';
import { loadOptions } from '../../../emulator/config.ts';
import { FAULT_IDS } from '../../../emulator/faults/catalogue.ts';
import { startEmulator } from '../../../emulator/index.ts';
import { API_PROBES } from './faults-api-probes.ts';
import { GROUP_PROBES } from './faults-group-probes.ts';
import { JOB_PROBES } from './faults-job-probes.ts';
import { QUEUE_PROBES } from './faults-queue-probes.ts';
import { STORAGE_PROBES } from './faults-storage-probes.ts';
import type { ProbeTable } from './faults-support.ts';

// A fault added to the catalogue without a probe does not compile.
const ALL_PROBES: ProbeTable = { ...API_PROBES, ...JOB_PROBES, ...STORAGE_PROBES, ...QUEUE_PROBES, ...GROUP_PROBES };

describe('the fault switches', () => {
  it('have a probe each, and each probe belongs to one fault', () => {
    expect(Object.keys(ALL_PROBES).sort()).toEqual([...FAULT_IDS].sort());
    expect(Object.keys(API_PROBES).filter((id) => id in JOB_PROBES || id in STORAGE_PROBES)).toEqual([]);
  });

  it('are read from EMULATOR_FAULTS, comma-separated, with spaces around ids ignored', () => {
    const options = loadOptions({ port: 0 }, { EMULATOR_FAULTS: ' rate-limit-off , errors-not-json ' });
    expect(options.faults).toEqual(['rate-limit-off', 'errors-not-json']);
    expect(loadOptions({ port: 0 }, {}).faults).toEqual([]);
  });

  it('refuse an unknown id, naming it and listing the valid ones', () => {
    const attempt = () => loadOptions({ port: 0 }, { EMULATOR_FAULTS: 'rate-limit-off,no-such-fault' });
    expect(attempt).toThrow(/EMULATOR_FAULTS.*"no-such-fault"/);
    expect(attempt).toThrow(new RegExp(FAULT_IDS.join(', ')));
  });

  it('refuse an unknown id given to startEmulator({faults}) as well', async () => {
    await expect(startEmulator({ port: 0, faults: ['no-such-fault'] })).rejects.toThrow(/no-such-fault/);
  });
});
