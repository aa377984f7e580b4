import { setPathParams } from '../lib/request-rewrite.ts';
import type { TransactionPlan } from './plan.ts';

export const webhookDispatchPlans = {
  'Webhook dispatches collection > Get list of webhook dispatches': {
    async prepare(_transaction, fixtures) {
      await fixtures.firedWebhook(); // so the list has an item
    },
  },

  'Webhook dispatch object > Get webhook dispatch': {
    async prepare(transaction, fixtures) {
      const { dispatch } = await fixtures.firedWebhook();
      setPathParams(transaction, '/v2/webhook-dispatches/{dispatchId}', { dispatchId: dispatch.id });
    },
  },
} satisfies Record<string, TransactionPlan>;
