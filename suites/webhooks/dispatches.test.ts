import { check } from '../../common/check.ts';
import type { DispatchRecord, WebhookRecord } from '../../common/fixtures/index.ts';
import { expectBody, expectStatus, expectThat } from '../support/expect.ts';
import { shared, sharedActor, useTarget } from '../support/target.ts';

// Dispatches as the API lists and reads them, and the idempotency key of Create webhook. The webhook calls the target's
// own API (it pushes the payload to a dataset of the user), which every target can reach.
const target = useTarget();
const { api, config, fixtures, second } = target;
const actor = sharedActor(target);

/** A webhook that pushed one ACTOR.RUN.SUCCEEDED payload into a dataset of the user, with its dispatch and the dataset. */
const fired = shared(async () => {
  const { id } = await actor();
  const receiverRun = await fixtures.startRun(id, { writeOutput: false });
  const receiver = await fixtures.waitForRun(id, receiverRun.id);
  const webhook = await fixtures.createWebhook({
    eventTypes: ['ACTOR.RUN.SUCCEEDED'],
    condition: { actorRunId: receiver.id },
    requestUrl: `${config.baseUrl}/v2/datasets/${receiver.defaultDatasetId}/items`,
  });
  // Resurrecting the receiver run ends it again, which fires the webhook bound to that run.
  expectStatus(await api.request({ method: 'POST', path: `/v2/acts/${id}/runs/${receiver.id}/resurrect` }), 200);
  await fixtures.waitForRun(id, receiver.id);
  const dispatches = await fixtures.waitForDispatches(webhook.id, (list) => list.some((d) => d.status !== 'ACTIVE'), config.maxWaitSecs + 90);
  return { webhook, dispatch: dispatches[0]!, datasetId: String(receiver.defaultDatasetId) };
});

check(
  {
    id: 'webhooks.dispatch-list-and-object-agree',
    title: "a webhook's dispatch is listed among the user's dispatches, reads the same by id, and its call delivered the payload",
    spec: 'spec/07-webhook-dispatches.apib#webhook-dispatch-object',
    features: ['webhooks.dispatches'],
  },
  async () => {
    const { dispatch, datasetId } = await fired();
    const read = await api.request({ path: `/v2/webhook-dispatches/${dispatch.id}` });
    const one = expectBody<DispatchRecord>(read, 200, 'webhook-dispatch-response');
    const same = (['id', 'webhookId', 'eventType', 'status'] as const).every((member) => one[member] === dispatch[member]);
    expectThat(same, `the dispatch ${dispatch.id} as its webhook lists it`, JSON.stringify(one).slice(0, 300), read);
    // Page through the list (newest first): the server's page size may be small.
    let listed = false;
    let seen = 0;
    for (let offset = 0; !listed; ) {
      const list = await api.request({ path: '/v2/webhook-dispatches', query: { desc: 1, offset, limit: 1000 } });
      const page = expectBody<{ items: DispatchRecord[]; total: number }>(list, 200, 'webhook-dispatch-list-response');
      listed = page.items.some((item) => item.id === dispatch.id);
      seen += page.items.length;
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.total) break;
    }
    expectThat(listed, `dispatch ${dispatch.id} in the list`, `${seen} other dispatches`);
    const items = await api.request({ path: `/v2/datasets/${datasetId}/items` });
    const delivered = (items.body as Array<{ eventType?: string }>) ?? [];
    expectThat(
      dispatch.status === 'SUCCEEDED' && delivered.some((item) => item.eventType === 'ACTOR.RUN.SUCCEEDED'),
      'a SUCCEEDED dispatch whose payload reached the dataset',
      `${dispatch.status}, dataset items ${JSON.stringify(delivered).slice(0, 200)}`,
      items,
    );
  },
);

check(
  {
    id: 'webhooks.dispatches-private',
    title: "another user neither lists nor reads the user's dispatches",
    spec: 'spec/07-webhook-dispatches.apib#webhook-dispatches',
    features: ['webhooks.dispatches', 'auth.isolation'],
  },
  async () => {
    const { dispatch } = await fired();
    const other = second!.api;
    const list = await other.request({ path: '/v2/webhook-dispatches', query: { limit: 1000 } });
    const page = expectBody<{ items: DispatchRecord[] }>(list, 200, 'webhook-dispatch-list-response');
    expectThat(!page.items.some((item) => item.id === dispatch.id), `no dispatch ${dispatch.id} in the other user's list`, 'it is listed', list);
    expectStatus(await other.request({ path: `/v2/webhook-dispatches/${dispatch.id}` }), [403, 404]);
  },
  { skipUnless: { condition: second !== undefined, reason: 'no second user (APIFY_TOKEN_2)' } },
);

check(
  {
    id: 'webhooks.idempotency-key-one-webhook',
    title: 'two creates with the same idempotencyKey make a single webhook',
    spec: 'spec/06-webhooks.apib#create-webhook',
    features: ['webhooks'],
  },
  async () => {
    const { id } = await actor();
    const body = {
      eventTypes: ['ACTOR.BUILD.TIMED_OUT'],
      condition: { actorId: id },
      requestUrl: `${config.baseUrl}/v2/users/me`,
      idempotencyKey: `${config.runId}-idempotent-${Date.now()}`,
    };
    const first: WebhookRecord = await fixtures.createWebhook(body);
    const again = await api.request({ method: 'POST', path: '/v2/webhooks', body });
    const repeated = expectBody<WebhookRecord>(again, [200, 201], 'webhook-response');
    if (repeated.id !== first.id) fixtures.registry.trackWebhook(repeated.id);
    expectThat(repeated.id === first.id, `the webhook ${first.id} again`, `a new webhook ${repeated.id}`, again);
  },
);
