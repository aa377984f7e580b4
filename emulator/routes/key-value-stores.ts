// Key-value stores: the collection and the store object (routes/storages.ts), the keys in UTF-8 byte order paged by
// exclusiveStartKey, and records: get with the stored content type, put (any content type, kept; a compressed body is
// stored as the bytes it decompresses to, see http/body-parsing.ts), delete. Reading needs no token; writing needs the
// store owner's. Record calls are rate limited per store with the higher limit.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidRecordKey, recordNotFound } from '../errors.ts';
import { rawBodyOf } from '../http/body-parsing.ts';
import { queryInteger, queryString } from '../http/query.ts';
import { createKeyValueStore, deleteRecord, setRecord, touchStorage } from '../state/storages.ts';
import type { KeyValueStore } from '../state/types.ts';
import type { EmulatorContext, RoutePluginOptions } from './context.ts';
import { requireOwner } from './lookup.ts';
import { findStorage, registerStorageRoutes, type StorageKind } from './storages.ts';
import { keyValueStoreView } from './views.ts';

export const RECORD_KEY_PATTERN = "^[a-zA-Z0-9!\\-_.'()]{1,256}$";
const RECORD_KEY = new RegExp(RECORD_KEY_PATTERN);

/** The most keys one page of Get list of keys holds. */
export const MAX_KEYS_PER_PAGE = 1000;

export const KEY_VALUE_STORES: StorageKind<KeyValueStore> = {
  what: 'Key-value store',
  param: 'storeId',
  storages: (state) => state.keyValueStores,
  create: createKeyValueStore,
  view: keyValueStoreView,
  faults: {
    listShowsUnnamed: 'kvs-list-shows-unnamed',
    createDuplicatesNamed: 'kvs-create-duplicates-named',
    createExisting201: 'create-store-existing-201',
    renameIgnored: 'kvs-rename-ignored',
    delete200WithBody: 'delete-store-200-with-body',
    getMissingUserId: 'get-store-missing-user-id',
  },
};

const recordParams = {
  type: 'object',
  required: ['storeId', 'recordKey'],
  properties: { storeId: { type: 'string' }, recordKey: { type: 'string' } },
} as const;

interface RecordParams {
  storeId: string;
  recordKey: string;
}

interface KeysQuery {
  exclusiveStartKey?: string;
  limit?: number;
}

type RecordRequest = FastifyRequest<{ Params: RecordParams }>;

export async function keyValueStoreRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  const { faults } = context;
  await registerStorageRoutes(app, context, KEY_VALUE_STORES);

  app.get<{ Params: { storeId: string }; Querystring: KeysQuery }>(
    '/:storeId/keys',
    {
      schema: { querystring: { type: 'object', properties: { exclusiveStartKey: queryString, limit: queryInteger(0) } } },
      config: { auth: 'optional' },
    },
    async (request) => {
      const store = findStorage(context, request, KEY_VALUE_STORES, request.params.storeId);
      touchStorage(context.state, store);
      return { data: keyPage(store, request.query, context) };
    },
  );

  const url = '/:storeId/records/:recordKey';
  const config = { rateLimit: 'high', rateLimitPerParam: 'storeId' } as const;

  app.get<{ Params: RecordParams }>(url, { schema: { params: recordParams }, config: { ...config, auth: 'optional' } }, async (request, reply) => {
    const { store, key } = storeAndKey(context, request);
    const record = store.records.get(key);
    // Fault kvs-missing-record-empty-200: a key never stored answers 200 with an empty body.
    if (record === undefined && faults.has('kvs-missing-record-empty-200')) return reply.code(200).type('application/json').send('');
    if (record === undefined) throw recordNotFound('Record');
    touchStorage(context.state, store);
    // Fault kvs-record-content-type-lost: every record is served as generic bytes.
    return reply.type(faults.has('kvs-record-content-type-lost') ? 'application/octet-stream' : record.contentType).send(record.value);
  });

  app.route<{ Params: RecordParams }>({
    method: ['PUT', 'POST'],
    url,
    schema: { params: recordParams },
    config: { ...config, rawBody: true },
    handler: async (request, reply) => {
      const { store, key } = storeAndKey(context, request);
      requireOwner(request, store);
      const { bytes, contentType, encodedBytes } = rawBodyOf(request);
      // Fault kvs-gzip-record-stored-compressed: a compressed upload is kept as the compressed bytes.
      const value = faults.has('kvs-gzip-record-stored-compressed') && encodedBytes !== undefined ? encodedBytes : bytes;
      setRecord(context.state, store, key, { value, contentType: contentType ?? 'application/octet-stream' });
      const location = `${context.baseUrl()}${app.prefix}/${store.id}/records/${encodeURIComponent(key)}`;
      return reply.code(201).header('location', location).send({});
    },
  });

  app.delete<{ Params: RecordParams }>(url, { schema: { params: recordParams }, config }, async (request, reply) => {
    const { store, key } = storeAndKey(context, request);
    requireOwner(request, store);
    // Fault kvs-delete-record-keeps-it: the delete is acknowledged and nothing is removed.
    if (!faults.has('kvs-delete-record-keeps-it')) deleteRecord(context.state, store, key);
    return reply.code(204).send();
  });
}

/** One page of keys: byte order of the UTF-8 keys, after `exclusiveStartKey` (stored or not), at most `limit`. */
function keyPage(store: KeyValueStore, query: KeysQuery, context: EmulatorContext) {
  const { faults } = context;
  const limit = query.limit === undefined || query.limit === 0 ? MAX_KEYS_PER_PAGE : Math.min(query.limit, MAX_KEYS_PER_PAGE);
  const start = query.exclusiveStartKey;
  const keys = [...store.records.keys()];
  // Fault kvs-keys-unsorted: keys come in the order they were first written.
  if (!faults.has('kvs-keys-unsorted')) keys.sort(compareKeys);
  // Fault kvs-exclusive-start-key-inclusive: the page starts at the start key instead of after it.
  const inclusive = faults.has('kvs-exclusive-start-key-inclusive');
  const after = start === undefined ? keys : keys.filter((key) => (inclusive ? compareKeys(key, start) >= 0 : compareKeys(key, start) > 0));
  const page = after.slice(0, limit);
  // Fault kvs-keys-never-truncated: isTruncated is always false.
  const isTruncated = after.length > page.length && !faults.has('kvs-keys-never-truncated');
  return {
    limit,
    isTruncated,
    exclusiveStartKey: start ?? null,
    nextExclusiveStartKey: isTruncated ? (page.at(-1) ?? null) : null,
    count: page.length,
    items: page.map((key) => ({ key, size: store.records.get(key)?.value.length ?? 0 })),
  };
}

/** The order of keys: the byte order of their UTF-8 forms, so `B` < `a` and `Z` < `_`. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function storeAndKey(context: EmulatorContext, request: RecordRequest): { store: KeyValueStore; key: string } {
  const store = findStorage(context, request, KEY_VALUE_STORES, request.params.storeId);
  const key = request.params.recordKey;
  if (!RECORD_KEY.test(key)) {
    throw invalidRecordKey(`Record key "${key}" contains invalid characters (allowed: a-z A-Z 0-9 ! - _ . ' ( ), up to 256)`);
  }
  return { store, key };
}
