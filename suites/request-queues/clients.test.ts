import { check } from '../../common/check.ts';
import { expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';
import { QueueCalls, SPEC } from './queue-calls.ts';

// hadMultipleClients: false while every call carries one clientKey; true once a second key (or a keyless call) has
// used the queue.
const { api, fixtures } = useTarget();

check(
  {
    id: 'request-queues.multiple-clients',
    title: 'hadMultipleClients stays false while one clientKey uses the queue and turns true after a second one',
    spec: `${SPEC}#request-queues`,
    features: ['request-queues'],
  },
  async () => {
    const queue = new QueueCalls(api, await fixtures.createRequestQueue('rq-clients'));
    await queue.add('a', { clientKey: 'worker-one' });
    await queue.head({ clientKey: 'worker-one' });
    const alone = await queue.read();
    expectThat(!alone.hadMultipleClients, 'hadMultipleClients false after calls of one client', String(alone.hadMultipleClients));
    await queue.add('b', { clientKey: 'worker-two' });
    await queue.head({ clientKey: 'worker-two' });
    const shared = await queue.read();
    expectThat(shared.hadMultipleClients, 'hadMultipleClients true after a second client', String(shared.hadMultipleClients));
  },
);
