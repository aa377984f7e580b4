// Request queues (emulator/README.md "Request queues"): get-or-create by name, requests keyed by uniqueKey, queue order
// with forefront, handled requests out of the head, counts that add up, clients, locks per client with expiry, batches
// and the list of requests by id.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { dataOf, expectApiError, expectStatus } from './helpers/http.ts';

let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu?.close();
});

interface Queue {
  id: string;
  name: string | null;
  totalRequestCount: number;
  handledRequestCount: number;
  pendingRequestCount: number;
  hadMultipleClients: boolean;
}
interface HeadItem {
  id: string;
  uniqueKey: string;
  lockExpiresAt?: string;
}

async function newQueue(name?: string): Promise<Queue> {
  return dataOf<Queue>(await emu.api.send({ method: 'POST', path: '/v2/request-queues', query: { name } }), 201);
}

const queuePath = (queue: Queue) => `/v2/request-queues/${queue.id}`;

async function add(queue: Queue, uniqueKey: string, query: Record<string, string | boolean> = {}) {
  const res = await emu.api.send({ method: 'POST', path: `${queuePath(queue)}/requests`, query, json: { uniqueKey, url: `https://example.com/${uniqueKey}` } });
  return dataOf<{ requestId: string; wasAlreadyPresent: boolean; wasAlreadyHandled: boolean }>(res, 201);
}

async function head(queue: Queue, query: Record<string, string | number> = {}): Promise<string[]> {
  const res = await emu.api.send({ path: `${queuePath(queue)}/head`, query });
  return dataOf<{ items: HeadItem[] }>(res).items.map((item) => item.uniqueKey);
}

async function read(queue: Queue): Promise<Queue> {
  return dataOf<Queue>(await emu.api.send({ path: queuePath(queue) }));
}

async function markHandled(queue: Queue, requestId: string, uniqueKey: string) {
  const body = { id: requestId, uniqueKey, url: `https://example.com/${uniqueKey}`, handledAt: new Date().toISOString() };
  return emu.api.send({ method: 'PUT', path: `${queuePath(queue)}/requests/${requestId}`, json: body });
}

describe('request queues: the queue collection', () => {
  test('create by a taken name answers the existing queue with 200; a new name answers 201 with Location', async () => {
    const created = await emu.api.send({ method: 'POST', path: '/v2/request-queues', query: { name: 'crawl-one' } });
    const queue = dataOf<Queue>(created, 201);
    expect(created.headers.location).toBe(`${emu.url}/v2/request-queues/${queue.id}`);
    const again = await emu.api.send({ method: 'POST', path: '/v2/request-queues', query: { name: 'crawl-one' } });
    expect(dataOf<Queue>(again, 200).id).toBe(queue.id);
    expect(dataOf<Queue>(await emu.api.send({ path: `/v2/request-queues/~crawl-one` })).id).toBe(queue.id);
    expect(dataOf<Queue>(await emu.api.send({ path: `/v2/request-queues/${emu.user.username}~crawl-one` })).id).toBe(queue.id);
  });

  test('the list shows named queues, and unnamed ones only with unnamed=1', async () => {
    const unnamed = await newQueue();
    const named = await newQueue('listed-queue');
    const ids = async (query: Record<string, string | number>) =>
      dataOf<{ items: Queue[] }>(await emu.api.send({ path: '/v2/request-queues', query })).items.map((queue) => queue.id);
    expect(await ids({})).toContain(named.id);
    expect(await ids({})).not.toContain(unnamed.id);
    expect(await ids({ unnamed: 1 })).toContain(unnamed.id);
  });

  test('rename, then delete: the queue answers 404 afterwards', async () => {
    const queue = await newQueue('to-rename');
    const renamed = dataOf<Queue>(await emu.api.send({ method: 'PUT', path: queuePath(queue), json: { name: 'renamed' } }));
    expect(renamed.name).toBe('renamed');
    expectStatus(await emu.api.send({ method: 'DELETE', path: queuePath(queue) }), 204);
    expectApiError(await emu.api.send({ path: queuePath(queue) }), 404, 'record-not-found');
  });

  test('another user can read a queue by its id, but cannot change it or add to it', async () => {
    const queue = await newQueue();
    expectStatus(await emu.api2.send({ path: queuePath(queue) }), 200);
    expectApiError(await emu.api2.send({ method: 'POST', path: `${queuePath(queue)}/requests`, json: { uniqueKey: 'a', url: 'https://a.example' } }), 403);
    expectApiError(await emu.api2.send({ method: 'DELETE', path: queuePath(queue) }), 403);
    expect((await read(queue)).totalRequestCount).toBe(0);
  });
});

