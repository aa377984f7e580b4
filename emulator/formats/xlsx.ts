// An Office Open XML workbook (ECMA-376) with one sheet: the table's header row and a row per item, every cell an
// inline string, so no shared-strings part is needed.
import type { Table } from './table.ts';
import { escapeMarkup } from './xml.ts';
import { zip } from './zip.ts';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheets><sheet name="Items" sheetId="1" r:id="rId1"/></sheets></workbook>';

const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '</Relationships>';

/** The column letters of a zero-based index: A, ..., Z, AA, AB, ... */
function columnName(index: number): string {
  let name = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  return name;
}

function sheet(table: Table): string {
  const rows = [table.columns, ...table.rows].map((cells, rowIndex) => {
    const row = rowIndex + 1;
    const xml = cells
      .map((cell, column) => `<c r="${columnName(column)}${row}" t="inlineStr"><is><t xml:space="preserve">${escapeMarkup(cell)}</t></is></c>`)
      .join('');
    return `<row r="${row}">${xml}</row>`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`
  );
}

export function toXlsx(table: Table): Buffer {
  const text = (name: string, content: string) => ({ name, data: Buffer.from(content, 'utf8') });
  return zip([
    text('[Content_Types].xml', CONTENT_TYPES),
    text('_rels/.rels', ROOT_RELS),
    text('xl/workbook.xml', WORKBOOK),
    text('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    text('xl/worksheets/sheet1.xml', sheet(table)),
  ]);
}
