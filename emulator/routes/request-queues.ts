// Request queues: the queue collection (list, get-or-create by name), the queue object (get, rename, delete), its
// requests (add, get, update, delete; list by id; batch add and delete), its head (plain, and with locks) and the
// locks (prolong, delete, unlock all). A queue is named by its id, `username~name` or `~name`; the id is the secret, so
// reads need no token; changes need the owner's token. Operations on requests are rate limited per queue.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  invalidInput,
  invalidParameter,
  invalidRequest,
  recordNotFound,
  requestIdInvalid,
  requestLockNotHeld,
  storageNameNotUnique,
  tokenNotProvided,
} from '../errors.ts';
import { callerOf } from '../http/auth.ts';
import { isJsonMediaType } from '../http/body-parsing.ts';
import { type PaginationQuery, pageLimits, paginate, paginationQuerySchema } from '../http/pagination.ts';
import { queryBoolean, queryInteger } from '../http/query.ts';
import { type ClientKey, createRequestQueue, deleteRequestQueue, MAX_BATCH, type RequestFields, RequestQueueModel } from '../state/request-queues.ts';
import type { QueueRequest, RequestQueue } from '../state/types.ts';
import type { EmulatorContext, RoutePluginOptions } from './context.ts';
import { objectNotFound, requireOwner } from './lookup.ts';
import { headItemView, requestQueueView, requestView } from './request-queue-views.ts';

const QUEUE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$/;
/** The plain head's default and largest `limit`. */
const HEAD_DEFAULT_LIMIT = 100;
/** Listing requests: default and largest page. */
const LIST_DEFAULT_LIMIT = 1000;
const LIST_MAX_LIMIT = 10_000;

const clientKey = { type: 'string', minLength: 1, maxLength: 32 } as const;
const queueParams = { type: 'object', required: ['queueId'], properties: { queueId: { type: 'string', minLength: 1 } } } as const;
const requestParams = {
  type: 'object',
  required: ['queueId', 'requestId'],
  properties: { queueId: { type: 'string', minLength: 1 }, requestId: { type: 'string', minLength: 1 } },
} as const;
const requestBody = { type: 'object' } as const;

interface QueueParams {
  queueId: string;
}
interface RequestParams extends QueueParams {
  requestId: string;
}
interface ClientQuery {
  clientKey?: string;
  forefront?: boolean;
}