describe('request queues: requests, head and counts', () => {
  test('a uniqueKey is stored once; the id is derived from it; a handled duplicate says so', async () => {
    const queue = await newQueue();
    const first = await add(queue, 'a');
    expect(first).toEqual({ requestId: expect.stringMatching(/^[A-Za-z0-9]{15}$/), wasAlreadyPresent: false, wasAlreadyHandled: false });
    expect(await add(queue, 'a')).toEqual({ ...first, wasAlreadyPresent: true });
    expectStatus(await markHandled(queue, first.requestId, 'a'), 200);
    expect(await add(queue, 'a')).toEqual({ ...first, wasAlreadyPresent: true, wasAlreadyHandled: true });
    expect(await read(queue)).toMatchObject({ totalRequestCount: 1, handledRequestCount: 1, pendingRequestCount: 0 });
  });

  test('forefront requests come first, newest first; handled ones leave the head; limit is honoured', async () => {
    const queue = await newQueue();
    await add(queue, 'n1');
    await add(queue, 'n2');
    await add(queue, 'f1', { forefront: true });
    const f2 = await add(queue, 'f2', { forefront: 'true' });
    expect(await head(queue)).toEqual(['f2', 'f1', 'n1', 'n2']);
    await markHandled(queue, f2.requestId, 'f2');
    expect(await head(queue)).toEqual(['f1', 'n1', 'n2']);
    expect(await head(queue, { limit: 2 })).toEqual(['f1', 'n1']);
    expect(await read(queue)).toMatchObject({ totalRequestCount: 4, handledRequestCount: 1, pendingRequestCount: 3 });
  });

  test('get returns the request as last written; delete removes it from the head and the counts', async () => {
    const queue = await newQueue();
    const { requestId } = await add(queue, 'x');
    const body = { id: requestId, uniqueKey: 'x', url: 'https://example.com/x', userData: { label: 'DETAIL' }, retryCount: 2 };
    expectStatus(await emu.api.send({ method: 'PUT', path: `${queuePath(queue)}/requests/${requestId}`, json: body }), 200);
    const got = dataOf<Record<string, unknown>>(await emu.api.send({ path: `${queuePath(queue)}/requests/${requestId}` }));
    expect(got).toMatchObject({ ...body, method: 'GET' });
    expectStatus(await emu.api.send({ method: 'DELETE', path: `${queuePath(queue)}/requests/${requestId}` }), 204);
    expect(await head(queue)).toEqual([]);
    expect(await read(queue)).toMatchObject({ totalRequestCount: 0, handledRequestCount: 0, pendingRequestCount: 0 });
    expectApiError(await emu.api.send({ path: `${queuePath(queue)}/requests/${requestId}` }), 404, 'record-not-found');
  });

  test('bad requests answer 400 and change nothing', async () => {
    const queue = await newQueue();
    const path = `${queuePath(queue)}/requests`;
    expectApiError(await emu.api.send({ method: 'POST', path, json: { uniqueKey: 'no-url' } }), 400, 'invalid-input');
    expectApiError(await emu.api.send({ method: 'POST', path, json: { url: 'https://example.com' } }), 400, 'invalid-input');
    expectApiError(await emu.api.send({ method: 'POST', path, json: { id: 'abc', uniqueKey: 'k', url: 'https://k.example' } }), 400, 'invalid-input');
    expectApiError(await emu.api.send({ method: 'POST', path, query: { clientKey: 'x'.repeat(33) }, json: { uniqueKey: 'k', url: 'https://k.example' } }), 400);
    const { requestId } = await add(queue, 'k');
    const wrongKey = { id: requestId, uniqueKey: 'other', url: 'https://k.example' };
    expectApiError(await emu.api.send({ method: 'PUT', path: `${path}/${requestId}`, json: wrongKey }), 400, 'request-id-invalid');
    expect(await read(queue)).toMatchObject({ totalRequestCount: 1, pendingRequestCount: 1 });
  });

  test('hadMultipleClients: false for one clientKey, true after a second key or a keyless call', async () => {
    const queue = await newQueue();
    await add(queue, 'a', { clientKey: 'one' });
    await head(queue, { clientKey: 'one' });
    expect((await read(queue)).hadMultipleClients).toBe(false);
    await head(queue, { clientKey: 'two' });
    expect((await read(queue)).hadMultipleClients).toBe(true);
    const other = await newQueue();
    await add(other, 'a', { clientKey: 'one' });
    await head(other);
    expect((await read(other)).hadMultipleClients).toBe(true);
  });
});

