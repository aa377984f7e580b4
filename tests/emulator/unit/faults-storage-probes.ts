// Probes for the faults of key-value stores and datasets. Each observes the one thing its fault changes.
import { gzipSync } from 'node:zlib';
import type { TestEmulator } from '../helpers/emulator.ts';
import type { ApiClient, ApiResponse } from '../helpers/http.ts';
import type { ProbeTable } from './faults-support.ts';

type Json = Record<string, unknown>;

const dataOf = (response: ApiResponse): Json => ((response.json as { data?: Json } | undefined)?.data ?? {}) as Json;

async function store(api: ApiClient, name?: string): Promise<string> {
  return String(dataOf(await api.send({ method: 'POST', path: '/v2/key-value-stores', query: { name } })).id);
}

async function dataset(api: ApiClient, items: unknown[] = []): Promise<string> {
  const id = String(dataOf(await api.send({ method: 'POST', path: '/v2/datasets', query: { name: 'probe' } })).id);
  if (items.length > 0) await api.post(`/v2/datasets/${id}/items`, items);
  return id;
}

async function storeWithKeys(api: ApiClient, keys: string[]): Promise<string> {
  const id = await store(api, 'keys');
  for (const key of keys)
    await api.send({ method: 'PUT', path: `/v2/key-value-stores/${id}/records/${key}`, body: 'x', headers: { 'content-type': 'text/plain' } });
  return id;
}

const keysOf = (response: ApiResponse) => ((dataOf(response).items ?? []) as Json[]).map((item) => item.key);
const items = async (emu: TestEmulator, id: string, query: Record<string, string | number>) => (await emu.api.get(`/v2/datasets/${id}/items`, query)).json;
const namesListed = async (api: ApiClient, query: Record<string, string | number> = {}) =>
  ((dataOf(await api.get('/v2/key-value-stores', query)).items ?? []) as Json[]).map((item) => item.name);

