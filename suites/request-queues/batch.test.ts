import { check } from '../../common/check.ts';
import { fixtureRequest } from '../../common/fixtures/index.ts';
import { expectError, expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';
import { countsOf, QueueCalls, SPEC_SINCE_2020 } from './queue-calls.ts';

// Batch add: 1 to 25 requests, each reported either processed (with the flags of Add request) or unprocessed (not
// stored); more than 25 is refused and changes nothing.
const { api, fixtures } = useTarget();
const features = ['request-queues', 'request-queues.batch'] as const;

check(
  {
    id: 'request-queues.batch-reports-every-request',
    title: 'a batch add reports every request it was given, processed with the dedup flags or unprocessed, and stores the processed ones',
    spec: SPEC_SINCE_2020,
    features: [...features],
  },
  async () => {
    const queue = new QueueCalls(api, await fixtures.createRequestQueue('rq-batch'));
    await queue.add('k0');
    const sent = ['k0', 'k1', 'k2', 'k3'];
    const result = await queue.batchAdd(sent.map((key) => fixtureRequest(key)));
    const reported = [...result.processedRequests, ...result.unprocessedRequests].map((item) => String(item.uniqueKey)).sort();
    expectThat(reported.join() === sent.join(), `each of ${sent.join(', ')} reported once`, reported.join(', '));
    const k0 = result.processedRequests.find((item) => item.uniqueKey === 'k0');
    expectThat(k0 === undefined || k0.wasAlreadyPresent === true, 'k0, already in the queue, reported with wasAlreadyPresent true', JSON.stringify(k0));
    const fresh = result.processedRequests.filter((item) => item.uniqueKey !== 'k0');
    expectThat(
      fresh.every((item) => item.wasAlreadyPresent === false),
      'the others reported as new',
      JSON.stringify(fresh),
    );
    const read = await queue.read();
    expectThat(read.totalRequestCount === 1 + fresh.length, `total ${1 + fresh.length}: k0 and the new processed ones`, countsOf(read));
  },
);

check(
  {
    id: 'request-queues.batch-over-25-400',
    title: 'a batch add of 26 requests, or of none, answers 400 and adds nothing',
    spec: SPEC_SINCE_2020,
    features: [...features, 'errors'],
  },
  async () => {
    const queue = new QueueCalls(api, await fixtures.createRequestQueue('rq-batch-limit'));
    expectError(await queue.batchAddRaw(Array.from({ length: 26 }, (_, i) => fixtureRequest(`big-${i}`))), 400);
    expectError(await queue.batchAddRaw([]), 400);
    const read = await queue.read();
    expectThat(read.totalRequestCount === 0, 'an empty queue', countsOf(read));
  },
);
