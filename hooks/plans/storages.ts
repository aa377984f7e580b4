import { resourceName, type StorageKind } from '../../common/fixtures/index.ts';
import type { DreddTransaction } from '../lib/dredd-types.ts';
import type { HookFixtures } from '../lib/fixtures.ts';
import { requestJson, setPathParams, setQueryParams, setRequestJson } from '../lib/request-rewrite.ts';
import { responseData, type TransactionPlan } from './plan.ts';

/** The actions key-value stores and datasets share, by their names in the spec. */
export interface StorageActionNames {
  list: string;
  create: string;
  get: string;
  update: string;
  delete: string;
}

/**
 * The plans of the collection and object actions of one storage kind: every request names a fresh storage of this run,
 * so no transaction depends on another. Create's 201 example asks for a name nobody has; its 200 example for the
 * name of a storage made just before.
 */
export function storagePlans(kind: StorageKind, param: string, names: StorageActionNames): Record<string, TransactionPlan> {
  const objectPath = `/v2/${kind}/{${param}}`;
  const fresh = async (transaction: DreddTransaction, fixtures: HookFixtures, purpose: string) => {
    const storage = await fixtures.throwawayStorage(kind, purpose);
    setPathParams(transaction, objectPath, { [param]: storage.id });
  };
  return {
    [names.list]: {
      // A named storage of this run, so the page the documented query asks for has an item to validate.
      async prepare(_transaction, fixtures) {
        await fixtures.throwawayStorage(kind, 'listed');
      },
    },
    [names.create]: {
      async prepare(transaction, fixtures) {
        const existing = transaction.expected.statusCode === '200' ? await fixtures.throwawayStorage(kind, 'existing') : undefined;
        setQueryParams(transaction, { name: existing?.name ?? resourceName(fixtures.session.context.config, 'created') });
      },
      async settle(transaction, fixtures) {
        const created = responseData(transaction);
        if (typeof created?.id === 'string') fixtures.session.registry.trackStorage(kind, created.id);
      },
    },
    [names.get]: {
      async prepare(transaction, fixtures) {
        await fresh(transaction, fixtures, 'read');
      },
    },
    [names.update]: {
      // The documented rename, to a name unique to this run.
      async prepare(transaction, fixtures) {
        await fresh(transaction, fixtures, 'updated');
        const body = requestJson(transaction);
        if (body === undefined) throw new Error(`the spec documents no request body for ${names.update}`);
        setRequestJson(transaction, { ...body, name: resourceName(fixtures.session.context.config, 'renamed') });
      },
    },
    [names.delete]: {
      // Still registered: cleanup finds it gone (404) if the delete worked, and deletes it if it did not.
      async prepare(transaction, fixtures) {
        await fresh(transaction, fixtures, 'deleted');
      },
    },
  };
}

/** The documented example body of the response, parsed: the fixtures hold exactly what the example shows. */
export function expectedJson(transaction: DreddTransaction): unknown {
  const body = transaction.expected.body;
  if (body === undefined || body.trim() === '') throw new Error(`the spec documents no example body for "${transaction.name}"`);
  return JSON.parse(body);
}
