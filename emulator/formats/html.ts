// HTML: one <table> with a header row of the columns and a row per item.
import type { Table } from './table.ts';
import { escapeMarkup } from './xml.ts';

export function toHtml(table: Table): string {
  const row = (cells: string[], tag: 'th' | 'td') => `<tr>${cells.map((cell) => `<${tag}>${escapeMarkup(cell)}</${tag}>`).join('')}</tr>`;
  const body = [row(table.columns, 'th'), ...table.rows.map((cells) => row(cells, 'td'))].join('\n');
  return `<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"><title>Dataset items</title></head>\n<body>\n<table>\n${body}\n</table>\n</body>\n</html>\n`;
}
