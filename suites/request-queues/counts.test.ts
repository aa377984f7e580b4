import type { RequestQueue } from '../../common/api-types.ts';
import { check } from '../../common/check.ts';
import { expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';
import { countsOf, QueueCalls, SPEC } from './queue-calls.ts';

// A queue's counts describe its requests: total = handled + pending, none negative, and each add, handle and delete
// moves them by exactly one.
const { api, fixtures } = useTarget();

function expectCounts(queue: RequestQueue, total: number, handled: number, step: string): void {
  const expected = `total ${total}, handled ${handled}, pending ${total - handled}`;
  expectThat(countsOf(queue) === expected, `${expected} ${step}`, countsOf(queue));
}

check(
  {
    id: 'request-queues.counts-add-up',
    title: 'totalRequestCount is handledRequestCount plus pendingRequestCount after every add, handle and delete, and none is negative',
    spec: `${SPEC}#request-queues`,
    features: ['request-queues'],
  },
  async () => {
    const queue = new QueueCalls(api, await fixtures.createRequestQueue('rq-counts'));
    expectCounts(await queue.read(), 0, 0, 'when new');
    const a = await queue.add('a');
    const b = await queue.add('b');
    await queue.add('c');
    expectCounts(await queue.read(), 3, 0, 'after 3 adds');
    await queue.markHandled(a.requestId, 'a');
    expectCounts(await queue.read(), 3, 1, 'after marking a handled');
    await queue.remove(b.requestId);
    expectCounts(await queue.read(), 2, 1, 'after deleting pending b');
    await queue.remove(a.requestId);
    expectCounts(await queue.read(), 1, 0, 'after deleting handled a');
  },
);
