// The calls the request-queue checks make, each validated against its schema (the documented actions also by the
// client): a queue of the file's own, requests added to it, its head, its counts.
import type {
  BatchResult,
  HeadItem,
  LockedQueueHead,
  QueueRequest,
  QueueRequestWithoutId,
  RequestOperationInfo,
  RequestQueue,
} from '../../common/api-types.ts';
import { fixtureRequest } from '../../common/fixtures/index.ts';
import type { ApiClient, ApiResponse } from '../../common/http.ts';
import { expectBody, expectThat } from '../support/expect.ts';

export const SPEC = 'spec/05-request-queues.apib';
export const SPEC_SINCE_2020 = `${SPEC}#operations-added-since-2020`;

/** Query parameters of the client-keyed operations. */
export interface ClientOptions {
  clientKey?: string;
  forefront?: boolean;
}

/** A queue and the calls on it, through one client (a second client is the same queue with another `api`). */
export class QueueCalls {
  constructor(
    readonly api: ApiClient,
    readonly queue: RequestQueue,
  ) {}

  get path(): string {
    return `/v2/request-queues/${this.queue.id}`;
  }

  /** Adds a request; returns the raw response, for checks that judge refusals. */
  addRaw(body: unknown, options: ClientOptions = {}): Promise<ApiResponse> {
    return this.api.request({ method: 'POST', path: `${this.path}/requests`, query: { ...options }, body });
  }

  async add(uniqueKey: string, options: ClientOptions & { fields?: Partial<QueueRequestWithoutId> } = {}): Promise<RequestOperationInfo> {
    const { fields, ...query } = options;
    return expectBody<RequestOperationInfo>(await this.addRaw(fixtureRequest(uniqueKey, fields), query), 201, 'request-operation-response');
  }

  async get(requestId: string): Promise<QueueRequest> {
    return expectBody<QueueRequest>(await this.api.request({ path: `${this.path}/requests/${requestId}` }), 200, 'request-response');
  }

  async update(request: QueueRequest | (QueueRequestWithoutId & { id: string }), options: ClientOptions = {}): Promise<RequestOperationInfo> {
    const response = await this.api.request({ method: 'PUT', path: `${this.path}/requests/${request.id}`, query: { ...options }, body: request });
    return expectBody<RequestOperationInfo>(response, 200, 'request-operation-response');
  }

  /** Marks the request of `uniqueKey` (with id `requestId`) handled. */
  markHandled(requestId: string, uniqueKey: string, options: ClientOptions = {}): Promise<RequestOperationInfo> {
    return this.update({ ...fixtureRequest(uniqueKey), id: requestId, handledAt: new Date().toISOString() }, options);
  }

  async remove(requestId: string, options: ClientOptions = {}): Promise<void> {
    const response = await this.api.request({ method: 'DELETE', path: `${this.path}/requests/${requestId}`, query: { ...options } });
    expectThat(response.status === 204, 'HTTP 204', `HTTP ${response.status}`, response);
  }

  async head(query: { limit?: number; clientKey?: string } = {}): Promise<HeadItem[]> {
    const response = await this.api.request({ path: `${this.path}/head`, query });
    return expectBody<{ items: HeadItem[] }>(response, 200, 'queue-head-response').items;
  }

  async read(): Promise<RequestQueue> {
    return expectBody<RequestQueue>(await this.api.request({ path: this.path }), 200, 'request-queue-response');
  }

  lockHeadRaw(query: { lockSecs?: number; limit?: number; clientKey?: string }): Promise<ApiResponse> {
    return this.api.request({ method: 'POST', path: `${this.path}/head/lock`, query });
  }

  async lockHead(lockSecs: number, limit: number, clientKey: string): Promise<LockedQueueHead> {
    return expectBody<LockedQueueHead>(await this.lockHeadRaw({ lockSecs, limit, clientKey }), 201, 'locked-queue-head-response');
  }

  prolongLock(requestId: string, lockSecs: number, clientKey: string): Promise<ApiResponse> {
    return this.api.request({ method: 'PUT', path: `${this.path}/requests/${requestId}/lock`, query: { lockSecs, clientKey } });
  }

  deleteLock(requestId: string, clientKey: string): Promise<ApiResponse> {
    return this.api.request({ method: 'DELETE', path: `${this.path}/requests/${requestId}/lock`, query: { clientKey } });
  }

  async unlock(clientKey: string): Promise<number> {
    const response = await this.api.request({ method: 'POST', path: `${this.path}/requests/unlock`, query: { clientKey } });
    return expectBody<{ unlockedCount: number }>(response, 200, 'unlock-response').unlockedCount;
  }

  batchAddRaw(requests: unknown[]): Promise<ApiResponse> {
    return this.api.request({ method: 'POST', path: `${this.path}/requests/batch`, body: requests });
  }

  async batchAdd(requests: QueueRequestWithoutId[]): Promise<BatchResult> {
    return expectBody<BatchResult>(await this.batchAddRaw(requests), 201, 'batch-result-response');
  }
}

/** The unique keys of head items, in order, for messages and comparisons. */
export function keysOf(items: ReadonlyArray<{ uniqueKey: string }>): string[] {
  return items.map((item) => item.uniqueKey);
}

/**
 * Whether `seen` is `expected` or a correct eventually consistent view of it: the head may lag behind requests added a
 * moment ago, so it may leave some out, but never adds one, never reorders, and is never empty while requests wait.
 */
export function isHeadView(seen: readonly string[], expected: readonly string[]): boolean {
  if (expected.length > 0 && seen.length === 0) return false;
  let position = 0;
  for (const key of seen) {
    position = expected.indexOf(key, position);
    if (position === -1) return false;
    position += 1;
  }
  return true;
}

/** The counts of a queue as one comparable line. */
export function countsOf(queue: RequestQueue): string {
  return `total ${queue.totalRequestCount}, handled ${queue.handledRequestCount}, pending ${queue.pendingRequestCount}`;
}
