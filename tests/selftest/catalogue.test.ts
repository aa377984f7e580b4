import { describe, expect, it } from 'vitest';
import { FAULTS } from '../../emulator/faults/catalogue.ts';
import { VARIATIONS } from '../../emulator/variations/catalogue.ts';
import { loadOptions } from '../../emulator/config.ts';
import { EXPECTED_TRANSACTIONS } from '../spec/expected-transactions.ts';

// The self-test is only as strong as its catalogue: at least 40 faults, every check family and every documented action.
describe('the fault catalogue', () => {
  it('has at least 40 faults with unique kebab-case ids and a description each', () => {
    expect(FAULTS.length).toBeGreaterThanOrEqual(40);
    const ids = FAULTS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const fault of FAULTS) {
      expect(fault.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(fault.description.length).toBeGreaterThan(10);
    }
  });

  it('targets every check family', () => {
    const families = new Set(FAULTS.map((f) => f.family));
    for (const family of ['pagination', 'method-override', 'rate-limit', 'wait-for-finish', 'abort', 'lifecycle', 'run-sync', 'auth', 'errors', 'round-trip', 'transactions']) {
      expect(families, family).toContain(family);
    }
  });

  it('breaks every documented action of the spec', () => {
    // "Actors > Run actor synchronously > With input > Example 2" -> "Run actor synchronously > With input".
    const actions = new Set(EXPECTED_TRANSACTIONS.map((t) => t.name.split(" > ").slice(1, 3).join(" > ")));
    const broken = new Set(FAULTS.map((f) => f.action));
    expect([...actions].filter((a) => !broken.has(a))).toEqual([]);
    expect([...broken].filter((a) => !actions.has(a))).toEqual([]);
  });

  it('is what EMULATOR_FAULTS accepts, and an unknown id is named in the error', () => {
    expect(loadOptions({ port: 0 }, { EMULATOR_FAULTS: FAULTS.map((f) => f.id).join(',') }).faults).toHaveLength(FAULTS.length);
    expect(() => loadOptions({ port: 0 }, { EMULATOR_FAULTS: 'no-such-fault' })).toThrow(/no-such-fault/);
    expect(() => loadOptions({ port: 0 }, { EMULATOR_VARIATIONS: 'no-such-variation' })).toThrow(/no-such-variation/);
    expect(loadOptions({ port: 0 }, { EMULATOR_VARIATIONS: VARIATIONS.map((v) => v.id).join(',') }).maxPageSize).toBe(7);
  });
});
