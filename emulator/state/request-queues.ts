// Request queues: requests keyed by uniqueKey, in queue order (forefront adds first, newest forefront first), handled
// ones out of the head, locks per client with an expiry, and the counts, which are derived from the requests so they
// always add up. Every operation that takes a clientKey records the caller, for hadMultipleClients.
import { createHash } from 'node:crypto';
import type { Faults } from '../faults/faults.ts';
import { newId } from './ids.ts';
import type { EmulatorState } from './store.ts';
import type { QueueRequest, RequestQueue } from './types.ts';

/** What a client sends for a request: the documented members (uniqueKey and url are required) and any others. */
export type RequestFields = Record<string, unknown> & { uniqueKey: string; url: string };

export interface OperationInfo {
  requestId: string;
  wasAlreadyPresent: boolean;
  wasAlreadyHandled: boolean;
}

/** The caller of a queue operation: its clientKey, or undefined for a keyless call (each one is a new client). */
export type ClientKey = string | undefined;

/** The most requests a head lock, a batch add or a batch delete takes (the platform's limit). */
export const MAX_BATCH = 25;

export function createRequestQueue(state: EmulatorState, userId: string, name: string | null): RequestQueue {
  const now = state.clock.iso();
  const queue: RequestQueue = {
    id: newId(),
    name,
    userId,
    createdAt: now,
    modifiedAt: now,
    accessedAt: now,
    requests: new Map(),
    idsByUniqueKey: new Map(),
    clientKeys: new Set(),
    keylessCalls: 0,
    lastOrder: 0,
    firstOrder: 0,
    deletedButCounted: 0,
  };
  state.requestQueues.set(queue.id, queue);
  state.requestQueueList.push(queue);
  return queue;
}

export function deleteRequestQueue(state: EmulatorState, queue: RequestQueue): void {
  state.requestQueues.delete(queue.id);
  const index = state.requestQueueList.indexOf(queue);
  if (index !== -1) state.requestQueueList.splice(index, 1);
}

/** The platform's request id: the first 15 characters of base64(SHA-256(uniqueKey)) without `+`, `/` and `=`. */
export function requestIdOf(uniqueKey: string): string {
  return createHash('sha256').update(uniqueKey).digest('base64').replace(/[+/=]/g, '').slice(0, 15);
}

export interface QueueCounts {
  totalRequestCount: number;
  handledRequestCount: number;
  pendingRequestCount: number;
}

/** The operations on one user's queues, with the faults of the self-test switched in where the rules live. */
export class RequestQueueModel {
  constructor(
    private readonly state: EmulatorState,
    private readonly faults: Faults,
  ) {}

  counts(queue: RequestQueue): QueueCounts {
    let handled = 0;
    for (const request of queue.requests.values()) if (request.handledAt !== null) handled += 1;
    const total = queue.requests.size + queue.deletedButCounted;
    // Fault rq-handled-count-stale: handled requests are not counted as handled.
    const handledRequestCount = this.faults.has('rq-handled-count-stale') ? 0 : handled;
    // Fault rq-pending-not-decremented: a request marked handled still counts as pending.
    const pendingRequestCount = this.faults.has('rq-pending-not-decremented') ? total : total - handled;
    return { totalRequestCount: total, handledRequestCount, pendingRequestCount };
  }

  /** Whether more than one client (distinct clientKeys, or any keyless call besides another call) used the queue. */
  hadMultipleClients(queue: RequestQueue): boolean {
    // Fault rq-multiple-clients-never: the flag is never raised.
    if (this.faults.has('rq-multiple-clients-never')) return false;
    return queue.clientKeys.size + queue.keylessCalls > 1;
  }

  /** Records a call of a client-keyed operation. */
  touch(queue: RequestQueue, clientKey: ClientKey): void {
    if (clientKey === undefined) queue.keylessCalls += 1;
    else queue.clientKeys.add(clientKey);
    queue.accessedAt = this.state.clock.iso();
  }

  add(queue: RequestQueue, fields: RequestFields, forefront: boolean): OperationInfo {
    const existingId = this.faults.has('rq-dedup-ignored') ? undefined : queue.idsByUniqueKey.get(fields.uniqueKey);
    const existing = existingId === undefined ? undefined : queue.requests.get(existingId);
    if (existing !== undefined) {
      // Fault rq-already-handled-wrong: a handled duplicate is reported as not handled.
      const wasAlreadyHandled = existing.handledAt !== null && !this.faults.has('rq-already-handled-wrong');
      return { requestId: existing.id, wasAlreadyPresent: true, wasAlreadyHandled };
    }
    // Fault rq-dedup-ignored: each add gets an id of its own, so a uniqueKey can be queued twice.
    const id = this.faults.has('rq-dedup-ignored') ? newId().slice(0, 15) : requestIdOf(fields.uniqueKey);
    const { id: _ignored, handledAt, method, retryCount, ...rest } = fields;
    const request: QueueRequest = {
      id,
      fields: { ...rest, method: typeof method === 'string' ? method : 'GET', retryCount: typeof retryCount === 'number' ? retryCount : 0 },
      handledAt: typeof handledAt === 'string' ? handledAt : null,
      order: 0,
      lock: undefined,
    };
    this.place(queue, request, forefront);
    queue.requests.set(id, request);
    queue.idsByUniqueKey.set(fields.uniqueKey, id);
    this.modified(queue);
    return { requestId: id, wasAlreadyPresent: false, wasAlreadyHandled: false };
  }

