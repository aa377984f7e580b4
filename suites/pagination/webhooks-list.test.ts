import { shared, useTarget } from '../support/target.ts';
import { registerListChecks } from './list-checks.ts';
import { type PageQuery, pageOf } from './pages.ts';

// Get list of webhooks. The Actors section documents no way to create a webhook, so the list of a new actor stays
// empty: only the envelope's rules can be checked here.
const target = useTarget();
const actor = shared(() => target.fixtures.createActor('webhooks-list'));

registerListChecks<{ id: string }>({
  name: 'webhooks',
  spec: 'spec/01-actors.apib#get-list-of-webhooks',
  feature: 'webhooks',
  fetch: async (query: PageQuery) => {
    const { id } = await actor();
    return pageOf<{ id: string }>(await target.api.request({ path: `/v2/acts/${id}/webhooks`, query }), 'webhook-list-response');
  },
});
