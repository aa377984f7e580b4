import { check } from '../../common/check.ts';
import { expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';
import { countsOf, QueueCalls, SPEC } from './queue-calls.ts';

// Add request: a uniqueKey is stored once; adding it again answers the existing request, says so, and says whether
// it has been handled.
const { api, fixtures } = useTarget();
const newQueue = async (purpose: string) => new QueueCalls(api, await fixtures.createRequestQueue(purpose));

check(
  {
    id: 'request-queues.dedup-returns-existing',
    title: 'adding a uniqueKey already in the queue answers the existing request id with wasAlreadyPresent and adds nothing',
    spec: `${SPEC}#request-collection`,
    features: ['request-queues'],
  },
  async () => {
    const queue = await newQueue('rq-dedup');
    const first = await queue.add('page-1');
    expectThat(!first.wasAlreadyPresent && !first.wasAlreadyHandled, 'a new request: wasAlreadyPresent and wasAlreadyHandled false', JSON.stringify(first));
    const again = await queue.add('page-1', { fields: { url: 'https://example.com/another-url-same-key' } });
    expectThat(
      again.requestId === first.requestId && again.wasAlreadyPresent && !again.wasAlreadyHandled,
      `the same id ${first.requestId}, wasAlreadyPresent true, wasAlreadyHandled false`,
      JSON.stringify(again),
    );
    const read = await queue.read();
    expectThat(read.totalRequestCount === 1 && read.pendingRequestCount === 1, 'total 1, pending 1', countsOf(read));
  },
);

check(
  {
    id: 'request-queues.dedup-of-handled',
    title: 'adding the uniqueKey of a handled request answers wasAlreadyHandled true and leaves it handled',
    spec: `${SPEC}#request-collection`,
    features: ['request-queues'],
  },
  async () => {
    const queue = await newQueue('rq-dedup-handled');
    const { requestId } = await queue.add('done');
    await queue.markHandled(requestId, 'done');
    const again = await queue.add('done');
    expectThat(
      again.requestId === requestId && again.wasAlreadyPresent && again.wasAlreadyHandled,
      `id ${requestId}, wasAlreadyPresent true, wasAlreadyHandled true`,
      JSON.stringify(again),
    );
    const head = await queue.head();
    expectThat(head.length === 0, 'an empty head: the handled request stays handled', JSON.stringify(head));
  },
);
