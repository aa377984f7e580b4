import type { ActionName } from '../../common/response-schemas.ts';
import { setPathParams } from '../lib/request-rewrite.ts';
import type { TransactionPlan } from './plan.ts';
import { expectedJson, storagePlans } from './storages.ts';

const ITEMS_PATH = '/v2/datasets/{datasetId}/items';

type DatasetAction = Extract<ActionName, `Dataset ${string}` | `Item collection > ${string}`>;

export const datasetPlans = {
  ...(storagePlans('datasets', 'datasetId', {
    list: 'Dataset collection > Get list of datasets',
    create: 'Dataset collection > Create dataset',
    get: 'Dataset > Get dataset',
    update: 'Dataset > Update dataset',
    delete: 'Dataset > Delete dataset',
  }) as Record<Extract<DatasetAction, `Dataset ${string}`>, TransactionPlan>),

  'Item collection > Get items': {
    // A dataset holding exactly the items of the documented example.
    async prepare(transaction, fixtures) {
      const items = expectedJson(transaction);
      if (!Array.isArray(items)) throw new Error('the Get items example body is not an array');
      const dataset = await fixtures.datasetWithItems('items', items as Record<string, unknown>[]);
      setPathParams(transaction, ITEMS_PATH, { datasetId: dataset.id });
    },
  },

  'Item collection > Put items': {
    async prepare(transaction, fixtures) {
      const dataset = await fixtures.throwawayStorage('datasets', 'pushed');
      setPathParams(transaction, ITEMS_PATH, { datasetId: dataset.id });
    },
  },
} satisfies Record<DatasetAction, TransactionPlan>;