  /**
   * Replaces a request with the body (its uniqueKey stays). `handledAt` set marks it handled, takes it out of the head
   * and releases its lock; otherwise it goes back into the queue, at the front with `forefront`, else at the end.
   */
  update(queue: RequestQueue, request: QueueRequest, fields: Record<string, unknown>, forefront: boolean): OperationInfo {
    const wasAlreadyHandled = request.handledAt !== null;
    const { id: _id, handledAt, ...rest } = fields;
    request.fields = { ...rest, uniqueKey: request.fields.uniqueKey };
    request.fields.method ??= 'GET';
    request.fields.retryCount ??= 0;
    request.handledAt = typeof handledAt === 'string' ? handledAt : null;
    if (request.handledAt !== null) request.lock = undefined;
    else this.place(queue, request, forefront);
    this.modified(queue);
    return { requestId: request.id, wasAlreadyPresent: true, wasAlreadyHandled };
  }

  delete(queue: RequestQueue, request: QueueRequest): void {
    queue.requests.delete(request.id);
    queue.idsByUniqueKey.delete(String(request.fields.uniqueKey));
    // Fault rq-delete-keeps-count: a deleted request still counts in totalRequestCount.
    if (this.faults.has('rq-delete-keeps-count')) queue.deletedButCounted += 1;
    this.modified(queue);
  }

  /** Up to `limit` unhandled requests in queue order (locks do not hide a request from the plain head). */
  head(queue: RequestQueue, limit: number): QueueRequest[] {
    const ordered = this.ordered(queue, (request) => request.handledAt === null || this.faults.has('rq-head-shows-handled'));
    // Fault rq-head-limit-ignored: the whole queue comes back whatever the limit.
    return this.faults.has('rq-head-limit-ignored') ? ordered : ordered.slice(0, limit);
  }

  /** Locks up to `limit` unhandled requests that no client holds for `clientKey`, for `lockSecs` seconds. */
  lockHead(queue: RequestQueue, limit: number, lockSecs: number, clientKey: ClientKey): QueueRequest[] {
    const now = this.now();
    // Fault rq-lock-ignored: requests locked by another client are handed out again.
    const free = this.ordered(queue, (request) => request.handledAt === null && (this.faults.has('rq-lock-ignored') || !this.isLocked(request, now)));
    const locked = free.slice(0, limit);
    for (const request of locked) request.lock = { clientKey, expiresAt: now + lockSecs * 1000 };
    if (locked.length > 0) this.modified(queue);
    return locked;
  }

  /** Whether a client holds an unexpired lock on the request. */
  isLocked(request: QueueRequest, now = this.now()): boolean {
    // Fault rq-lock-never-expires: an expired lock still hides the request.
    return request.lock !== undefined && (request.lock.expiresAt > now || this.faults.has('rq-lock-never-expires'));
  }

  /** Whether `clientKey` holds the request's lock (a keyless caller holds the locks taken without a key). */
  holdsLock(request: QueueRequest, clientKey: ClientKey): boolean {
    // Fault rq-lock-any-client: any client may prolong or delete another client's lock.
    return this.isLocked(request) && (request.lock?.clientKey === clientKey || this.faults.has('rq-lock-any-client'));
  }

  queueHasLockedRequests(queue: RequestQueue): boolean {
    const now = this.now();
    for (const request of queue.requests.values()) if (request.handledAt === null && this.isLocked(request, now)) return true;
    return false;
  }

  prolongLock(queue: RequestQueue, request: QueueRequest, lockSecs: number, clientKey: ClientKey): number {
    const expiresAt = this.now() + lockSecs * 1000;
    request.lock = { clientKey, expiresAt };
    this.modified(queue);
    return expiresAt;
  }

  /** Releases a lock; the request goes back to the front with `forefront`, else to the end. */
  deleteLock(queue: RequestQueue, request: QueueRequest, forefront: boolean): void {
    request.lock = undefined;
    this.place(queue, request, forefront);
    this.modified(queue);
  }

  /** Releases every lock `clientKey` holds; returns how many. */
  unlockAll(queue: RequestQueue, clientKey: ClientKey): number {
    const now = this.now();
    let unlocked = 0;
    for (const request of queue.requests.values()) {
      // Fault rq-unlock-all-clients: the locks of every client are released.
      if (this.isLocked(request, now) && (request.lock?.clientKey === clientKey || this.faults.has('rq-unlock-all-clients'))) {
        request.lock = undefined;
        unlocked += 1;
      }
    }
    if (unlocked > 0) this.modified(queue);
    return unlocked;
  }

  /** The queue's requests ordered by id, after `exclusiveStartId` when given. */
  listById(queue: RequestQueue, limit: number, exclusiveStartId: string | undefined): QueueRequest[] {
    const sorted = [...queue.requests.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // Fault rq-list-start-inclusive: the page starts at exclusiveStartId instead of after it.
    const inclusive = this.faults.has('rq-list-start-inclusive');
    const after =
      exclusiveStartId === undefined ? sorted : sorted.filter((request) => (inclusive ? request.id >= exclusiveStartId : request.id > exclusiveStartId));
    return after.slice(0, limit);
  }

  now(): number {
    return this.state.clock.now().getTime();
  }

  private ordered(queue: RequestQueue, keep: (request: QueueRequest) => boolean): QueueRequest[] {
    return [...queue.requests.values()].filter(keep).sort((a, b) => a.order - b.order);
  }

  private place(queue: RequestQueue, request: QueueRequest, forefront: boolean): void {
    // Fault rq-forefront-ignored: forefront requests join the end like any other.
    if (forefront && !this.faults.has('rq-forefront-ignored')) {
      queue.firstOrder -= 1;
      request.order = queue.firstOrder;
    } else {
      queue.lastOrder += 1;
      request.order = queue.lastOrder;
    }
  }

  private modified(queue: RequestQueue): void {
    const now = this.state.clock.iso();
    queue.modifiedAt = now;
    queue.accessedAt = now;
  }
}
