// Key-value stores and datasets as collections (spec/03-key-value-stores.apib, spec/04-datasets.apib): named and
// unnamed storages, get-or-create by name, rename, delete, lists; keys paged by exclusiveStartKey; records with
// Location; items in every format with their options; access rules.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { ID_PATTERN } from './helpers/formats.ts';
import { type ApiResponse, dataOf, expectApiError, expectStatus } from './helpers/http.ts';

type Storage = { id: string; name: string | null; userId: string; itemCount?: number; cleanItemCount?: number };

let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu?.close();
});

const create = (kind: string, name?: string) => emu.api.send({ method: 'POST', path: `/v2/${kind}`, query: { name } });

async function datasetWith(items: unknown[]): Promise<string> {
  const { id } = dataOf<Storage>(await create('datasets'), 201);
  expectStatus(await emu.api.post(`/v2/datasets/${id}/items`, items), 201);
  return id;
}

describe.each(['key-value-stores', 'datasets'])('%s: the collection and the object', (kind) => {
  test('get-or-create by name: 201 with Location, then 200 with the same storage', async () => {
    const first = await create(kind, 'same-name');
    const created = dataOf<Storage>(first, 201);
    expect(created.id).toMatch(ID_PATTERN);
    expect(first.headers.location).toBe(`${emu.url}/v2/${kind}/${created.id}`);
    const again = await create(kind, 'same-name');
    expect(dataOf<Storage>(again, 200)).toMatchObject({ id: created.id, name: 'same-name' });
    expect(again.headers.location).toBeUndefined();
  });

  test('without a name the storage is unnamed, and listed only with unnamed=1', async () => {
    const { id } = dataOf<Storage>(await create(kind), 201);
    const listed = async (unnamed: boolean) => dataOf<{ items: Storage[] }>(await emu.api.get(`/v2/${kind}`, { unnamed })).items.map((item) => item.id);
    expect(await listed(true)).toContain(id);
    expect(await listed(false)).not.toContain(id);
  });

  test('a name is 1-63 letters, digits and dashes', async () => {
    for (const name of ['with space', 'x'.repeat(64), 'slash/no']) expectApiError(await create(kind, name), 400, 'invalid-parameter');
  });

  test('rename, find by ~name and username~name, refuse a taken name, then delete', async () => {
    const { id } = dataOf<Storage>(await create(kind, 'to-rename'), 201);
    await create(kind, 'taken');
    expect(dataOf<Storage>(await emu.api.put(`/v2/${kind}/${id}`, { name: 'renamed' })).name).toBe('renamed');
    expect(dataOf<Storage>(await emu.api.get(`/v2/${kind}/~renamed`)).id).toBe(id);
    expect(dataOf<Storage>(await emu.api.get(`/v2/${kind}/${emu.user.username}~renamed`)).id).toBe(id);
    expectApiError(await emu.api.put(`/v2/${kind}/${id}`, { name: 'taken' }), 409, 'storage-name-not-unique');
    expectApiError(await emu.api2.put(`/v2/${kind}/${id}`, { name: 'stolen' }), 403, 'insufficient-permissions');
    expectStatus(await emu.api.delete(`/v2/${kind}/${id}`), 204);
    expectApiError(await emu.api.get(`/v2/${kind}/${id}`), 404, 'record-not-found');
  });

  test("the list pages by createdAt with offset, limit and desc, and shows only the caller's storages", async () => {
    for (const name of ['p-1', 'p-2', 'p-3']) await create(kind, name);
    await emu.api2.send({ method: 'POST', path: `/v2/${kind}`, query: { name: 'other-user' } });
    const names = (response: ApiResponse) => dataOf<{ items: Storage[] }>(response).items.map((item) => item.name);
    const all = names(await emu.api.get(`/v2/${kind}`));
    expect(all.filter((name) => name?.startsWith('p-'))).toEqual(['p-1', 'p-2', 'p-3']);
    expect(all).not.toContain('other-user');
    const page = dataOf<{ total: number; offset: number; count: number; desc: boolean }>(await emu.api.get(`/v2/${kind}`, { offset: 1, limit: 2, desc: 1 }));
    expect(page).toMatchObject({ total: all.length, offset: 1, count: 2, desc: true });
  });
});