export async function requestQueueRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  const { state } = context;
  const model = new RequestQueueModel(state, context.faults);
  const perQueue = { auth: 'optional', rateLimitPerParam: 'queueId' } as const;
  const perQueueHigh = { ...perQueue, rateLimit: 'high' } as const;
  const clientQuery = { type: 'object', properties: { clientKey, forefront: queryBoolean } } as const;
  const view = (queue: RequestQueue) => requestQueueView(model, queue);
  const viewRequest = (request: QueueRequest) => requestView(request, { dropUserData: context.faults.has('rq-get-request-loses-user-data') });

  app.get<{ Querystring: PaginationQuery & { unnamed?: boolean } }>(
    '',
    { schema: { querystring: { type: 'object', properties: { ...paginationQuerySchema, unnamed: queryBoolean } } } },
    async (request) => {
      const caller = callerOf(request);
      // Fault rq-list-unnamed-shown: unnamed queues are listed without unnamed=1.
      const withUnnamed = request.query.unnamed === true || context.faults.has('rq-list-unnamed-shown');
      const queues = state.requestQueueList.filter((queue) => queue.userId === caller.id && (withUnnamed || queue.name !== null));
      return { data: paginate(queues, request.query, pageLimits(context), view) };
    },
  );

  app.post<{ Querystring: { name?: string } }>(
    '',
    { schema: { querystring: { type: 'object', properties: { name: { type: 'string' } } } } },
    async (request, reply) => {
      const caller = callerOf(request);
      const name = checkedName(request.query.name);
      // Fault rq-create-existing-name-new: a taken name gets a second queue instead of the existing one.
      const existing = name === null || context.faults.has('rq-create-existing-name-new') ? undefined : queueByName(context, caller.id, name);
      if (existing !== undefined) return { data: view(existing) };
      const queue = createRequestQueue(state, caller.id, name);
      reply.code(201).header('location', `${context.baseUrl()}${app.prefix}/${queue.id}`);
      return { data: view(queue) };
    },
  );

  app.get<{ Params: QueueParams }>('/:queueId', { schema: { params: queueParams }, config: perQueue }, async (request) => {
    const queue = findQueue(context, request, request.params.queueId);
    queue.accessedAt = state.clock.iso();
    return { data: view(queue) };
  });

  app.put<{ Params: QueueParams; Body: { name?: unknown } }>(
    '/:queueId',
    { schema: { params: queueParams, body: requestBody }, config: perQueue },
    async (request) => {
      const queue = findQueue(context, request, request.params.queueId);
      requireOwner(request, queue);
      const body = request.body ?? {};
      if (body.name !== undefined && !context.faults.has('rq-rename-ignored')) {
        // Fault rq-rename-ignored: the new name is accepted and dropped.
        const name = checkedName(body.name === null ? undefined : String(body.name));
        const holder = name === null ? undefined : queueByName(context, queue.userId, name);
        if (holder !== undefined && holder !== queue) throw storageNameNotUnique('A request queue', String(name));
        queue.name = name;
      }
      queue.modifiedAt = state.clock.iso();
      return { data: view(queue) };
    },
  );

  app.delete<{ Params: QueueParams }>('/:queueId', { schema: { params: queueParams }, config: perQueue }, async (request, reply) => {
    const queue = findQueue(context, request, request.params.queueId);
    requireOwner(request, queue);
    // Fault rq-deleted-queue-readable: the delete is acknowledged and nothing is removed.
    if (!context.faults.has('rq-deleted-queue-readable')) deleteRequestQueue(state, queue);
    return reply.code(204).send();
  });

  app.post<{ Params: QueueParams; Querystring: ClientQuery; Body: Record<string, unknown> }>(
    '/:queueId/requests',
    { schema: { params: queueParams, querystring: clientQuery, body: requestBody }, config: perQueueHigh },
    async (request, reply) => {
      const queue = ownQueue(context, request);
      const fields = checkedRequest(request.body, 'the request', { allowId: false, faults: context });
      model.touch(queue, request.query.clientKey);
      return reply.code(201).send({ data: model.add(queue, fields, request.query.forefront === true) });
    },
  );

  app.get<{ Params: QueueParams; Querystring: { limit?: number; exclusiveStartId?: string; cursor?: string; clientKey?: string } }>(
    '/:queueId/requests',
    {
      schema: {
        params: queueParams,
        querystring: {
          type: 'object',
          properties: { limit: queryInteger(1, LIST_MAX_LIMIT), exclusiveStartId: { type: 'string' }, cursor: { type: 'string' }, clientKey },
        },
      },
      config: perQueue,
    },
    async (request) => {
      const queue = findQueue(context, request, request.params.queueId);
      const { exclusiveStartId, cursor } = request.query;
      if (exclusiveStartId !== undefined && cursor !== undefined) throw invalidParameter('Parameters "cursor" and "exclusiveStartId" cannot be combined');
      const limit = request.query.limit ?? LIST_DEFAULT_LIMIT;
      const start = cursor === undefined ? exclusiveStartId : decodeCursor(cursor);
      const items = model.listById(queue, limit + 1, start);
      const page = items.slice(0, limit);
      const last = page.at(-1);
      return {
        data: {
          limit,
          exclusiveStartId: exclusiveStartId ?? null,
          cursor: cursor ?? null,
          nextCursor: items.length > limit && last !== undefined ? Buffer.from(last.id).toString('base64url') : null,
          count: page.length,
          items: page.map(viewRequest),
        },
      };
    },
  );

  app.post<{ Params: QueueParams; Querystring: ClientQuery; Body: unknown }>(
    '/:queueId/requests/batch',
    { schema: { params: queueParams, querystring: clientQuery }, config: { ...perQueue, rateLimit: 'default' } },
    async (request, reply) => {
      const queue = ownQueue(context, request);
      const items = checkedBatch(request.body, context).map((item, index) => checkedRequest(item, `request ${index}`, { allowId: false, faults: context }));
      model.touch(queue, request.query.clientKey);
      const processedRequests = [];
      for (const fields of items) {
        const info = model.add(queue, fields, request.query.forefront === true);
        // Fault rq-batch-drops-duplicates: a request already in the queue is left out of both lists.
        if (info.wasAlreadyPresent && context.faults.has('rq-batch-drops-duplicates')) continue;
        processedRequests.push({ ...info, uniqueKey: fields.uniqueKey });
      }
      return reply.code(201).send({ data: { processedRequests, unprocessedRequests: [] } });
    },
  );

  app.delete<{ Params: QueueParams; Querystring: ClientQuery; Body: unknown }>(
    '/:queueId/requests/batch',
    { schema: { params: queueParams, querystring: clientQuery }, config: perQueue },
    async (request) => {
      const queue = ownQueue(context, request);
      const contentType = request.headers['content-type'];
      if (contentType === undefined || !isJsonMediaType(contentType)) throw invalidRequest('A batch delete needs Content-Type: application/json');
      const items = checkedBatch(request.body, context);
      model.touch(queue, request.query.clientKey);
      const processedRequests = items.map((item, index) => {
        const { id, uniqueKey } = item as { id?: unknown; uniqueKey?: unknown };
        const requestId = typeof id === 'string' ? id : typeof uniqueKey === 'string' ? queue.idsByUniqueKey.get(uniqueKey) : undefined;
        if (typeof id !== 'string' && typeof uniqueKey !== 'string') throw invalidInput(`Request ${index} needs an "id" or a "uniqueKey"`);
        const found = requestId === undefined ? undefined : queue.requests.get(requestId);
        if (found !== undefined) model.delete(queue, found);
        return { requestId: found?.id ?? requestId ?? null, uniqueKey: found?.fields.uniqueKey ?? uniqueKey ?? null };
      });
      return { data: { processedRequests, unprocessedRequests: [] } };
    },
  );

  app.post<{ Params: QueueParams; Querystring: ClientQuery }>(
    '/:queueId/requests/unlock',
    { schema: { params: queueParams, querystring: clientQuery }, config: perQueueHigh },
    async (request) => {
      const queue = ownQueue(context, request);
      model.touch(queue, request.query.clientKey);
      return { data: { unlockedCount: model.unlockAll(queue, request.query.clientKey) } };
    },
  );

  app.get<{ Params: RequestParams }>('/:queueId/requests/:requestId', { schema: { params: requestParams }, config: perQueueHigh }, async (request) => {
    const queue = findQueue(context, request, request.params.queueId);
    return { data: viewRequest(findRequest(queue, request.params.requestId)) };
  });

  app.put<{ Params: RequestParams; Querystring: ClientQuery; Body: Record<string, unknown> }>(
    '/:queueId/requests/:requestId',
    { schema: { params: requestParams, querystring: clientQuery, body: requestBody }, config: perQueueHigh },
    async (request) => {
      const queue = ownQueue(context, request);
      const target = findRequest(queue, request.params.requestId);
      const fields = checkedRequest(request.body, 'the request', { allowId: true, faults: context });
      if ((fields.id !== undefined && fields.id !== target.id) || fields.uniqueKey !== target.fields.uniqueKey) throw requestIdInvalid(target.id);
      model.touch(queue, request.query.clientKey);
      return { data: model.update(queue, target, fields, request.query.forefront === true) };
    },
  );

  app.delete<{ Params: RequestParams; Querystring: ClientQuery }>(
    '/:queueId/requests/:requestId',
    { schema: { params: requestParams, querystring: clientQuery }, config: perQueueHigh },
    async (request, reply) => {
      const queue = ownQueue(context, request);
      const target = findRequest(queue, request.params.requestId);
      model.touch(queue, request.query.clientKey);
      model.delete(queue, target);
      return reply.code(204).send();
    },
  );

  const lockQuery = { type: 'object', required: ['lockSecs'], properties: { lockSecs: queryInteger(1), clientKey, forefront: queryBoolean } } as const;

  app.put<{ Params: RequestParams; Querystring: ClientQuery & { lockSecs: number } }>(
    '/:queueId/requests/:requestId/lock',
    { schema: { params: requestParams, querystring: lockQuery }, config: perQueueHigh },
    async (request) => {
      const queue = ownQueue(context, request);
      const target = lockedByCaller(model, queue, request.params.requestId, request.query.clientKey);
      model.touch(queue, request.query.clientKey);
      const expiresAt = model.prolongLock(queue, target, request.query.lockSecs, request.query.clientKey);
      return { data: { lockExpiresAt: new Date(expiresAt).toISOString() } };
    },
  );

  app.delete<{ Params: RequestParams; Querystring: ClientQuery }>(
    '/:queueId/requests/:requestId/lock',
    { schema: { params: requestParams, querystring: clientQuery }, config: perQueueHigh },
    async (request, reply) => {
      const queue = ownQueue(context, request);
      const target = lockedByCaller(model, queue, request.params.requestId, request.query.clientKey);
      model.touch(queue, request.query.clientKey);
      model.deleteLock(queue, target, request.query.forefront === true);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: QueueParams; Querystring: { limit?: number; clientKey?: string } }>(
    '/:queueId/head',
    {
      schema: { params: queueParams, querystring: { type: 'object', properties: { limit: queryInteger(0), clientKey } } },
      config: perQueueHigh,
    },
    async (request) => {
      const queue = findQueue(context, request, request.params.queueId);
      const limit = Math.min(request.query.limit || HEAD_DEFAULT_LIMIT, context.options.maxPageSize);
      model.touch(queue, request.query.clientKey);
      const items = model.head(queue, limit);
      // Variation short-head: an eventually consistent head, which shows only part of what it could.
      const shown = context.options.variations.includes('short-head') ? items.slice(0, Math.ceil(items.length / 2)) : items;
      return { data: { limit, queueModifiedAt: queue.modifiedAt, hadMultipleClients: model.hadMultipleClients(queue), items: shown.map(headItemView) } };
    },
  );

  // Fault rq-lock-input-unchecked: head/lock takes no lockSecs (locking for a minute) and any limit.
  const lockInputUnchecked = context.faults.has('rq-lock-input-unchecked');
  const headLockQuery = lockInputUnchecked
    ? { type: 'object', properties: { lockSecs: queryInteger(1), limit: queryInteger(1), clientKey } }
    : { type: 'object', required: ['lockSecs'], properties: { lockSecs: queryInteger(1), limit: queryInteger(1, MAX_BATCH), clientKey } };
  app.post<{ Params: QueueParams; Querystring: { lockSecs?: number; limit?: number; clientKey?: string } }>(
    '/:queueId/head/lock',
    {
      schema: { params: queueParams, querystring: headLockQuery },
      config: { ...perQueue, rateLimit: 'default' },
    },
    async (request, reply) => {
      const queue = ownQueue(context, request);
      const { lockSecs = 60, clientKey: key } = request.query;
      const limit = request.query.limit ?? MAX_BATCH;
      model.touch(queue, key);
      const locked = model.lockHead(queue, limit, lockSecs, key);
      return reply.code(201).send({
        data: {
          limit,
          queueModifiedAt: queue.modifiedAt,
          hadMultipleClients: model.hadMultipleClients(queue),
          queueHasLockedRequests: model.queueHasLockedRequests(queue),
          clientKey: key ?? null,
          lockSecs,
          items: locked.map((item) => ({ ...headItemView(item), lockExpiresAt: new Date(item.lock?.expiresAt ?? 0).toISOString() })),
        },
      });
    },
  );
}

