// Every fault of the catalogue has a probe (so none is untested), EMULATOR_FAULTS accepts exactly the catalogue, and an
// unknown id stops the start with a message that lists the valid ones.
import { describe, expect, it } from 'vitest';
import { loadOptions } from '../../../emulator/config.ts';
import { FAULT_IDS } from '../../../emulator/faults/catalogue.ts';
import { startEmulator } from '../../../emulator/index.ts';
import { ALL_PROBES, PROBE_TABLES } from './fault-probes.ts';

describe('the fault switches', () => {
  it('have a probe each, and each probe belongs to one fault', () => {
    expect(Object.keys(ALL_PROBES).sort()).toEqual([...FAULT_IDS].sort());
    expect(PROBE_TABLES.reduce((sum, table) => sum + Object.keys(table).length, 0)).toBe(Object.keys(ALL_PROBES).length);
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
