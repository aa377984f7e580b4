import type { RequestQueue } from '../../common/api-types.ts';
import { check } from '../../common/check.ts';
import { fixtureRequest, resourceName } from '../../common/fixtures/index.ts';
import { differences } from '../round-trip/compare.ts';
import { expectBody, expectError, expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';
import { QueueCalls, SPEC } from './queue-calls.ts';

// The queue collection and object: get-or-create by name, the list of named queues, rename, delete; and a request
// read back as it was last written.
const { api, fixtures, config } = useTarget();

check(
  {
    id: 'request-queues.create-by-name-returns-existing',
    title: 'Create request queue with a name the user already has answers 200 with that queue, and creates none',
    spec: `${SPEC}#queue-collection`,
    features: ['request-queues'],
  },
  async () => {
    const existing = await fixtures.createRequestQueue('rq-get-or-create');
    const response = await api.request({ method: 'POST', path: '/v2/request-queues', query: { name: String(existing.name) } });
    const answered = expectBody<RequestQueue>(response, [200, 201], 'request-queue-response');
    if (answered.id !== existing.id) fixtures.registry.trackRequestQueue(answered.id, String(answered.name));
    expectThat(
      response.status === 200 && answered.id === existing.id,
      `HTTP 200 with the existing queue ${existing.id}`,
      `HTTP ${response.status} with ${answered.id}`,
      response,
    );
  },
);

/**
 * The ids of the list, page by page, over a few passes: other files delete their queues meanwhile, which shifts
 * offsets, so one pass may step over an item; the union of the passes does not (an item never listed stays unlisted).
 */
async function listedIds(query: Record<string, string | number | boolean>, wanted: string[]): Promise<string[]> {
  const seen = new Set<string>();
  for (let pass = 0; pass < 3 && !wanted.every((id) => seen.has(id)); pass += 1) {
    for (let offset = 0; ; ) {
      const response = await api.request({ path: '/v2/request-queues', query: { ...query, offset } });
      const page = expectBody<{ items: RequestQueue[]; total: number }>(response, 200, 'request-queue-list-response');
      for (const queue of page.items) seen.add(queue.id);
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.total) break;
    }
  }
  return [...seen];
}

check(
  {
    id: 'request-queues.list-named-unless-unnamed',
    title: 'Get list of request queues lists named queues, and unnamed ones only with unnamed=1',
    spec: `${SPEC}#queue-collection`,
    features: ['request-queues', 'pagination'],
  },
  async () => {
    const named = await fixtures.createRequestQueue('rq-listed');
    const unnamed = await fixtures.createRequestQueue('rq-unlisted', { unnamed: true });
    const plain = await listedIds({}, [named.id]);
    expectThat(plain.includes(named.id) && !plain.includes(unnamed.id), `the named ${named.id} listed, the unnamed ${unnamed.id} not`, plain.join(', '));
    const all = await listedIds({ unnamed: 1 }, [named.id, unnamed.id]);
    expectThat(all.includes(named.id) && all.includes(unnamed.id), `with unnamed=1, both ${named.id} and ${unnamed.id}`, all.join(', '));
  },
);

check(
  {
    id: 'request-queues.rename',
    title: 'Update request queue renames it, and Get request queue reads the new name',
    spec: `${SPEC}#queue`,
    features: ['request-queues'],
  },
  async () => {
    const queue = await fixtures.createRequestQueue('rq-rename');
    const name = resourceName(config, 'rq-renamed');
    const updated = expectBody<RequestQueue>(
      await api.request({ method: 'PUT', path: `/v2/request-queues/${queue.id}`, body: { name } }),
      200,
      'request-queue-response',
    );
    const read = await new QueueCalls(api, queue).read();
    expectThat(updated.name === name && read.name === name, `the name ${name} in the answer and when read`, `${updated.name} / ${read.name}`);
  },
);

check(
  {
    id: 'request-queues.delete-queue',
    title: 'Delete request queue answers 204, and the queue then answers 404 record-not-found',
    spec: `${SPEC}#queue`,
    features: ['request-queues'],
  },
  async () => {
    const queue = await fixtures.createRequestQueue('rq-delete');
    const deleted = await api.request({ method: 'DELETE', path: `/v2/request-queues/${queue.id}` });
    expectThat(deleted.status === 204, 'HTTP 204', `HTTP ${deleted.status}`, deleted);
    expectError(await api.request({ path: `/v2/request-queues/${queue.id}` }), 404, 'record-not-found');
    fixtures.registry.forgetRequestQueue(queue.id);
  },
);

check(
  {
    id: 'request-queues.request-as-last-written',
    title: 'Get request answers the whole request as Update request last wrote it',
    spec: `${SPEC}#request`,
    features: ['request-queues'],
  },
  async () => {
    const queue = new QueueCalls(api, await fixtures.createRequestQueue('rq-round-trip'));
    const { requestId } = await queue.add('detail', { fields: { userData: { label: 'LIST' } } });
    const written = { ...fixtureRequest('detail'), id: requestId, retryCount: 2, userData: { label: 'DETAIL', depth: 3 }, headers: { 'x-test': '1' } };
    await queue.update(written);
    const read = await queue.get(requestId);
    const problems = differences({ ...written, method: 'GET' }, read, ['id', 'uniqueKey', 'url', 'method', 'retryCount', 'userData', 'headers']);
    expectThat(problems.length === 0, 'every member as written', problems.join('; '));
  },
);
