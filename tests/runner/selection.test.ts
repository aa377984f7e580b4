import { describe, expect, it } from 'vitest';
import { readSpecContract, SPEC_FILES, transactionNames } from '../../common/spec-contract.ts';
import { dreddSelection, suiteFolders, unknownSelectionEntries } from '../../runner/selection.ts';
import { sampleResults } from './sample-results.ts';

const contract = readSpecContract();
const all = transactionNames(contract);
const specFile = (name: string) => SPEC_FILES.find((file) => file.endsWith(name))!;
const GET_ACTOR = 'Apify API > Actors > Actor object > Get actor';
const GET_DATASET = 'Apify API > Datasets > Dataset > Get dataset';
/** The emulator's timing: a run-sync cap short enough that its 408s run by default. */
const SHORT_CAP = { slow: false, runSyncMaxWaitSecs: 3 };
const RUN_SYNC_408 = all.filter((name) => / synchronously > /.test(name) && / > Example 3$/.test(name));

describe('what of the spec a selection makes Dredd replay', () => {
  it('every file for an empty selection, the family or the tag every transaction has', () => {
    for (const select of [[], ['transactions'], ['tag:dredd']]) {
      expect(dreddSelection({ select, exclude: [], readOnly: false, ...SHORT_CAP, features: undefined }, contract), select.join(',')).toEqual({
        files: SPEC_FILES.filter((file) => !file.endsWith('00-overview.apib')),
        transactions: all,
        selected: all,
        reason: '',
        outwaited: {},
      });
    }
  });

  it('the file of each selected transaction or file tag, of which the selected transactions run, and says why the rest does not', () => {
    const plan = dreddSelection(
      { select: ['pagination', GET_ACTOR, 'tag:spec/04-datasets.apib'], exclude: [], readOnly: false, ...SHORT_CAP, features: undefined },
      contract,
    );
    expect(plan.files).toEqual([specFile('01-actors.apib'), specFile('04-datasets.apib')]);
    expect(plan.transactions).toContain(GET_DATASET);
    expect(plan.transactions).toContain('Apify API > Actors > Actor collection > Create actor');
    expect(plan.transactions.some((name) => name.startsWith('Apify API > Key-value stores'))).toBe(false);
    // Of the Actors file, only the named transaction runs; all of the Datasets file does.
    expect(plan.selected.filter((name) => name.startsWith('Apify API > Actors'))).toEqual([GET_ACTOR]);
    expect(plan.selected.filter((name) => name.startsWith('Apify API > Datasets'))).toEqual(all.filter((name) => name.startsWith('Apify API > Datasets')));
    expect(plan.reason).toBe(`not selected by CONFORMANCE_SELECT=pagination,${GET_ACTOR},tag:spec/04-datasets.apib`);
  });

  it('nothing for a selection of other families or tags', () => {
    expect(dreddSelection({ select: ['pagination', 'tag:timing'], exclude: [], readOnly: false, ...SHORT_CAP, features: undefined }, contract)).toEqual({
      files: [],
      transactions: [],
      selected: [],
      reason: 'not selected by CONFORMANCE_SELECT=pagination,tag:timing',
      outwaited: {},
    });
  });

  it('only the transactions of the features the target implements, and only the files that hold one', () => {
    const plan = dreddSelection({ select: [], exclude: [], readOnly: false, ...SHORT_CAP, features: ['datasets', 'key-value-stores'] }, contract);
    expect(plan.files).toEqual([specFile('03-key-value-stores.apib'), specFile('04-datasets.apib')]);
    expect(plan.selected.length).toBeGreaterThan(0);
    for (const name of plan.selected) expect(name).toMatch(/^Apify API > (Datasets|Key-value stores) > /);
    // Not a selection: the coverage gate still applies to what the target implements.
    expect(plan.reason).toBe('');
  });

  it('leaves out the documented 408s of run-sync under a long cap unless asked for, saying why, and keeps the coverage gate', () => {
    expect(RUN_SYNC_408.length).toBeGreaterThanOrEqual(3);
    const live = { select: [], exclude: [], readOnly: false, features: undefined, slow: false, runSyncMaxWaitSecs: 300 };
    const plan = dreddSelection(live, contract);
    expect(Object.keys(plan.outwaited).sort()).toEqual([...RUN_SYNC_408].sort());
    for (const reason of Object.values(plan.outwaited))
      expect(reason).toBe('outwaits the 300 s run-sync cap to see its 408: CONFORMANCE_SLOW=1 (--slow) runs it');
    expect(plan.selected).toEqual(all.filter((name) => !RUN_SYNC_408.includes(name)));
    expect(plan.reason).toBe('');
    expect(dreddSelection({ ...live, slow: true }, contract).selected).toEqual(all);
    expect(dreddSelection({ ...live, runSyncMaxWaitSecs: 10 }, contract).selected).toEqual(all);
  });

  it('leaves out what CONFORMANCE_EXCLUDE names, and says so', () => {
    const plan = dreddSelection({ select: [], exclude: ['tag:spec/01-actors.apib'], readOnly: false, ...SHORT_CAP, features: undefined }, contract);
    expect(plan.selected.length).toBeGreaterThan(0);
    expect(plan.selected.some((name) => name.startsWith('Apify API > Actors >'))).toBe(false);
    expect(plan.files).not.toContain(specFile('01-actors.apib'));
    expect(plan.reason).toBe('not selected by CONFORMANCE_EXCLUDE=tag:spec/01-actors.apib');
  });

  it('nothing in read-only mode: its hooks create fixtures', () => {
    const plan = dreddSelection({ select: [], exclude: [], readOnly: true, ...SHORT_CAP, features: undefined }, contract);
    expect(plan.files).toEqual([]);
    expect(plan.reason).toMatch(/read-only/);
  });
});

describe('which suite folders a selection loads', () => {
  it('all of them for no selection, or a tag that could be on any suite check', () => {
    expect(suiteFolders([], contract)).toBeUndefined();
    expect(suiteFolders(['pagination', 'tag:slow'], contract)).toBeUndefined();
  });

  it("the folder of each family and of each check id's family; none for Dredd's own entries or a family with no folder", () => {
    expect(suiteFolders(['pagination', 'errors.unknown-actor-404', 'errors'], contract)).toEqual(['suites/pagination', 'suites/errors']);
    expect(suiteFolders(['transactions', 'tag:dredd', 'tag:spec/04-datasets.apib', GET_ACTOR], contract)).toEqual([]);
    expect(suiteFolders(['paginaton'], contract)).toEqual([]);
  });
});

describe('selection entries that match nothing', () => {
  it('are named, so a typo does not quietly run nothing and pass', () => {
    const checks = sampleResults();
    expect(unknownSelectionEntries(['pagination', 'paginaton', 'tag:timing', 'tag:nope', 'abort.finished-run-unchanged', 'transactions'], checks)).toEqual([
      'paginaton',
      'tag:nope',
    ]);
  });
});
