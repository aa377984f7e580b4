import { gzipSync } from 'node:zlib';
import type { ActionName } from '../../common/response-schemas.ts';
import { setPathParams, setRequestBytes } from '../lib/request-rewrite.ts';
import type { TransactionPlan } from './plan.ts';
import { expectedJson, storagePlans } from './storages.ts';

const RECORD_PATH = '/v2/key-value-stores/{storeId}/records/{recordKey}';
const RECORD_KEY = 'some-key';

/** A 1x1 PNG picture: the bytes of the compressed Put record example. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAcCBlCwAAAABJRU5ErkJggg==', 'base64');

type KeyValueStoreAction = Extract<ActionName, `Store ${string}` | `Key collection > ${string}` | `Record > ${string}`>;

export const keyValueStorePlans = {
  ...(storagePlans('key-value-stores', 'storeId', {
    list: 'Store collection > Get list of key-value stores',
    create: 'Store collection > Create key-value store',
    get: 'Store object > Get store',
    update: 'Store object > Update store',
    delete: 'Store object > Delete store',
  }) as Record<Extract<KeyValueStoreAction, `Store ${string}`>, TransactionPlan>),

  'Key collection > Get list of keys': {
    // Four keys, so the documented page (after first-key, two keys) is truncated: fourth-key, second-key.
    async prepare(transaction, fixtures) {
      const store = await fixtures.storeWithRecords('keys', { 'first-key': 1, 'second-key': 2, 'third-key': 3, 'fourth-key': 4 });
      setPathParams(transaction, '/v2/key-value-stores/{storeId}/keys', { storeId: store.id });
    },
  },

  'Record > Get record': {
    async prepare(transaction, fixtures) {
      const store = await fixtures.storeWithRecords('record', { [RECORD_KEY]: expectedJson(transaction) });
      setPathParams(transaction, RECORD_PATH, { storeId: store.id, recordKey: RECORD_KEY });
    },
  },

  'Record > Put record': {
    // The JSON example is sent as documented; the compressed picture as real gzip bytes of a PNG.
    async prepare(transaction, fixtures) {
      const store = await fixtures.throwawayStorage('key-value-stores', 'put');
      setPathParams(transaction, RECORD_PATH, { storeId: store.id, recordKey: RECORD_KEY });
      const encoding = Object.entries(transaction.request.headers).find(([name]) => name.toLowerCase() === 'content-encoding')?.[1];
      if (encoding === 'gzip') setRequestBytes(transaction, gzipSync(PNG));
    },
  },

  'Record > Delete record': {
    async prepare(transaction, fixtures) {
      const store = await fixtures.storeWithRecords('record', { [RECORD_KEY]: { doomed: true } });
      setPathParams(transaction, RECORD_PATH, { storeId: store.id, recordKey: RECORD_KEY });
    },
  },
} satisfies Record<KeyValueStoreAction, TransactionPlan>;
