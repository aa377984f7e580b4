import { describe, expect, it } from 'vitest';
import { checkMeta } from '../../common/check.ts';
import { isSelected } from '../../common/selection.ts';
import { resolves, slugOf } from './support/spec-anchors.ts';

// The registration contract the runner relies on (common/check.ts); registry.test.ts reads every check.
const meta = checkMeta({
  id: 'pagination.runs-total-counts-all',
  title: 'total counts every item',
  spec: 'spec/00-overview.apib#pagination',
  features: ['actors'],
  tags: ['slow'],
});

describe('checkMeta', () => {
  it('takes the family from the id and puts it first among the tags', () => {
    expect(meta).toEqual({
      id: 'pagination.runs-total-counts-all',
      family: 'pagination',
      title: 'total counts every item',
      spec: 'spec/00-overview.apib#pagination',
      features: ['actors'],
      tags: ['pagination', 'slow'],
    });
  });

  it('refuses ids that do not read <family>.<rule> in kebab-case, and titles of more than one line', () => {
    for (const id of ['pagination', 'Pagination.count', 'pagination.count_items', 'pagination..count', '.count', 'pagination.count.items']) {
      expect(() => checkMeta({ id, title: 't', spec: 's', features: ['actors'] }), id).toThrow(/kebab-case/);
    }
    expect(() => checkMeta({ id: 'a.b', title: 'one\ntwo', spec: 's', features: ['actors'] })).toThrow(/one-line/);
  });
});

describe('isSelected', () => {
  const taking = (select: string[], exclude: string[] = []) => isSelected(meta, { select, exclude });

  it('selects everything when the selection is empty', () => {
    expect(taking([])).toBe(true);
  });

  it('selects by family, by id and by tag, and nothing else', () => {
    expect(taking(['pagination'])).toBe(true);
    expect(taking(['pagination.runs-total-counts-all'])).toBe(true);
    expect(taking(['tag:slow'])).toBe(true);
    expect(taking(['auth', 'tag:pagination'])).toBe(true);
    expect(taking(['auth', 'pagination.runs', 'tag:read-only', 'slow', 'runs-total-counts-all'])).toBe(false);
  });

  it('leaves out what an exclusion names by family, id or tag, whatever the selection takes', () => {
    expect(taking([], ['tag:slow'])).toBe(false);
    expect(taking(['pagination'], ['pagination.runs-total-counts-all'])).toBe(false);
    expect(taking([], ['auth', 'tag:read-only'])).toBe(true);
  });
});

describe('spec links', () => {
  it('resolve to headings of the API Blueprint and of the errata', () => {
    expect(slugOf('Get list of actors [GET /v2/acts{?token,my,offset,limit,desc}]')).toBe('get-list-of-actors');
    expect(resolves('spec/00-overview.apib#waiting-for-a-build-or-a-run')).toBe(true);
    expect(resolves('spec/01-actors.apib#abort-run')).toBe(true);
    expect(resolves('spec/ERRATA.md#since-2020-what-the-live-api-has-changed')).toBe(true);
    expect(resolves('spec/01-actors.apib#no-such-section')).toBe(false);
    expect(resolves('spec/no-such-file.apib')).toBe(false);
  });
});
