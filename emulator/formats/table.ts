// Items as a table, for csv, html and xlsx: a column per property in the order the properties are first met, a nested
// value as a column per nested property (`address/city`, `tags/0`), an empty cell where an item lacks a column.

export interface Table {
  columns: string[];
  rows: string[][];
}

type Cells = Map<string, string>;

function flatten(value: unknown, prefix: string, cells: Cells): void {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((element, index) => [String(index), element] as const) : Object.entries(value);
    if (entries.length === 0 && prefix !== '') cells.set(prefix, '');
    for (const [key, member] of entries) flatten(member, prefix === '' ? key : `${prefix}/${key}`, cells);
    return;
  }
  cells.set(prefix, value === null || value === undefined ? '' : String(value));
}

export function toTable(items: readonly Record<string, unknown>[]): Table {
  const columns: string[] = [];
  const known = new Set<string>();
  const flattened = items.map((item) => {
    const cells: Cells = new Map();
    flatten(item, '', cells);
    for (const column of cells.keys()) {
      if (!known.has(column)) {
        known.add(column);
        columns.push(column);
      }
    }
    return cells;
  });
  return { columns, rows: flattened.map((cells) => columns.map((column) => cells.get(column) ?? '')) };
}
