import { check } from '../../common/check.ts';
import { expectError, expectStatus, expectThat } from '../support/expect.ts';
import { parseCsv, parseHtmlTable, parseXlsx, parseXmlRows, rowsOf, withoutBom } from '../support/item-formats.ts';
import { mediaType } from '../support/storages.ts';
import { shared, useTarget } from '../support/target.ts';

// "Get items" in every format: each body reads back as the items pushed, with the documented media type; csv has a
// byte order mark unless bom=0, its own delimiter and an optional header row; xml its own element names.
const SPEC = 'spec/04-datasets.apib#get-items';
const { api, fixtures } = useTarget();

// Flat items of strings, with the characters each format must escape.
const ITEMS = [
  { title: 'plain', note: 'a, b; "quoted"' },
  { title: 'markup <b>&amp;</b>', note: 'line\nbreak' },
  { title: 'unicode ✓ é', note: '' },
];

const dataset = shared(async () => {
  const created = await fixtures.createStorage('datasets', 'formats');
  await fixtures.pushItems(created.id, ITEMS);
  return created;
});

async function get(format: string, query: Record<string, string | boolean> = {}) {
  const { id } = await dataset();
  const response = await api.request({ path: `/v2/datasets/${id}/items`, query: { format, ...query } });
  expectStatus(response, 200);
  return response;
}

const READERS: Record<string, { type: string; read: (body: Buffer) => unknown[] }> = {
  json: { type: 'application/json', read: (body) => JSON.parse(body.toString('utf8')) as unknown[] },
  jsonl: {
    type: 'application/jsonl',
    read: (body) =>
      body
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as unknown),
  },
  csv: { type: 'text/csv', read: (body) => rowsOf(parseCsv(withoutBom(body.toString('utf8')))) },
  html: { type: 'text/html', read: (body) => rowsOf(parseHtmlTable(body.toString('utf8'))) },
  xml: { type: 'application/xml', read: (body) => parseXmlRows(body.toString('utf8'), 'item') },
  rss: { type: 'application/rss+xml', read: (body) => parseXmlRows(body.toString('utf8'), 'item') },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', read: (body) => rowsOf(parseXlsx(body)) },
};

check(
  {
    id: 'datasets.formats-parse-back',
    title: 'json, jsonl, csv, html, xml, rss and xlsx each read back as the items pushed, with the documented Content-Type',
    spec: SPEC,
    features: ['datasets', 'datasets.formats'],
  },
  async () => {
    for (const [format, { type, read }] of Object.entries(READERS)) {
      const response = await get(format);
      expectThat(mediaType(response.headers['content-type']) === type, `${format}: Content-Type ${type}`, String(response.headers['content-type']), response);
      let rows: unknown;
      try {
        rows = read(response.bytes);
      } catch (error) {
        rows = `unreadable: ${(error as Error).message}`;
      }
      expectThat(JSON.stringify(rows) === JSON.stringify(ITEMS), `${format}: ${JSON.stringify(ITEMS)}`, JSON.stringify(rows), response);
    }
  },
);

check(
  {
    id: 'datasets.formats-options',
    title: 'csv honours bom, delimiter and skipHeaderRow, xml honours xmlRoot and xmlRow, and attachment asks for a download',
    spec: SPEC,
    features: ['datasets', 'datasets.formats'],
  },
  async () => {
    const csv = await get('csv');
    expectThat(
      csv.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])),
      'csv to start with a UTF-8 BOM',
      csv.bytes.subarray(0, 3).toString('hex'),
      csv,
    );
    const plain = await get('csv', { bom: false, delimiter: ';', skipHeaderRow: true });
    const table = parseCsv(plain.text, ';');
    expectThat(
      plain.bytes[0] !== 0xef && JSON.stringify(table) === JSON.stringify(ITEMS.map((item) => [item.title, item.note])),
      'no BOM, no header row, fields split by ;',
      plain.text,
      plain,
    );
    const json = await get('json', { bom: true });
    expectThat(
      json.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])),
      'json with bom=1 to start with a BOM',
      json.bytes.subarray(0, 3).toString('hex'),
      json,
    );
    const xml = await get('xml', { xmlRoot: 'products', xmlRow: 'product' });
    const rows = parseXmlRows(xml.text, 'product');
    expectThat(
      /<products>[\s\S]*<\/products>\s*$/.test(xml.text) && JSON.stringify(rows) === JSON.stringify(ITEMS),
      'a <products> root holding a <product> per item',
      xml.text,
      xml,
    );
    const attachment = await get('json', { attachment: true });
    const disposition = attachment.headers['content-disposition'] ?? '';
    expectThat(/^attachment\b/i.test(disposition), 'Content-Disposition: attachment', disposition || '(none)', attachment);
  },
);

check(
  { id: 'datasets.unknown-format-400', title: 'an unknown format answers 400 with the error envelope', spec: SPEC, features: ['datasets', 'errors'], tags: [] },
  async () => {
    const { id } = await dataset();
    const response = await api.request({ path: `/v2/datasets/${id}/items`, query: { format: 'yaml' } });
    expectError(response, 400);
  },
);
