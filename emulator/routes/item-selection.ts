// Which dataset items Get items answers with, and in what shape. The window (offset, limit, desc) counts stored items;
// then each item is unwound, its fields picked (in the order `fields` names them) and omitted, its hidden fields (a
// top-level name starting with `#`) dropped, and empty items dropped, so a page can hold fewer items than `limit`, or
// more when `unwind` multiplies them. `desc` reverses stored items, never the elements one item unwinds into.
import type { Faults } from '../faults/faults.ts';

export interface ItemSelection {
  offset: number;
  limit?: number;
  desc: boolean;
  fields?: string[];
  omit?: string[];
  unwind?: string;
  skipHidden: boolean;
  skipEmpty: boolean;
}

export interface SelectedItems {
  items: Record<string, unknown>[];
  /** Stored items in the offset/limit window (the X-Apify-Pagination-Count header). */
  windowSize: number;
}

type Item = Record<string, unknown>;

function isObject(value: unknown): value is Item {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function unwound(item: Item, field: string): Item[] {
  const value = item[field];
  const { [field]: _unwound, ...rest } = item;
  if (Array.isArray(value)) return value.map((element) => (isObject(element) ? { ...rest, ...element } : { ...rest, [field]: element }));
  if (isObject(value)) return [{ ...rest, ...value }];
  return [item];
}

function picked(item: Item, fields: readonly string[]): Item {
  const result: Item = {};
  for (const field of fields) if (Object.hasOwn(item, field)) result[field] = item[field];
  return result;
}

export function selectItems(stored: readonly string[], selection: ItemSelection, faults: Faults): SelectedItems {
  const total = stored.length;
  const end = selection.limit === undefined ? total : Math.min(total, selection.offset + selection.limit);
  const window: string[] = [];
  // Fault ds-desc-ignored: items come oldest first whatever desc says.
  const reverse = selection.desc && !faults.has('ds-desc-ignored');
  for (let position = selection.offset; position < end; position += 1) window.push(stored[reverse ? total - 1 - position : position]!);
  let items = window.map((text) => JSON.parse(text) as Item);
  const { unwind, fields, omit } = selection;
  // Fault ds-unwind-ignored: unwind is accepted and does nothing.
  if (unwind !== undefined && !faults.has('ds-unwind-ignored')) items = items.flatMap((item) => unwound(item, unwind));
  if (fields !== undefined) {
    // Fault ds-fields-in-item-order: the fields are kept in the item's own order instead of the order asked for.
    items = items.map((item) =>
      faults.has('ds-fields-in-item-order')
        ? picked(
            item,
            Object.keys(item).filter((key) => fields.includes(key)),
          )
        : picked(item, fields),
    );
  }
  if (omit !== undefined) items = items.map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => !omit.includes(key))));
  // Fault ds-skip-hidden-ignored: hidden fields stay in the output.
  if (selection.skipHidden && !faults.has('ds-skip-hidden-ignored')) {
    items = items.map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => !key.startsWith('#'))));
  }
  if (selection.skipEmpty) items = items.filter((item) => Object.keys(item).length > 0);
  return { items, windowSize: window.length };
}
