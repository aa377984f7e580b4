// Dataset items in each format Get items serves, with its media type. Text formats are UTF-8; only csv starts with a
// byte order mark unless `bom` says otherwise.
import { toCsv } from './csv.ts';
import { toHtml } from './html.ts';
import { toTable } from './table.ts';
import { toXlsx } from './xlsx.ts';
import { toRss, toXml } from './xml.ts';

export const ITEM_FORMATS = {
  json: 'application/json',
  jsonl: 'application/jsonl',
  csv: 'text/csv',
  html: 'text/html',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xml: 'application/xml',
  rss: 'application/rss+xml',
} as const;

export type ItemFormat = keyof typeof ITEM_FORMATS;

export function isItemFormat(name: string): name is ItemFormat {
  return Object.hasOwn(ITEM_FORMATS, name);
}

export interface RenderOptions {
  bom?: boolean;
  delimiter: string;
  skipHeaderRow: boolean;
  xmlRoot: string;
  xmlRow: string;
  /** For the RSS channel. */
  dataset: { id: string; name: string | null; url: string };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function text(format: Exclude<ItemFormat, 'xlsx'>, items: Record<string, unknown>[], options: RenderOptions): string {
  switch (format) {
    case 'json':
      return JSON.stringify(items);
    case 'jsonl':
      return items.map((item) => `${JSON.stringify(item)}\n`).join('');
    case 'csv':
      return toCsv(toTable(items), options);
    case 'html':
      return toHtml(toTable(items));
    case 'xml':
      return toXml(items, { root: options.xmlRoot, row: options.xmlRow });
    case 'rss':
      return toRss(items, {
        title: `Dataset ${options.dataset.name ?? options.dataset.id}`,
        description: `Items in dataset with id "${options.dataset.id}".`,
        link: options.dataset.url,
      });
  }
}

export function renderItems(format: ItemFormat, items: Record<string, unknown>[], options: RenderOptions): Buffer {
  if (format === 'xlsx') return toXlsx(toTable(items));
  const body = Buffer.from(text(format, items, options), 'utf8');
  return (options.bom ?? format === 'csv') ? Buffer.concat([BOM, body]) : body;
}
