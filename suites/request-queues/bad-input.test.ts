import { check } from '../../common/check.ts';
import { fixtureRequest } from '../../common/fixtures/index.ts';
import { expectError, expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';
import { countsOf, QueueCalls, SPEC } from './queue-calls.ts';

// A request without url or uniqueKey is refused with 400; another user can change nothing in a queue; either way the
// queue is left as it was.
const target = useTarget();
const { api, fixtures } = target;

check(
  {
    id: 'request-queues.incomplete-request-400',
    title: 'Add request without url or without uniqueKey answers 400 with the error envelope and adds nothing',
    spec: `${SPEC}#request-collection`,
    features: ['request-queues', 'errors'],
  },
  async () => {
    const queue = new QueueCalls(api, await fixtures.createRequestQueue('rq-bad-input'));
    const { url, uniqueKey } = fixtureRequest('incomplete');
    expectError(await queue.addRaw({ uniqueKey }), 400);
    expectError(await queue.addRaw({ url }), 400);
    const read = await queue.read();
    expectThat(read.totalRequestCount === 0, 'an empty queue', countsOf(read));
  },
);

check(
  {
    id: 'request-queues.other-user-changes-nothing',
    title: "another user's token cannot add to, change or delete a queue, and the queue stays as it was",
    spec: `${SPEC}#request-queues`,
    features: ['request-queues', 'auth.isolation'],
  },
  async () => {
    const second = target.second;
    if (second === undefined) throw new Error('unreachable: skipped without a second user');
    const queue = new QueueCalls(api, await fixtures.createRequestQueue('rq-isolation'));
    const { requestId } = await queue.add('mine');
    const intruder = new QueueCalls(second.api, queue.queue);
    const attempts = [
      await intruder.addRaw(fixtureRequest('theirs')),
      await second.api.request({
        method: 'PUT',
        path: `${queue.path}/requests/${requestId}`,
        body: { ...fixtureRequest('mine'), id: requestId, handledAt: new Date().toISOString() },
      }),
      await second.api.request({ method: 'DELETE', path: `${queue.path}/requests/${requestId}` }),
      await second.api.request({ method: 'DELETE', path: queue.path }),
    ];
    for (const response of attempts) {
      expectThat(response.status >= 400 && response.status < 500, 'HTTP 4xx for a change by another user', `HTTP ${response.status}`, response);
    }
    const read = await queue.read();
    expectThat(read.totalRequestCount === 1 && read.pendingRequestCount === 1, 'the queue as it was: total 1, pending 1', countsOf(read));
  },
  { skipUnless: { condition: target.second !== undefined, reason: 'no second user (APIFY_TOKEN_2) is configured' } },
);
