import { resourceName } from '../../common/fixtures/index.ts';
import { requestJson, setPathParams, setQueryParams, setRequestJson } from '../lib/request-rewrite.ts';
import { responseData, type TransactionPlan } from './plan.ts';

const QUEUES_PATH = '/v2/request-queues';
const QUEUE_PATH = '/v2/request-queues/{queueId}';
const REQUESTS_PATH = `${QUEUE_PATH}/requests`;
const REQUEST_PATH = `${REQUESTS_PATH}/{requestId}`;

export const requestQueuePlans = {
  'Queue collection > Get list of request queues': {
    // The documented query as is; the main queue makes sure the list has an item.
    async prepare(_transaction, fixtures) {
      await fixtures.mainQueue();
    },
  },

  'Queue collection > Create request queue': {
    // Example 1 (201) asks for a name no queue has; example 2 (200) for the name of a queue made just before.
    async prepare(transaction, fixtures) {
      if (transaction.expected.statusCode === '200') {
        const { queue } = await fixtures.fixtureQueue('rq-existing', []);
        setQueryParams(transaction, { name: String(queue.name) });
      } else {
        setQueryParams(transaction, { name: resourceName(fixtures.session.context.config, 'rq-created') });
      }
      setPathParams(transaction, QUEUES_PATH, {});
    },
    async settle(transaction, fixtures) {
      const created = responseData(transaction);
      if (typeof created?.id === 'string') fixtures.session.registry.trackRequestQueue(created.id, String(created.name));
    },
  },

  'Queue > Get request queue': {
    async prepare(transaction, fixtures) {
      setPathParams(transaction, QUEUE_PATH, { queueId: (await fixtures.mainQueue()).queue.id });
    },
  },

  'Queue > Update request queue': {
    // A queue of its own, renamed to a name unique to this run.
    async prepare(transaction, fixtures) {
      const { queue } = await fixtures.fixtureQueue('rq-renamed', []);
      setPathParams(transaction, QUEUE_PATH, { queueId: queue.id });
      setRequestJson(transaction, { ...requestJson(transaction), name: resourceName(fixtures.session.context.config, 'rq-new-name') });
    },
  },

  'Queue > Delete request queue': {
    async prepare(transaction, fixtures) {
      setPathParams(transaction, QUEUE_PATH, { queueId: (await fixtures.fixtureQueue('rq-deleted', [])).queue.id });
    },
    // Still registered: cleanup finds it gone (404) if the delete worked, and deletes it if it did not.
  },

  'Request collection > Add request': {
    // An empty queue of its own, so the documented request is new there.
    async prepare(transaction, fixtures) {
      setPathParams(transaction, REQUESTS_PATH, { queueId: (await fixtures.fixtureQueue('rq-add', [])).queue.id });
    },
  },

  'Request > Get request': {
    async prepare(transaction, fixtures) {
      const { queue, request } = await fixtures.mainQueue();
      setPathParams(transaction, REQUEST_PATH, { queueId: queue.id, requestId: request.id });
    },
  },

  'Request > Update request': {
    // The documented body (marking the request handled) with the id, uniqueKey and url of a request of its own queue.
    async prepare(transaction, fixtures) {
      const { queue, request } = await fixtures.fixtureQueue('rq-update');
      setPathParams(transaction, REQUEST_PATH, { queueId: queue.id, requestId: request.id });
      setRequestJson(transaction, { ...requestJson(transaction), ...request });
    },
  },

  'Request > Delete request': {
    async prepare(transaction, fixtures) {
      const { queue, request } = await fixtures.fixtureQueue('rq-delete');
      setPathParams(transaction, REQUEST_PATH, { queueId: queue.id, requestId: request.id });
    },
  },

  'Queue head > Get head': {
    async prepare(transaction, fixtures) {
      setPathParams(transaction, `${QUEUE_PATH}/head`, { queueId: (await fixtures.mainQueue()).queue.id });
    },
  },
} satisfies Record<string, TransactionPlan>;
