import { check } from '../../common/check.ts';
import type { JobRecord } from '../../common/fixtures/index.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { soloActor, useTarget } from '../support/target.ts';

// Last run object and its storages: the newest run, or the newest with `status`; its storages through the sub-paths.
const target = useTarget();
const { api, fixtures } = target;
const solo = soloActor(target);

check(
  {
    id: 'last-run.status-filter',
    title: 'runs/last?status=SUCCEEDED is the newest succeeded run even when a newer run failed, and runs/last is that newer run',
    spec: 'spec/01-actors.apib#last-run-object-and-its-storages',
    features: ['runs.last'],
  },
  async () => {
    const { actor, startRun } = await solo();
    const { id } = actor;
    const first = await startRun({ items: [{ last: 'succeeded' }] });
    const succeeded = await fixtures.waitForRun(id, first.id);
    const second = await startRun({ exitCode: 1 });
    const failed = await fixtures.waitForRun(id, second.id);
    const filtered = await api.request({ path: `/v2/acts/${id}/runs/last`, query: { status: 'SUCCEEDED' } });
    const found = expectBody<JobRecord>(filtered, 200, 'run-response');
    expectThat(found.id === succeeded.id, `the succeeded run ${succeeded.id}`, `run ${found.id} (${found.status})`, filtered);
    const newest = await api.request({ path: `/v2/acts/${id}/runs/last` });
    const last = expectBody<JobRecord>(newest, 200, 'run-response');
    expectThat(last.id === failed.id, `the newest run ${failed.id}`, `run ${last.id} (${last.status})`, newest);
    const items = await api.request({ path: `/v2/acts/${id}/runs/last/dataset/items`, query: { status: 'SUCCEEDED' } });
    expectThat(
      items.status === 200 && JSON.stringify(items.body) === JSON.stringify([{ last: 'succeeded' }]),
      'the succeeded run\'s dataset items [{"last":"succeeded"}] through runs/last/dataset/items',
      `HTTP ${items.status} ${items.text.slice(0, 200)}`,
      items,
    );
  },
);
