import { check } from '../../common/check.ts';
import { expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';
import { isHeadView, keysOf, QueueCalls, SPEC } from './queue-calls.ts';

// Get head: unhandled requests in queue order (forefront ones first, the newest of them first), never a handled one,
// never more than limit. A head may lag behind the newest adds, so it is judged as an in-order view of the queue.
const { api, fixtures } = useTarget();
const SPEC_HEAD = `${SPEC}#queue-head`;

/** A queue holding n1, n2 (normal) and f1, f2 (forefront, in that order): queue order f2, f1, n1, n2. */
async function mixedQueue(purpose: string): Promise<{ queue: QueueCalls; ids: Record<string, string> }> {
  const queue = new QueueCalls(api, await fixtures.createRequestQueue(purpose));
  const ids: Record<string, string> = {};
  for (const [key, forefront] of [
    ['n1', false],
    ['n2', false],
    ['f1', true],
    ['f2', true],
  ] as const) {
    ids[key] = (await queue.add(key, { forefront })).requestId;
  }
  return { queue, ids };
}

check(
  {
    id: 'request-queues.forefront-first',
    title: 'forefront requests head the queue, the newest first, before the others in the order added',
    spec: SPEC_HEAD,
    features: ['request-queues'],
  },
  async () => {
    const { queue } = await mixedQueue('rq-forefront');
    const expected = ['f2', 'f1', 'n1', 'n2'];
    const seen = keysOf(await queue.head({ limit: 10 }));
    expectThat(isHeadView(seen, expected), `the head ${expected.join(', ')} (or an in-order part of it)`, seen.join(', ') || '(empty)');
  },
);

check(
  { id: 'request-queues.head-hides-handled', title: 'a request marked handled never appears in the head again', spec: SPEC_HEAD, features: ['request-queues'] },
  async () => {
    const { queue, ids } = await mixedQueue('rq-head-handled');
    await queue.markHandled(ids.f1!, 'f1');
    await queue.markHandled(ids.n2!, 'n2');
    const seen = keysOf(await queue.head({ limit: 10 }));
    expectThat(isHeadView(seen, ['f2', 'n1']), 'the head f2, n1 (or an in-order part of it), without f1 and n2', seen.join(', ') || '(empty)');
  },
);

check(
  {
    id: 'request-queues.head-honours-limit',
    title: 'the head holds at most limit requests, the first ones of the queue',
    spec: SPEC_HEAD,
    features: ['request-queues'],
  },
  async () => {
    const { queue } = await mixedQueue('rq-head-limit');
    for (const limit of [1, 2, 3]) {
      const seen = keysOf(await queue.head({ limit }));
      const expected = ['f2', 'f1', 'n1', 'n2'].slice(0, limit);
      expectThat(seen.length <= limit && isHeadView(seen, expected), `at most ${limit}: ${expected.join(', ')}`, seen.join(', ') || '(empty)');
    }
  },
);