describe('request queues: locks', () => {
  const lockHead = async (queue: Queue, clientKey: string, query: Record<string, number> = {}) => {
    const res = await emu.api.send({ method: 'POST', path: `${queuePath(queue)}/head/lock`, query: { lockSecs: 60, limit: 10, clientKey, ...query } });
    return dataOf<{ items: HeadItem[]; queueHasLockedRequests: boolean }>(res, 201);
  };

  test('a locked request is not handed to another client; only the holder prolongs or deletes the lock', async () => {
    const queue = await newQueue();
    const { requestId } = await add(queue, 'a');
    await add(queue, 'b');
    const first = await lockHead(queue, 'one', { limit: 1 });
    expect(first.items.map((item) => item.id)).toEqual([requestId]);
    expect(Date.parse(first.items[0]!.lockExpiresAt!)).toBeGreaterThan(Date.now() + 50_000);
    expect(first.queueHasLockedRequests).toBe(true);
    expect((await lockHead(queue, 'two')).items.map((item) => item.uniqueKey)).toEqual(['b']);
    const lockPath = `${queuePath(queue)}/requests/${requestId}/lock`;
    expectApiError(await emu.api.send({ method: 'PUT', path: lockPath, query: { lockSecs: 120, clientKey: 'two' } }), 409, 'request-handled-or-locked');
    expectApiError(await emu.api.send({ method: 'DELETE', path: lockPath, query: { clientKey: 'two' } }), 409);
    const prolonged = dataOf<{ lockExpiresAt: string }>(await emu.api.send({ method: 'PUT', path: lockPath, query: { lockSecs: 120, clientKey: 'one' } }));
    expect(Date.parse(prolonged.lockExpiresAt)).toBeGreaterThan(Date.now() + 110_000);
    expectStatus(await emu.api.send({ method: 'DELETE', path: lockPath, query: { clientKey: 'one', forefront: 1 } }), 204);
    expect((await lockHead(queue, 'three')).items.map((item) => item.uniqueKey)).toEqual(['a']);
  });

  test('an expired lock gives the request back', async () => {
    const queue = await newQueue();
    await add(queue, 'a');
    expect((await lockHead(queue, 'one', { lockSecs: 1 })).items).toHaveLength(1);
    expect((await lockHead(queue, 'two')).items).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await lockHead(queue, 'two')).items.map((item) => item.uniqueKey)).toEqual(['a']);
  });

  test("unlock releases the caller's locks only; head/lock refuses a missing lockSecs and a limit over 25", async () => {
    const queue = await newQueue();
    await add(queue, 'a');
    await add(queue, 'b');
    await lockHead(queue, 'one', { limit: 1 });
    await lockHead(queue, 'two', { limit: 1 });
    const unlock = await emu.api.send({ method: 'POST', path: `${queuePath(queue)}/requests/unlock`, query: { clientKey: 'one' } });
    expect(dataOf<{ unlockedCount: number }>(unlock)).toEqual({ unlockedCount: 1 });
    expect((await lockHead(queue, 'three')).items.map((item) => item.uniqueKey)).toEqual(['a']);
    expectApiError(await emu.api.send({ method: 'POST', path: `${queuePath(queue)}/head/lock` }), 400, 'invalid-parameter');
    expectApiError(await emu.api.send({ method: 'POST', path: `${queuePath(queue)}/head/lock`, query: { lockSecs: 10, limit: 26 } }), 400, 'invalid-parameter');
  });
});

