import type { DreddTransaction } from '../lib/dredd-types.ts';
import type { HookFixtures } from '../lib/fixtures.ts';
import { requestJson, setPathParams, setRequestJson } from '../lib/request-rewrite.ts';
import { responseData, type TransactionPlan } from './plan.ts';

const WEBHOOK_PATH = '/v2/webhooks/{webhookId}';

async function firedWebhookPath(transaction: DreddTransaction, fixtures: HookFixtures, subPath: string): Promise<void> {
  setPathParams(transaction, `${WEBHOOK_PATH}${subPath}`, { webhookId: (await fixtures.firedWebhook()).webhook.id });
}

async function throwawayWebhookPath(transaction: DreddTransaction, fixtures: HookFixtures): Promise<void> {
  setPathParams(transaction, WEBHOOK_PATH, { webhookId: (await fixtures.throwawayWebhook()).id });
}

export const webhookPlans = {
  'Webhook collection > Get list of webhooks': {
    async prepare(transaction, fixtures) {
      setPathParams(transaction, '/v2/acts/{actorId}/webhooks', { actorId: (await fixtures.mainActor()).id });
    },
  },

  'Webhook list > Get list of webhooks': {
    async prepare(_transaction, fixtures) {
      await fixtures.firedWebhook(); // so the list has an item
    },
  },

  'Webhook list > Create webhook': {
    // The documented body, for the main actor, calling the target's own API; an idempotency key unique to this run.
    async prepare(transaction, fixtures) {
      const body = requestJson(transaction);
      if (body === undefined) throw new Error('the spec documents no request body for Create webhook');
      const actor = await fixtures.mainActor();
      setRequestJson(transaction, {
        ...body,
        condition: { actorId: actor.id },
        requestUrl: `${fixtures.config.baseUrl}/v2/users/me`,
        eventTypes: ['ACTOR.BUILD.TIMED_OUT'],
        idempotencyKey: `${fixtures.session.context.config.runId}-created-${Date.now()}`,
      });
    },
    async settle(transaction, fixtures) {
      const created = responseData(transaction);
      if (typeof created?.id === 'string') fixtures.session.registry.trackWebhook(created.id);
    },
  },

  'Webhook object > Get webhook': {
    prepare: (transaction, fixtures) => firedWebhookPath(transaction, fixtures, ''),
  },

  'Webhook object > Update webhook': {
    prepare: throwawayWebhookPath,
  },

  'Webhook object > Delete webhook': {
    prepare: throwawayWebhookPath,
  },

  'Dispatches collection > Get list of dispatches': {
    prepare: (transaction, fixtures) => firedWebhookPath(transaction, fixtures, '/dispatches'),
  },
} satisfies Record<string, TransactionPlan>;
