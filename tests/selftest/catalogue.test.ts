// The self-test is only as strong as its catalogue: at least 40 faults, each aimed at a check family and a documented
// action, every family, every action of the spec and every check covered, and correct variations the gate must pass.
import { describe, expect, it } from 'vitest';
import { RESPONSE_BODIES } from '../../common/response-schemas.ts';
import { readSpecContract, transactionNames } from '../../common/spec-contract.ts';
import { loadOptions } from '../../emulator/config.ts';
import { CHECK_FAMILIES, FAULTS } from '../../emulator/faults/catalogue.ts';
import { VARIATIONS } from '../../emulator/variations/catalogue.ts';
import { listChecks } from '../../runner/list.ts';
import { allCases, selectCases } from '../../selftest/cases.ts';
import { caseEnvironment } from '../../selftest/run-case.ts';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const contract = readSpecContract();
const documentedActions = new Set(contract.actions.map((action) => action.name));
const transactionsOf = (action: string) => transactionNames(contract).filter((name) => name.includes(` > ${action}`));

describe('the fault catalogue', () => {
  it('has at least 40 faults with unique kebab-case ids and a one-line description each', () => {
    expect(FAULTS.length).toBeGreaterThanOrEqual(40);
    const ids = FAULTS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const fault of FAULTS) {
      expect(fault.id, fault.id).toMatch(KEBAB);
      expect(fault.description, fault.id).toMatch(/^\S.{10,}$/);
    }
  });

  it('aims at every check family, and only at check families', () => {
    expect([...new Set(FAULTS.map((f) => f.family))].sort()).toEqual([...CHECK_FAMILIES].sort());
  });

  it('breaks every documented action of the spec, and names only documented actions', () => {
    expect(documentedActions.size).toBe(Object.keys(RESPONSE_BODIES).length);
    const broken = new Set(FAULTS.map((f) => f.action));
    expect([...documentedActions].filter((action) => !broken.has(action))).toEqual([]);
    expect([...broken].filter((action) => !documentedActions.has(action))).toEqual([]);
  });

  it('names, among the checks each fault breaks, every check of the suites, and only checks of its own family', async () => {
    const checks = (await listChecks()).filter((c) => c.layer === 'vitest').map((c) => c.id);
    const named = FAULTS.flatMap((f) => f.breaks ?? []);
    expect(checks.filter((id) => !named.includes(id))).toEqual([]);
    expect(named.filter((id) => !checks.includes(id))).toEqual([]);
    for (const fault of FAULTS) for (const id of fault.breaks ?? []) expect(id.split('.')[0], fault.id).toBe(fault.family);
  }, 60_000);

  it('says which checks a fault breaks, except for the Dredd layer and a fault no single rule owns', () => {
    const unnamed = FAULTS.filter((f) => f.family !== 'transactions' && f.breaks === undefined).map((f) => f.id);
    expect(unnamed).toEqual(['sporadic-503']);
  });

  it('is exactly what EMULATOR_FAULTS accepts', () => {
    expect(loadOptions({ port: 0 }, { EMULATOR_FAULTS: FAULTS.map((f) => f.id).join(',') }).faults).toHaveLength(FAULTS.length);
    expect(() => loadOptions({ port: 0 }, { EMULATOR_FAULTS: 'no-such-fault' })).toThrow(
      /unknown fault "no-such-fault"; known faults: pagination-count-off-by-one, /,
    );
  });
});

describe('the correct variations', () => {
  it('include the ones the issue names, with kebab-case ids', () => {
    expect(VARIATIONS.map((v) => v.id)).toEqual([
      'extra-fields',
      'small-page-size',
      'charset',
      'reordered-keys',
      'sporadic-429',
      'latency',
      'platform',
      'short-head',
    ]);
    for (const variation of VARIATIONS) expect(variation.id).toMatch(KEBAB);
  });

  it('are what EMULATOR_VARIATIONS accepts; small-page-size lowers the maximum page size', () => {
    expect(loadOptions({ port: 0 }, { EMULATOR_VARIATIONS: VARIATIONS.map((v) => v.id).join(',') }).variations).toHaveLength(VARIATIONS.length);
    expect(loadOptions({ port: 0 }, { EMULATOR_VARIATIONS: 'small-page-size' }).maxPageSize).toBe(7);
    expect(() => loadOptions({ port: 0 }, { EMULATOR_VARIATIONS: 'no-such-variation' })).toThrow(/no-such-variation/);
  });
});

describe('the self-test cases', () => {
  const cases = allCases();

  it('are the clean emulator, each variation alone and each fault alone', () => {
    expect(cases.map((c) => c.id)).toEqual(['clean', ...VARIATIONS.map((v) => v.id), ...FAULTS.map((f) => f.id)]);
    for (const c of cases) {
      const faults = c.kind === 'fault' ? c.id : '';
      const variations = c.kind === 'variation' ? c.id : '';
      expect(c.emulatorEnv, c.id).toEqual({ EMULATOR_FAULTS: faults, EMULATOR_VARIATIONS: variations });
      // A fault is judged by the checks that must catch it; a correct implementation by the whole gate.
      if (c.kind !== 'fault') expect(c.select, c.id).toBeUndefined();
      else if (c.breaks) expect(c.select, c.id).toEqual(c.breaks);
      else if (c.family === 'transactions') expect(c.select, c.id).toEqual(transactionsOf(c.action!));
      else expect(c.select, c.id).toEqual([c.family]);
    }
  });

  it('can be selected by id, and an unknown id is named', () => {
    expect(selectCases(cases, ['charset', 'rate-limit-off']).map((c) => c.id)).toEqual(['charset', 'rate-limit-off']);
    expect(() => selectCases(cases, ['nope'])).toThrow(/unknown case\(s\) "nope"/);
  });

  it('run the gate against its embedded emulator whatever target the environment names', () => {
    const testCase = cases.find((c) => c.id === 'rate-limit-off')!;
    const env = caseEnvironment(testCase, {
      PATH: '/bin',
      APIFY_API_BASE_URL: 'https://api.apify.com',
      APIFY_TOKEN: 'secret',
      CONFORMANCE_SELECT: 'auth',
      EMULATOR_MAX_PAGE_SIZE: '5',
    });
    expect(env.PATH).toBe('/bin');
    expect(env).toMatchObject({ APIFY_API_BASE_URL: '', APIFY_TOKEN: '', CONFORMANCE_SELECT: '', EMULATOR_MAX_PAGE_SIZE: '', CONFORMANCE_PROFILE: 'emulator' });
    expect(env).toMatchObject({ EMULATOR_FAULTS: 'rate-limit-off', EMULATOR_VARIATIONS: '' });
  });
});