function findQueue(context: EmulatorContext, request: FastifyRequest, reference: string): RequestQueue {
  const tilde = reference.indexOf('~');
  if (tilde === -1) {
    const queue = context.state.requestQueues.get(reference);
    if (queue === undefined) throw objectNotFound(context, 'Request queue');
    return queue;
  }
  // `username~name` and `~name` need a token, and name only the caller's own queues.
  const caller = request.user;
  if (caller === null) throw tokenNotProvided();
  const username = reference.slice(0, tilde);
  const queue = username === '' || username === caller.username ? queueByName(context, caller.id, reference.slice(tilde + 1)) : undefined;
  if (queue === undefined) throw objectNotFound(context, 'Request queue');
  return queue;
}

/** The queue of a request that changes it: only its owner may. */
function ownQueue(context: EmulatorContext, request: FastifyRequest<{ Params: QueueParams }>): RequestQueue {
  const queue = findQueue(context, request, request.params.queueId);
  // Fault rq-other-user-can-write: any token may change any queue it can name.
  if (context.faults.has('rq-other-user-can-write') && request.user !== null) return queue;
  requireOwner(request, queue);
  return queue;
}

function queueByName(context: EmulatorContext, userId: string, name: string): RequestQueue | undefined {
  return context.state.requestQueueList.find((queue) => queue.userId === userId && queue.name === name);
}

