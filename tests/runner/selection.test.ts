import { describe, expect, it } from 'vitest';
import { dreddSelection, unknownSelectionEntries } from '../../runner/selection.ts';
import { sampleResults } from './sample-results.ts';

const names = ['Apify API > Actors > Actor object > Get actor', 'Apify API > Actors > Actor collection > Create actor'];

describe('which layers a selection runs', () => {
  it('runs Dredd for an empty selection, its family, its tag, or one of its transactions', () => {
    for (const select of [[], ['transactions'], ['tag:dredd'], ['pagination', names[0]!]]) {
      expect(dreddSelection({ select, readOnly: false }, names).run, select.join(',')).toBe(true);
    }
  });

  it('leaves Dredd out for a selection of other families or tags, and says why', () => {
    expect(dreddSelection({ select: ['pagination', 'tag:slow'], readOnly: false }, names)).toEqual({
      run: false,
      reason: 'not selected by CONFORMANCE_SELECT=pagination,tag:slow',
    });
  });

  it('never runs Dredd in read-only mode: its hooks create fixtures', () => {
    expect(dreddSelection({ select: [], readOnly: true }, names).reason).toMatch(/read-only/);
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
