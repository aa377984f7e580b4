import type { WebhookRecord } from '../../common/fixtures/index.ts';
import { shared, useTarget } from '../support/target.ts';
import { registerListChecks } from './list-checks.ts';
import { type PageQuery, pageOf } from './pages.ts';

// Get list of webhooks of an actor only this file gives webhooks (created with Create webhook, a condition naming the
// actor), so totals and orders are exact. The webhooks never fire: nothing runs the actor.
const target = useTarget();
const { api, fixtures } = target;
const actor = shared(() => fixtures.createActor('webhooks-list'));

/** A webhook of the file's actor; its URL is never called. */
const addWebhook = async () =>
  fixtures.createWebhook({
    eventTypes: ['ACTOR.RUN.SUCCEEDED'],
    condition: { actorId: (await actor()).id },
    requestUrl: 'https://example.com/conformance-webhooks-list',
  });

const webhooks = shared(async () => {
  const created: WebhookRecord[] = [];
  for (let i = 0; i < 3; i += 1) created.push(await addWebhook());
  return created;
});

registerListChecks<WebhookRecord>({
  name: 'webhooks',
  spec: 'spec/01-actors.apib#get-list-of-webhooks',
  feature: 'webhooks',
  fetch: async (query: PageQuery) => {
    const { id } = await actor();
    await webhooks();
    return pageOf<WebhookRecord>(await api.request({ path: `/v2/acts/${id}/webhooks`, query }), 'webhook-list-response');
  },
  contents: {
    orderBy: 'createdAt',
    known: webhooks,
    exclusive: true,
    add: async () => {
      const webhook = await addWebhook();
      (await webhooks()).push(webhook);
      return webhook;
    },
  },
});
