// Storage (enough of the storage API for the run's default stores: docs/ARCHITECTURE.md "What a running actor sees"):
// GET/PUT /v2/key-value-stores/{id}/records/{key} and GET/POST /v2/datasets/{id}/items, as the real API paths do.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { createBuiltActor, getDatasetItems, getRecord, recordPath, runToEnd } from './helpers/fixtures.ts';
import { expectApiError, expectStatus } from './helpers/http.ts';
import type { Run } from './helpers/types.ts';

let emu: TestEmulator;
let run: Run;

beforeAll(async () => {
  emu = await startTestEmulator();
  const { actor } = await createBuiltActor(emu, 'scripted');
  run = await runToEnd(emu, actor.id, { input: { seed: true } });
});
afterAll(async () => {
  await emu?.close();
});

function putRecord(key: string, body: string | Buffer, contentType: string) {
  return emu.api.send({ method: 'PUT', path: recordPath(run.defaultKeyValueStoreId, key), body, headers: { 'content-type': contentType } });
}

describe('storage: key-value records', () => {
  test('a JSON record round-trips with its content type', async () => {
    const put = await putRecord('JSON-RECORD', JSON.stringify({ a: 1, b: ['x'] }), 'application/json');
    expect([200, 201]).toContain(put.status);
    const got = await getRecord(emu, run.defaultKeyValueStoreId, 'JSON-RECORD');
    expectStatus(got, 200);
    expect(got.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(got.text)).toEqual({ a: 1, b: ['x'] });
  });

  test('a text record keeps its exact content and content type', async () => {
    const text = 'line one\nřádek dva\n';
    await putRecord('TEXT-RECORD', text, 'text/plain; charset=utf-8');
    const got = await getRecord(emu, run.defaultKeyValueStoreId, 'TEXT-RECORD');
    expect(got.headers['content-type']).toMatch(/^text\/plain/);
    expect(got.text).toBe(text);
  });

  test('a binary record keeps its bytes', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10, 0x80]);
    await putRecord('BINARY-RECORD', bytes, 'image/png');
    const got = await getRecord(emu, run.defaultKeyValueStoreId, 'BINARY-RECORD');
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.bytes.equals(bytes), 'the stored bytes come back unchanged').toBe(true);
  });

  test('PUT overwrites a record', async () => {
    await putRecord('OVERWRITTEN', 'first', 'text/plain');
    await putRecord('OVERWRITTEN', '{"second":true}', 'application/json');
    const got = await getRecord(emu, run.defaultKeyValueStoreId, 'OVERWRITTEN');
    expect(got.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(got.text)).toEqual({ second: true });
  });

  test('the run INPUT and the OUTPUT its actor wrote are records of the default store', async () => {
    expect(JSON.parse((await getRecord(emu, run.defaultKeyValueStoreId, 'INPUT')).text)).toEqual({ seed: true });
    expect(JSON.parse((await getRecord(emu, run.defaultKeyValueStoreId, 'OUTPUT')).text)).toMatchObject({ input: { seed: true } });
  });

  test('a missing record is 404 record-not-found', async () => {
    expectApiError(await getRecord(emu, run.defaultKeyValueStoreId, 'NO-SUCH-KEY'), 404, 'record-not-found');
  });

  test('an unknown store is 404 record-not-found', async () => {
    expectApiError(await emu.api.get(recordPath('NoSuchStoreId0000', 'INPUT')), 404, 'record-not-found');
    expectApiError(
      await emu.api.send({ method: 'PUT', path: recordPath('NoSuchStoreId0000', 'X'), body: 'x', headers: { 'content-type': 'text/plain' } }),
      404,
      'record-not-found',
    );
  });

  test('a key with characters outside the allowed set is 400 invalid-record-key', async () => {
    const res = await emu.api.send({
      method: 'PUT',
      path: `/v2/key-value-stores/${run.defaultKeyValueStoreId}/records/bad%20key%3F`,
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expectApiError(res, 400, 'invalid-record-key');
  });
});

describe('storage: dataset items', () => {
  async function freshDataset(): Promise<string> {
    const { actor } = await createBuiltActor(emu, 'trivial');
    return (await runToEnd(emu, actor.id)).defaultDatasetId;
  }

  test('pushing one object and then an array appends them in order', async () => {
    const datasetId = await freshDataset();
    expectStatus(await emu.api.post(`/v2/datasets/${datasetId}/items`, { n: 1 }), 201);
    expectStatus(await emu.api.post(`/v2/datasets/${datasetId}/items`, [{ n: 2 }, { n: 3 }]), 201);
    expect(await getDatasetItems(emu, datasetId)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  test('items are read with offset, limit and desc, and the pagination headers tell the totals', async () => {
    const datasetId = await freshDataset();
    const items = Array.from({ length: 5 }, (_, n) => ({ n }));
    expectStatus(await emu.api.post(`/v2/datasets/${datasetId}/items`, items), 201);
    expect(await getDatasetItems(emu, datasetId, { offset: 1, limit: 2 })).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await getDatasetItems(emu, datasetId, { desc: 1, limit: 2 })).toEqual([{ n: 4 }, { n: 3 }]);
    const res = await emu.api.get(`/v2/datasets/${datasetId}/items`, { offset: 1, limit: 2 });
    expect(res.headers['x-apify-pagination-offset']).toBe('1');
    expect(res.headers['x-apify-pagination-limit']).toBe('2');
    expect(res.headers['x-apify-pagination-count']).toBe('2');
    expect(res.headers['x-apify-pagination-total']).toBe('5');
  });

  test('an empty dataset gives an empty array', async () => {
    expect(await getDatasetItems(emu, await freshDataset())).toEqual([]);
  });

  test('items that are not JSON objects are refused with 400 and nothing is stored', async () => {
    const datasetId = await freshDataset();
    expectApiError(
      await emu.api.send({ method: 'POST', path: `/v2/datasets/${datasetId}/items`, body: '{not json', headers: { 'content-type': 'application/json' } }),
      400,
    );
    expectApiError(await emu.api.post(`/v2/datasets/${datasetId}/items`, [1, 'two']), 400);
    expect(await getDatasetItems(emu, datasetId)).toEqual([]);
  });

  test('an unknown dataset is 404 record-not-found', async () => {
    expectApiError(await emu.api.get('/v2/datasets/NoSuchDataset0000/items'), 404, 'record-not-found');
    expectApiError(await emu.api.post('/v2/datasets/NoSuchDataset0000/items', [{ a: 1 }]), 404, 'record-not-found');
  });
});
