// Records of key-value stores, as actors use them (INPUT, OUTPUT, INPUT-METAMORPH-1, ...): get with the stored content
// type, put (any content type, kept), delete. The store id is the secret: reading needs no token; writing needs the
// store owner's token. Rate limited per store with the higher limit.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidRecordKey, recordNotFound } from '../errors.ts';
import { rawBodyOf } from '../http/body-parsing.ts';
import { deleteRecord, setRecord } from '../state/storages.ts';
import type { KeyValueStore } from '../state/types.ts';
import type { EmulatorContext, RoutePluginOptions } from './context.ts';
import { requireOwner } from './lookup.ts';

export const RECORD_KEY_PATTERN = "^[a-zA-Z0-9!\\-_.'()]{1,256}$";
const RECORD_KEY = new RegExp(RECORD_KEY_PATTERN);

const recordParams = {
  type: 'object',
  required: ['storeId', 'recordKey'],
  properties: { storeId: { type: 'string' }, recordKey: { type: 'string' } },
} as const;

interface RecordParams {
  storeId: string;
  recordKey: string;
}

type RecordRequest = FastifyRequest<{ Params: RecordParams }>;

export async function keyValueStoreRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  const url = '/:storeId/records/:recordKey';
  const config = { rateLimit: 'high', rateLimitPerParam: 'storeId' } as const;

  app.get<{ Params: RecordParams }>(url, { schema: { params: recordParams }, config: { ...config, auth: 'optional' } }, async (request, reply) => {
    const { store, key } = storeAndKey(context, request);
    const record = store.records.get(key);
    if (record === undefined) throw recordNotFound('Record');
    return reply.type(record.contentType).send(record.value);
  });

  app.route<{ Params: RecordParams }>({
    method: ['PUT', 'POST'],
    url,
    schema: { params: recordParams },
    config: { ...config, rawBody: true },
    handler: async (request, reply) => {
      const { store, key } = storeAndKey(context, request);
      requireOwner(request, store);
      const { bytes, contentType } = rawBodyOf(request);
      setRecord(context.state, store, key, { value: bytes, contentType: contentType ?? 'application/octet-stream' });
      return reply.code(201).send();
    },
  });

  app.delete<{ Params: RecordParams }>(url, { schema: { params: recordParams }, config }, async (request, reply) => {
    const { store, key } = storeAndKey(context, request);
    requireOwner(request, store);
    deleteRecord(context.state, store, key);
    return reply.code(204).send();
  });
}

function storeAndKey(context: EmulatorContext, request: RecordRequest): { store: KeyValueStore; key: string } {
  const store = context.state.keyValueStores.get(request.params.storeId);
  if (store === undefined) throw recordNotFound('Key-value store');
  const key = request.params.recordKey;
  if (!RECORD_KEY.test(key)) {
    throw invalidRecordKey(`Record key "${key}" contains invalid characters (allowed: a-z A-Z 0-9 ! - _ . ' ( ), up to 256)`);
  }
  return { store, key };
}