export const STORAGE_PROBES = {
  'storage-invalid-name-accepted': {
    async observe(emu) {
      return (await emu.api.send({ method: 'POST', path: '/v2/datasets', query: { name: 'has space' } })).status;
    },
    correct: 400,
    faulty: 201,
  },
  'ds-unknown-format-as-json': {
    async observe(emu) {
      return (await emu.api.get(`/v2/datasets/${await dataset(emu.api, [{ a: 1 }])}/items`, { format: 'yaml' })).status;
    },
    correct: 400,
    faulty: 200,
  },
  'ds-csv-header-dropped': {
    async observe(emu) {
      const response = await emu.api.get(`/v2/datasets/${await dataset(emu.api, [{ a: 1 }])}/items`, { format: 'csv', bom: 0 });
      return response.text.trim().split(/\r?\n/)[0];
    },
    correct: 'a',
    faulty: '1',
  },
  'kvs-missing-record-empty-200': {
    async observe(emu) {
      return (await emu.api.get(`/v2/key-value-stores/${await store(emu.api, 'missing')}/records/never-stored`)).status;
    },
    correct: 404,
    faulty: 200,
  },
  'kvs-keys-unsorted': {
    async observe(emu) {
      return keysOf(await emu.api.get(`/v2/key-value-stores/${await storeWithKeys(emu.api, ['b', 'a', 'B'])}/keys`));
    },
    correct: ['B', 'a', 'b'],
    faulty: ['b', 'a', 'B'],
  },
  'kvs-exclusive-start-key-inclusive': {
    async observe(emu) {
      return keysOf(await emu.api.get(`/v2/key-value-stores/${await storeWithKeys(emu.api, ['a', 'b', 'c'])}/keys`, { exclusiveStartKey: 'a' }));
    },
    correct: ['b', 'c'],
    faulty: ['a', 'b', 'c'],
  },
  'kvs-keys-never-truncated': {
    async observe(emu) {
      const page = dataOf(await emu.api.get(`/v2/key-value-stores/${await storeWithKeys(emu.api, ['a', 'b'])}/keys`, { limit: 1 }));
      return { isTruncated: page.isTruncated, next: page.nextExclusiveStartKey };
    },
    correct: { isTruncated: true, next: 'a' },
    faulty: { isTruncated: false, next: null },
  },
  'kvs-record-content-type-lost': {
    async observe(emu) {
      const id = await storeWithKeys(emu.api, ['r']);
      return (await emu.api.get(`/v2/key-value-stores/${id}/records/r`)).headers['content-type'];
    },
    correct: 'text/plain',
    faulty: 'application/octet-stream',
  },
  'kvs-gzip-record-stored-compressed': {
    async observe(emu) {
      const id = await store(emu.api);
      const headers = { 'content-type': 'text/plain', 'content-encoding': 'gzip' };
      await emu.api.send({ method: 'PUT', path: `/v2/key-value-stores/${id}/records/z`, body: gzipSync('hello'), headers });
      return (await emu.api.get(`/v2/key-value-stores/${id}/records/z`)).text === 'hello';
    },
    correct: true,
    faulty: false,
  },
  'kvs-delete-record-keeps-it': {
    async observe(emu) {
      const id = await storeWithKeys(emu.api, ['r']);
      await emu.api.delete(`/v2/key-value-stores/${id}/records/r`);
      return (await emu.api.get(`/v2/key-value-stores/${id}/records/r`)).status;
    },
    correct: 404,
    faulty: 200,
  },
  'kvs-create-duplicates-named': {
    async observe(emu) {
      const first = await store(emu.api, 'same');
      const second = await store(emu.api, 'same');
      return first === second;
    },
    correct: true,
    faulty: false,
  },
  'kvs-list-shows-unnamed': {
    async observe(emu) {
      await store(emu.api, 'named');
      await store(emu.api);
      return namesListed(emu.api);
    },
    correct: ['named'],
    faulty: ['named', null],
  },
  'kvs-rename-ignored': {
    async observe(emu) {
      const id = await store(emu.api, 'old');
      await emu.api.put(`/v2/key-value-stores/${id}`, { name: 'new' });
      return dataOf(await emu.api.get(`/v2/key-value-stores/${id}`)).name;
    },
    correct: 'new',
    faulty: 'old',
  },
  'create-store-existing-201': {
    async observe(emu) {
      await store(emu.api, 'taken');
      return (await emu.api.send({ method: 'POST', path: '/v2/key-value-stores', query: { name: 'taken' } })).status;
    },
    correct: 200,
    faulty: 201,
  },
  'delete-store-200-with-body': {
    async observe(emu) {
      const response = await emu.api.delete(`/v2/key-value-stores/${await store(emu.api)}`);
      return { status: response.status, body: response.text !== '' };
    },
    correct: { status: 204, body: false },
    faulty: { status: 200, body: true },
  },
  'get-store-missing-user-id': {
    async observe(emu) {
      return 'userId' in dataOf(await emu.api.get(`/v2/key-value-stores/${await store(emu.api)}`));
    },
    correct: true,
    faulty: false,
  },
  'ds-desc-ignored': {
    async observe(emu) {
      return items(emu, await dataset(emu.api, [{ n: 1 }, { n: 2 }]), { desc: 1 });
    },
    correct: [{ n: 2 }, { n: 1 }],
    faulty: [{ n: 1 }, { n: 2 }],
  },
  'ds-fields-in-item-order': {
    async observe(emu) {
      return JSON.stringify(await items(emu, await dataset(emu.api, [{ a: 1, b: 2 }]), { fields: 'b,a' }));
    },
    correct: '[{"b":2,"a":1}]',
    faulty: '[{"a":1,"b":2}]',
  },
  'ds-skip-hidden-ignored': {
    async observe(emu) {
      return items(emu, await dataset(emu.api, [{ a: 1, '#h': 2 }]), { clean: 1 });
    },
    correct: [{ a: 1 }],
    faulty: [{ a: 1, '#h': 2 }],
  },
  'ds-unwind-ignored': {
    async observe(emu) {
      return items(emu, await dataset(emu.api, [{ a: 1, u: [{ b: 1 }, { b: 2 }] }]), { unwind: 'u' });
    },
    correct: [
      { a: 1, b: 1 },
      { a: 1, b: 2 },
    ],
    faulty: [{ a: 1, u: [{ b: 1 }, { b: 2 }] }],
  },
  'ds-pagination-total-is-count': {
    async observe(emu) {
      const id = await dataset(emu.api, [{ n: 1 }, { n: 2 }, { n: 3 }]);
      return (await emu.api.get(`/v2/datasets/${id}/items`, { limit: 1 })).headers['x-apify-pagination-total'];
    },
    correct: '3',
    faulty: '1',
  },
  'ds-xml-root-ignored': {
    async observe(emu) {
      const id = await dataset(emu.api, [{ n: 1 }]);
      return /<products>/.test((await emu.api.get(`/v2/datasets/${id}/items`, { format: 'xml', xmlRoot: 'products' })).text);
    },
    correct: true,
    faulty: false,
  },
  'ds-item-count-stale': {
    async observe(emu) {
      return dataOf(await emu.api.get(`/v2/datasets/${await dataset(emu.api, [{ n: 1 }, { n: 2 }])}`)).itemCount;
    },
    correct: 2,
    faulty: 0,
  },
  'ds-push-partial-on-error': {
    async observe(emu) {
      const id = await dataset(emu.api);
      const status = (await emu.api.post(`/v2/datasets/${id}/items`, [{ ok: 1 }, 'bad'])).status;
      return { status, stored: await items(emu, id, {}) };
    },
    correct: { status: 400, stored: [] },
    faulty: { status: 400, stored: [{ ok: 1 }] },
  },
  'put-items-no-location': {
    async observe(emu) {
      return 'location' in (await emu.api.post(`/v2/datasets/${await dataset(emu.api)}/items`, { n: 1 })).headers;
    },
    correct: true,
    faulty: false,
  },
  'create-dataset-existing-201': {
    async observe(emu) {
      await dataset(emu.api);
      return (await emu.api.send({ method: 'POST', path: '/v2/datasets', query: { name: 'probe' } })).status;
    },
    correct: 200,
    faulty: 201,
  },
  'datasets-list-not-paginated': {
    async observe(emu) {
      await dataset(emu.api);
      return Array.isArray(((await emu.api.get('/v2/datasets')).json as { data?: unknown }).data);
    },
    correct: false,
    faulty: true,
  },
  'update-dataset-no-data': {
    async observe(emu) {
      return 'data' in ((await emu.api.put(`/v2/datasets/${await dataset(emu.api)}`, { name: 'renamed' })).json as Json);
    },
    correct: true,
    faulty: false,
  },
  'delete-dataset-200-with-body': {
    async observe(emu) {
      return (await emu.api.delete(`/v2/datasets/${await dataset(emu.api)}`)).status;
    },
    correct: 204,
    faulty: 200,
  },
} satisfies Partial<ProbeTable>;
