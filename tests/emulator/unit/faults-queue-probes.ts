// Probes for the faults of request queues: each observes the one thing its fault changes in a queue of its own.
import type { TestEmulator } from '../helpers/emulator.ts';
import type { ApiClient, ApiResponse } from '../helpers/http.ts';
import type { ProbeTable } from './faults-support.ts';

type Json = Record<string, unknown>;

const dataOf = (response: ApiResponse): Json => ((response.json as { data?: Json } | undefined)?.data ?? {}) as Json;

async function newQueue(api: ApiClient, name?: string): Promise<string> {
  return String(dataOf(await api.post('/v2/request-queues', undefined, { name })).id);
}

const request = (key: string) => ({ uniqueKey: key, url: `https://example.com/${key}` });

async function add(api: ApiClient, queueId: string, key: string, query: Record<string, string | boolean> = {}): Promise<Json> {
  return dataOf(await api.post(`/v2/request-queues/${queueId}/requests`, request(key), query));
}

async function handle(api: ApiClient, queueId: string, key: string, requestId: unknown): Promise<void> {
  await api.put(`/v2/request-queues/${queueId}/requests/${String(requestId)}`, { ...request(key), id: requestId, handledAt: new Date().toISOString() });
}

const read = async (emu: TestEmulator, queueId: string) => dataOf(await emu.api.get(`/v2/request-queues/${queueId}`));
const headKeys = async (emu: TestEmulator, queueId: string, query: Record<string, string | number> = {}) =>
  ((dataOf(await emu.api.get(`/v2/request-queues/${queueId}/head`, query)).items ?? []) as Json[]).map((item) => item.uniqueKey);
const lockKeys = async (emu: TestEmulator, queueId: string, clientKey: string, lockSecs = 60) =>
  ((dataOf(await emu.api.post(`/v2/request-queues/${queueId}/head/lock`, undefined, { lockSecs, clientKey })).items ?? []) as Json[]).map(
    (item) => item.uniqueKey,
  );

