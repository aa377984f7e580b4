import type { QueueRequest } from '../../common/api-types.ts';
import { check } from '../../common/check.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';
import { QueueCalls, SPEC_SINCE_2020 } from './queue-calls.ts';

// The list of requests: page after page from exclusiveStartId, every request of the queue (handled ones too) exactly once.
const { api, fixtures } = useTarget();

check(
  {
    id: 'request-queues.list-visits-each-once',
    title: 'listing requests page by page with exclusiveStartId visits every request, handled ones included, exactly once',
    spec: SPEC_SINCE_2020,
    features: ['request-queues', 'request-queues.list'],
  },
  async () => {
    const queue = new QueueCalls(api, await fixtures.createRequestQueue('rq-list'));
    const added = [];
    for (let i = 0; i < 5; i += 1) added.push((await queue.add(`page-${i}`)).requestId);
    await queue.markHandled(added[0]!, 'page-0');
    const seen: string[] = [];
    let start: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const response = await api.request({ path: `${queue.path}/requests`, query: { limit: 2, exclusiveStartId: start } });
      const items = expectBody<{ items: QueueRequest[] }>(response, 200, 'request-list-response').items;
      if (items.length === 0) break;
      seen.push(...items.map((item) => item.id));
      start = items.at(-1)?.id;
    }
    const expected = [...added].sort();
    expectThat(
      seen.length === expected.length && [...seen].sort().join() === expected.join(),
      `each of the 5 requests once (${expected.join(', ')})`,
      seen.join(', ') || '(none)',
    );
  },
);
