// CSV (RFC 4180): fields quoted when they hold the delimiter, a quote or a line break; rows end with CRLF.
import type { Table } from './table.ts';

export interface CsvOptions {
  delimiter: string;
  skipHeaderRow: boolean;
}

function field(value: string, delimiter: string): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function toCsv(table: Table, options: CsvOptions): string {
  const rows = options.skipHeaderRow ? table.rows : [table.columns, ...table.rows];
  return rows.map((row) => `${row.map((value) => field(value, options.delimiter)).join(options.delimiter)}\r\n`).join('');
}
