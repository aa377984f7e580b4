// Readers for the formats of Get items, just enough to read flat items back (string values, no nesting): each returns
// the rows as objects, so a check can compare them with the items it pushed.
import { inflateRawSync } from 'node:zlib';

type Row = Record<string, string>;

const BOM = '\uFEFF';

/** RFC 4180 CSV: quoted fields with doubled quotes; rows end with CRLF or LF. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

export function rowsOf(table: string[][]): Row[] {
  const [header = [], ...rows] = table;
  return rows.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ''])));
}

export function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

function unescapeMarkup(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');
}

/** The child elements `<name>text</name>` of each `<row>` element, for flat items. */
export function parseXmlRows(text: string, row: string): Row[] {
  const rows = [...text.matchAll(new RegExp(`<${row}>([\\s\\S]*?)</${row}>`, 'g'))];
  return rows.map((match) =>
    Object.fromEntries(
      [...match[1]!.matchAll(/<([A-Za-z_][\w.-]*)>([^<]*)<\/\1>|<([A-Za-z_][\w.-]*)\/>/g)].map((child) => [
        child[1] ?? child[3]!,
        unescapeMarkup(child[2] ?? ''),
      ]),
    ),
  );
}

/** The cells of each `<tr>` of an HTML table, header cells included. */
export function parseHtmlTable(text: string): string[][] {
  return [...text.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd]>([\s\S]*?)<\/t[hd]>/g)].map((cell) => unescapeMarkup(cell[1]!)));
}

/** The files of a ZIP archive, from its central directory (stored or deflated entries). */
export function unzip(archive: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a ZIP archive: no end of central directory');
  let entry = archive.readUInt32LE(end + 16);
  for (let count = archive.readUInt16LE(end + 10); count > 0; count -= 1) {
    const method = archive.readUInt16LE(entry + 10);
    const size = archive.readUInt32LE(entry + 20);
    const nameLength = archive.readUInt16LE(entry + 28);
    const extra = archive.readUInt16LE(entry + 30) + archive.readUInt16LE(entry + 32);
    const name = archive.subarray(entry + 46, entry + 46 + nameLength).toString('utf8');
    const local = archive.readUInt32LE(entry + 42);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    entry += 46 + nameLength + extra;
  }
  return files;
}

/** The rows of the first sheet of an xlsx workbook, with shared or inline strings. */
export function parseXlsx(workbook: Buffer): string[][] {
  const files = unzip(workbook);
  const sheetName = [...files.keys()].filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name)).sort()[0];
  if (sheetName === undefined) throw new Error(`no worksheet in the workbook (files: ${[...files.keys()].join(', ')})`);
  const shared = [...(files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((si) =>
    [...si[1]!.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => unescapeMarkup(t[1]!)).join(''),
  );
  const sheet = files.get(sheetName)!.toString('utf8');
  return [...sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((row) =>
    [...row[1]!.matchAll(/<c([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map((cell) => {
      const attributes = cell[1] ?? '';
      const inner = cell[2] ?? '';
      const text = [...inner.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => unescapeMarkup(t[1]!)).join('');
      if (/t="s"/.test(attributes)) return shared[Number(/<v>([^<]*)<\/v>/.exec(inner)?.[1])] ?? '';
      return text !== '' ? text : (/<v>([^<]*)<\/v>/.exec(inner)?.[1] ?? '');
    }),
  );
}