export const QUEUE_PROBES = {
  'rq-list-unnamed-shown': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      return ((dataOf(await emu.api.get('/v2/request-queues')).items ?? []) as Json[]).some((queue) => queue.id === id);
    },
    correct: false,
    faulty: true,
  },
  'rq-create-existing-name-new': {
    async observe(emu) {
      const id = await newQueue(emu.api, 'probe');
      const again = await emu.api.post('/v2/request-queues', undefined, { name: 'probe' });
      return { status: again.status, same: dataOf(again).id === id };
    },
    correct: { status: 200, same: true },
    faulty: { status: 201, same: false },
  },
  'rq-handled-count-stale': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      await handle(emu.api, id, 'a', (await add(emu.api, id, 'a')).requestId);
      return (await read(emu, id)).handledRequestCount;
    },
    correct: 1,
    faulty: 0,
  },
  'rq-rename-ignored': {
    async observe(emu) {
      const id = await newQueue(emu.api, 'old-name');
      await emu.api.put(`/v2/request-queues/${id}`, { name: 'new-name' });
      return (await read(emu, id)).name;
    },
    correct: 'new-name',
    faulty: 'old-name',
  },
  'rq-deleted-queue-readable': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      await emu.api.delete(`/v2/request-queues/${id}`);
      return (await emu.api.get(`/v2/request-queues/${id}`)).status;
    },
    correct: 404,
    faulty: 200,
  },
  'rq-dedup-ignored': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      await add(emu.api, id, 'a');
      const again = await add(emu.api, id, 'a');
      return { wasAlreadyPresent: again.wasAlreadyPresent, total: (await read(emu, id)).totalRequestCount };
    },
    correct: { wasAlreadyPresent: true, total: 1 },
    faulty: { wasAlreadyPresent: false, total: 2 },
  },
  'rq-already-handled-wrong': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      await handle(emu.api, id, 'a', (await add(emu.api, id, 'a')).requestId);
      return (await add(emu.api, id, 'a')).wasAlreadyHandled;
    },
    correct: true,
    faulty: false,
  },
  'rq-forefront-ignored': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      await add(emu.api, id, 'n');
      await add(emu.api, id, 'f', { forefront: true });
      return headKeys(emu, id);
    },
    correct: ['f', 'n'],
    faulty: ['n', 'f'],
  },
  'rq-missing-url-accepted': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      return (await emu.api.post(`/v2/request-queues/${id}/requests`, { uniqueKey: 'no-url' })).status;
    },
    correct: 400,
    faulty: 201,
  },
  'rq-other-user-can-write': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      return (await emu.api2.post(`/v2/request-queues/${id}/requests`, request('a'))).status;
    },
    correct: 403,
    faulty: 201,
  },
  'rq-get-request-loses-user-data': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      const added = dataOf(await emu.api.post(`/v2/request-queues/${id}/requests`, { ...request('a'), userData: { depth: 1 } }));
      return dataOf(await emu.api.get(`/v2/request-queues/${id}/requests/${String(added.requestId)}`)).userData ?? null;
    },
    correct: { depth: 1 },
    faulty: null,
  },
  'rq-pending-not-decremented': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      await handle(emu.api, id, 'a', (await add(emu.api, id, 'a')).requestId);
      return (await read(emu, id)).pendingRequestCount;
    },
    correct: 0,
    faulty: 1,
  },
  'rq-delete-keeps-count': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      await emu.api.delete(`/v2/request-queues/${id}/requests/${String((await add(emu.api, id, 'a')).requestId)}`);
      return (await read(emu, id)).totalRequestCount;
    },
    correct: 0,
    faulty: 1,
  },
  'rq-head-shows-handled': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      await handle(emu.api, id, 'a', (await add(emu.api, id, 'a')).requestId);
      await add(emu.api, id, 'b');
      return headKeys(emu, id);
    },
    correct: ['b'],
    faulty: ['a', 'b'],
  },
  'rq-head-limit-ignored': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      for (const key of ['a', 'b', 'c']) await add(emu.api, id, key);
      return headKeys(emu, id, { limit: 1 });
    },
    correct: ['a'],
    faulty: ['a', 'b', 'c'],
  },
  'rq-multiple-clients-never': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      await headKeys(emu, id, { clientKey: 'one' });
      await headKeys(emu, id, { clientKey: 'two' });
      return (await read(emu, id)).hadMultipleClients;
    },
    correct: true,
    faulty: false,
  },
  'rq-lock-ignored': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      await add(emu.api, id, 'a');
      await lockKeys(emu, id, 'one');
      return lockKeys(emu, id, 'two');
    },
    correct: [],
    faulty: ['a'],
  },
  'rq-lock-never-expires': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      await add(emu.api, id, 'a');
      await lockKeys(emu, id, 'one', 1);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      return lockKeys(emu, id, 'two');
    },
    correct: ['a'],
    faulty: [],
  },
  'rq-lock-any-client': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      const { requestId } = await add(emu.api, id, 'a');
      await lockKeys(emu, id, 'one');
      return (await emu.api.put(`/v2/request-queues/${id}/requests/${String(requestId)}/lock`, undefined, { lockSecs: 60, clientKey: 'two' })).status;
    },
    correct: 409,
    faulty: 200,
  },
  'rq-unlock-all-clients': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      await add(emu.api, id, 'a');
      await add(emu.api, id, 'b');
      await emu.api.post(`/v2/request-queues/${id}/head/lock`, undefined, { lockSecs: 60, limit: 1, clientKey: 'one' });
      await emu.api.post(`/v2/request-queues/${id}/head/lock`, undefined, { lockSecs: 60, limit: 1, clientKey: 'two' });
      return dataOf(await emu.api.post(`/v2/request-queues/${id}/requests/unlock`, undefined, { clientKey: 'one' })).unlockedCount;
    },
    correct: 1,
    faulty: 2,
  },
  'rq-lock-input-unchecked': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      await add(emu.api, id, 'a');
      return (await emu.api.post(`/v2/request-queues/${id}/head/lock`, undefined, { clientKey: 'careless' })).status;
    },
    correct: 400,
    faulty: 201,
  },
  'rq-batch-no-limit': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      const batch = Array.from({ length: 26 }, (_, index) => request(`k${index}`));
      return (await emu.api.post(`/v2/request-queues/${id}/requests/batch`, batch)).status;
    },
    correct: 400,
    faulty: 201,
  },
  'rq-batch-drops-duplicates': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      await add(emu.api, id, 'a');
      const result = dataOf(await emu.api.post(`/v2/request-queues/${id}/requests/batch`, [request('a'), request('b')]));
      return (result.processedRequests as Json[]).map((item) => item.uniqueKey);
    },
    correct: ['a', 'b'],
    faulty: ['b'],
  },
  'rq-list-start-inclusive': {
    async observe(emu) {
      const id = await newQueue(emu.api);
      await add(emu.api, id, 'a');
      await add(emu.api, id, 'b');
      const ids = ((dataOf(await emu.api.get(`/v2/request-queues/${id}/requests`)).items ?? []) as Json[]).map((item) => item.id);
      return ((dataOf(await emu.api.get(`/v2/request-queues/${id}/requests`, { exclusiveStartId: String(ids[0]) })).items ?? []) as Json[]).length;
    },
    correct: 1,
    faulty: 2,
  },
} satisfies Partial<ProbeTable>;
