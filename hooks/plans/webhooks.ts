import { setPathParams } from '../lib/request-rewrite.ts';
import type { TransactionPlan } from './plan.ts';

export const webhookPlans = {
  'Webhook collection > Get list of webhooks': {
    async prepare(transaction, fixtures) {
      setPathParams(transaction, '/v2/acts/{actorId}/webhooks', { actorId: (await fixtures.mainActor()).id });
    },
  },
} satisfies Record<string, TransactionPlan>;
