// Offset pagination: limit clamped to the maximum, 0 meaning "no limit", desc the exact reverse, count == items.length.
import { describe, expect, it } from 'vitest';
import { Faults } from '../../../emulator/faults/faults.ts';
import { paginate } from '../../../emulator/http/pagination.ts';

const limits = (maxPageSize: number) => ({ maxPageSize, faults: new Faults([]) });

const items = Array.from({ length: 25 }, (_, index) => index);

describe('paginate', () => {
  it('echoes offset and desc, reports the total and counts the page', () => {
    expect(paginate(items, { offset: 20, limit: 10 }, limits(1000))).toEqual({
      total: 25,
      offset: 20,
      limit: 10,
      desc: false,
      count: 5,
      items: [20, 21, 22, 23, 24],
    });
  });

  it('clamps the limit to the maximum page size and uses the maximum when no limit or 0 is given', () => {
    expect(paginate(items, { limit: 5000 }, limits(7))).toMatchObject({ limit: 7, count: 7 });
    expect(paginate(items, {}, limits(7))).toMatchObject({ limit: 7, count: 7, offset: 0, desc: false });
    expect(paginate(items, { limit: 0 }, limits(7))).toMatchObject({ limit: 7, count: 7 });
  });

  it('walks the list in reverse with desc, pages concatenating to the whole list', () => {
    const pages = [0, 10, 20].map((offset) => paginate(items, { offset, limit: 10, desc: true }, limits(1000)).items);
    expect(pages.flat()).toEqual([...items].reverse());
  });

  it('returns an empty page past the end', () => {
    expect(paginate(items, { offset: 100 }, limits(1000))).toMatchObject({ total: 25, count: 0, items: [] });
  });

  it('applies the view to the page only', () => {
    const seen: number[] = [];
    const page = paginate(items, { offset: 3, limit: 2 }, limits(1000), (item) => {
      seen.push(item);
      return `#${item}`;
    });
    expect(page.items).toEqual(['#3', '#4']);
    expect(seen).toEqual([3, 4]);
  });
});