function findRequest(queue: RequestQueue, requestId: string): QueueRequest {
  const found = queue.requests.get(requestId);
  if (found === undefined) throw recordNotFound('Request');
  return found;
}

function lockedByCaller(model: RequestQueueModel, queue: RequestQueue, requestId: string, key: ClientKey): QueueRequest {
  const target = findRequest(queue, requestId);
  if (!model.holdsLock(target, key)) throw requestLockNotHeld(requestId);
  return target;
}

function checkedName(name: string | undefined): string | null {
  if (name === undefined || name === '') return null;
  if (!QUEUE_NAME.test(name)) throw invalidParameter(`Parameter "name" must be 1-63 letters, digits and dashes, starting with a letter or digit`);
  return name;
}

/** A request object with a non-empty uniqueKey and url; an id only where the action takes one (update). */
function checkedRequest(body: unknown, what: string, options: { allowId: boolean; faults: Pick<EmulatorContext, 'faults'> }): RequestFields {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidRequest(`The body of ${what} must be a JSON object`);
  const fields = body as Record<string, unknown>;
  // Fault rq-missing-url-accepted: a request without url is stored.
  const required = options.faults.faults.has('rq-missing-url-accepted') ? ['uniqueKey'] : ['uniqueKey', 'url'];
  for (const name of required) {
    if (typeof fields[name] !== 'string' || fields[name] === '') throw invalidInput(`Field "${name}" of ${what} is required and must be a non-empty string`);
  }
  if (!options.allowId && fields.id !== undefined) throw invalidInput(`Field "id" of ${what} is assigned by the queue and cannot be sent`);
  if (fields.handledAt !== undefined && fields.handledAt !== null && typeof fields.handledAt !== 'string') {
    throw invalidInput(`Field "handledAt" of ${what} must be a date string or null`);
  }
  return fields as RequestFields;
}

/** A JSON array of 1 to 25 objects. */
function checkedBatch(body: unknown, context: EmulatorContext): unknown[] {
  if (!Array.isArray(body)) throw invalidRequest('The body of a batch must be a JSON array');
  // Fault rq-batch-no-limit: batches of any size are taken.
  const max = context.faults.has('rq-batch-no-limit') ? Number.POSITIVE_INFINITY : MAX_BATCH;
  if (body.length === 0 || body.length > max) throw invalidInput(`A batch holds 1 to ${MAX_BATCH} requests, got ${body.length}`);
  return body;
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (decoded === '' || !/^[A-Za-z0-9]+$/.test(decoded)) throw invalidParameter('Parameter "cursor" is not a cursor this list gave out');
  return decoded;
}