describe('request queues: batches and the request list', () => {
  test('a batch add reports every request; 26 are refused; a batch delete takes ids and uniqueKeys', async () => {
    const queue = await newQueue();
    await add(queue, 'k0');
    const batch = Array.from({ length: 3 }, (_, i) => ({ uniqueKey: `k${i}`, url: `https://example.com/k${i}` }));
    const added = dataOf<{ processedRequests: Array<{ uniqueKey: string; wasAlreadyPresent: boolean }>; unprocessedRequests: unknown[] }>(
      await emu.api.send({ method: 'POST', path: `${queuePath(queue)}/requests/batch`, json: batch }),
      201,
    );
    expect(added.processedRequests.map((r) => [r.uniqueKey, r.wasAlreadyPresent])).toEqual([
      ['k0', true],
      ['k1', false],
      ['k2', false],
    ]);
    expect(added.unprocessedRequests).toEqual([]);
    const tooMany = Array.from({ length: 26 }, (_, i) => ({ uniqueKey: `big${i}`, url: `https://example.com/big${i}` }));
    expectApiError(await emu.api.send({ method: 'POST', path: `${queuePath(queue)}/requests/batch`, json: tooMany }), 400, 'invalid-input');
    expect((await read(queue)).totalRequestCount).toBe(3);
    const k1 = added.processedRequests[1] as unknown as { requestId: string };
    const deleted = await emu.api.send({ method: 'DELETE', path: `${queuePath(queue)}/requests/batch`, json: [{ id: k1.requestId }, { uniqueKey: 'k2' }] });
    expect(dataOf<{ processedRequests: unknown[] }>(deleted).processedRequests).toHaveLength(2);
    expect(await head(queue)).toEqual(['k0']);
    expectApiError(await emu.api.send({ method: 'DELETE', path: `${queuePath(queue)}/requests/batch`, body: '[{"uniqueKey":"k0"}]' }), 400, 'invalid-request');
  });

  test('the list pages by id with exclusiveStartId and with the cursor, each request exactly once', async () => {
    const queue = await newQueue();
    for (let i = 0; i < 5; i += 1) await add(queue, `item-${i}`);
    const seen: string[] = [];
    let start: string | undefined;
    for (;;) {
      const page = dataOf<{ items: Array<{ id: string }> }>(
        await emu.api.send({ path: `${queuePath(queue)}/requests`, query: { limit: 2, exclusiveStartId: start } }),
      );
      if (page.items.length === 0) break;
      seen.push(...page.items.map((item) => item.id));
      start = page.items.at(-1)!.id;
    }
    expect(seen).toHaveLength(5);
    expect([...seen].sort()).toEqual(seen);
    const viaCursor: string[] = [];
    let cursor: string | undefined;
    do {
      const page = dataOf<{ items: Array<{ id: string }>; nextCursor: string | null }>(
        await emu.api.send({ path: `${queuePath(queue)}/requests`, query: { limit: 2, cursor } }),
      );
      viaCursor.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(viaCursor).toEqual(seen);
  });
});
