import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { check } from '../../common/check.ts';
import type { ApiResponse } from '../../common/http.ts';
import { expectError, expectStatus, expectThat } from '../support/expect.ts';
import { keyPage, mediaType } from '../support/storages.ts';
import { shared, UNKNOWN_ID, useTarget } from '../support/target.ts';

// "Record": a record comes back byte for byte with the content type it was stored with; a compressed upload is
// stored as what it decompresses to; a deleted record is gone; unknown keys and stores are 404 record-not-found.
const SPEC = 'spec/03-key-value-stores.apib#record';
const { api, fixtures } = useTarget();
const store = shared(() => fixtures.createStorage('key-value-stores', 'records'));
const recordPath = (storeId: string, key: string) => `/v2/key-value-stores/${storeId}/records/${key}`;

/** The body of a record read, decompressed if the server chose to send it compressed. */
function recordBytes(response: ApiResponse): Buffer {
  return response.headers['content-encoding'] === 'gzip' ? gunzipSync(response.bytes) : response.bytes;
}

async function putThenGet(storeId: string, key: string, body: Buffer, headers: Record<string, string>) {
  expectStatus(await api.request({ method: 'PUT', path: recordPath(storeId, key), headers, body }), 201);
  return api.request({ path: recordPath(storeId, key) });
}

check(
  {
    id: 'key-value-stores.records-round-trip',
    title: 'a record put as JSON, text or binary is read back with the same bytes and content type',
    spec: SPEC,
    features: ['key-value-stores'],
  },
  async () => {
    const { id } = await store();
    const cases = [
      { key: 'json', type: 'application/json', body: Buffer.from('{"a": [1, 2.5, "é"], "b": null}') },
      { key: 'text', type: 'text/plain', body: Buffer.from('line one\nline two: ünïcode ✓\n') },
      { key: 'binary', type: 'image/png', body: randomBytes(2048) },
    ];
    for (const { key, type, body } of cases) {
      const response = await putThenGet(id, key, body, { 'content-type': type });
      expectStatus(response, 200);
      expectThat(mediaType(response.headers['content-type']) === type, `Content-Type ${type}`, String(response.headers['content-type']), response);
      expectThat(recordBytes(response).equals(body), `the ${body.length} bytes stored under ${key}`, `${recordBytes(response).length} other bytes`, response);
    }
  },
);

check(
  {
    id: 'key-value-stores.records-gzip-upload',
    title: 'a record uploaded with Content-Encoding: gzip is read back as the bytes it decompresses to',
    spec: SPEC,
    features: ['key-value-stores'],
  },
  async () => {
    const { id } = await store();
    const body = Buffer.from(JSON.stringify({ compressed: true, filler: 'z'.repeat(500) }));
    const response = await putThenGet(id, 'gzipped', gzipSync(body), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expectStatus(response, 200);
    expectThat(
      mediaType(response.headers['content-type']) === 'application/json',
      'Content-Type application/json',
      String(response.headers['content-type']),
      response,
    );
    expectThat(recordBytes(response).equals(body), `the ${body.length} uncompressed bytes`, `${recordBytes(response).length} other bytes`, response);
  },
);

check(
  {
    id: 'key-value-stores.records-delete',
    title: 'Delete record answers 204; the record then answers 404 and its key is no longer listed',
    spec: SPEC,
    features: ['key-value-stores'],
  },
  async () => {
    const { id } = await store();
    await fixtures.putRecord(id, 'doomed', '"bye"', 'application/json');
    expectStatus(await api.request({ method: 'DELETE', path: recordPath(id, 'doomed') }), 204);
    expectError(await api.request({ path: recordPath(id, 'doomed') }), 404, 'record-not-found');
    const { page, response } = await keyPage(api, id, {});
    expectThat(!page.items.some((item) => item.key === 'doomed'), 'no key "doomed"', JSON.stringify(page.items.map((item) => item.key)), response);
  },
);

check(
  {
    id: 'key-value-stores.records-not-found',
    title: 'an unknown key or store answers 404 record-not-found, an invalid key 400 invalid-record-key',
    spec: SPEC,
    features: ['key-value-stores', 'errors'],
  },
  async () => {
    const { id } = await store();
    expectError(await api.request({ path: recordPath(id, 'never-stored') }), 404, 'record-not-found');
    expectError(await api.request({ path: recordPath(UNKNOWN_ID, 'any') }), 404, 'record-not-found');
    expectError(await api.request({ path: `/v2/key-value-stores/${UNKNOWN_ID}` }), 404, 'record-not-found');
    const invalid = await api.request({ method: 'PUT', path: recordPath(id, 'a%20b'), headers: { 'content-type': 'text/plain' }, body: 'x' });
    expectError(invalid, 400, 'invalid-record-key');
  },
);