describe('key-value stores: keys and records', () => {
  test('keys in byte order, paged strictly after exclusiveStartKey', async () => {
    const { id } = dataOf<Storage>(await create('key-value-stores', 'keyed'), 201);
    for (const key of ['b', 'a', 'B', '_', 'Z']) {
      const put = await emu.api.send({
        method: 'PUT',
        path: `/v2/key-value-stores/${id}/records/${key}`,
        body: key,
        headers: { 'content-type': 'text/plain' },
      });
      expectStatus(put, 201);
      expect(put.headers.location).toBe(`${emu.url}/v2/key-value-stores/${id}/records/${key}`);
      expect(put.json).toEqual({});
    }
    const first = dataOf<{ items: Array<{ key: string }>; isTruncated: boolean; nextExclusiveStartKey: string | null; exclusiveStartKey: string | null }>(
      await emu.api.get(`/v2/key-value-stores/${id}/keys`, { limit: 3 }),
    );
    expect(first.items.map((item) => item.key)).toEqual(['B', 'Z', '_']);
    expect(first).toMatchObject({ isTruncated: true, nextExclusiveStartKey: '_', exclusiveStartKey: null });
    const rest = dataOf<{ items: Array<{ key: string }>; isTruncated: boolean; nextExclusiveStartKey: string | null }>(
      await emu.api.get(`/v2/key-value-stores/${id}/keys`, { exclusiveStartKey: '_' }),
    );
    expect(rest).toMatchObject({
      items: [
        { key: 'a', size: 1 },
        { key: 'b', size: 1 },
      ],
      isTruncated: false,
      nextExclusiveStartKey: null,
    });
  });

  test('a gzip upload is stored decompressed; an unknown encoding is 415; a body over the limit is 413', async () => {
    const { id } = dataOf<Storage>(await create('key-value-stores', 'encoded'), 201);
    const path = `/v2/key-value-stores/${id}/records/zipped`;
    expectStatus(
      await emu.api.send({ method: 'PUT', path, body: gzipSync('plain'), headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' } }),
      201,
    );
    expect((await emu.api.get(path)).text).toBe('plain');
    expectApiError(
      await emu.api.send({ method: 'PUT', path, body: 'x', headers: { 'content-type': 'text/plain', 'content-encoding': 'zstd' } }),
      415,
      'unsupported-content-encoding',
    );
    const big = Buffer.alloc(9_437_185, 0x61);
    expectApiError(await emu.api.send({ method: 'PUT', path, body: big, headers: { 'content-type': 'text/plain' } }), 413, 'request-too-large');
  });
});

describe('datasets: items', () => {
  test('an object or an array is pushed; anything else is 400 and stores nothing; counts follow', async () => {
    const id = await datasetWith([{ a: 1 }, { '#hidden': 1 }]);
    expectStatus(await emu.api.post(`/v2/datasets/${id}/items`, { b: 2 }), 201);
    for (const body of ['"s"', '[{"c": 3}, 4]', '{"broken":']) {
      expectApiError(await emu.api.send({ method: 'POST', path: `/v2/datasets/${id}/items`, body, headers: { 'content-type': 'application/json' } }), 400);
    }
    expect(dataOf<Storage>(await emu.api.get(`/v2/datasets/${id}`))).toMatchObject({ itemCount: 3, cleanItemCount: 2 });
  });

  test('window, headers, fields order, omit, unwind and clean', async () => {
    const id = await datasetWith([{ n: 0, b: 1, a: 2 }, {}, { n: 2, '#h': true, u: [{ x: 1 }, { x: 2 }] }]);
    const response = await emu.api.get(`/v2/datasets/${id}/items`, { offset: 1, limit: 2, clean: 1, unwind: 'u' });
    expect(response.json).toEqual([
      { n: 2, x: 1 },
      { n: 2, x: 2 },
    ]);
    expect(response.headers).toMatchObject({
      'x-apify-pagination-offset': '1',
      'x-apify-pagination-limit': '2',
      'x-apify-pagination-count': '2',
      'x-apify-pagination-total': '3',
    });
    expect((await emu.api.get(`/v2/datasets/${id}/items`, { fields: 'a,n', limit: 1 })).text).toBe('[{"a":2,"n":0}]');
    expect((await emu.api.get(`/v2/datasets/${id}/items`, { omit: 'b,a', limit: 1 })).json).toEqual([{ n: 0 }]);
    expect((await emu.api.get(`/v2/datasets/${id}/items`, { desc: 1, limit: 1, fields: 'n' })).json).toEqual([{ n: 2 }]);
  });

  test('every format has its content type; csv a BOM, its delimiter and header; xml its names; attachment', async () => {
    const id = await datasetWith([{ a: 'x,y', b: { c: 1 } }]);
    const get = (query: Record<string, string | number>) => emu.api.get(`/v2/datasets/${id}/items`, query);
    const types: Record<string, string> = {
      json: 'application/json',
      jsonl: 'application/jsonl',
      csv: 'text/csv',
      html: 'text/html',
      xml: 'application/xml',
      rss: 'application/rss+xml',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
    for (const [format, type] of Object.entries(types)) expect((await get({ format })).headers['content-type'], format).toBe(type);
    expect((await get({ format: 'csv' })).bytes.toString('utf8')).toBe('\uFEFFa,b/c\r\n"x,y",1\r\n');
    expect((await get({ format: 'csv', bom: 0, delimiter: ';', skipHeaderRow: 1 })).text).toBe('x,y;1\r\n');
    expect((await get({ format: 'xml', xmlRoot: 'rows', xmlRow: 'row' })).text).toContain('<rows>\n  <row><a>x,y</a><b><c>1</c></b></row>\n</rows>');
    expect((await get({ format: 'xlsx' })).bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await get({ attachment: 1 })).headers['content-disposition']).toMatch(/^attachment; filename=/);
    expectApiError(await get({ format: 'yaml' }), 400, 'invalid-parameter');
  });

  test('reading needs no token; pushing needs the owner', async () => {
    const id = await datasetWith([{ a: 1 }]);
    expectStatus(await emu.api.anonymous().get(`/v2/datasets/${id}/items`), 200);
    expectApiError(await emu.api.anonymous().post(`/v2/datasets/${id}/items`, { a: 2 }), 401, 'token-not-provided');
    expectApiError(await emu.api2.post(`/v2/datasets/${id}/items`, { a: 2 }), 403, 'insufficient-permissions');
  });
});
