import { check } from '../../common/check.ts';
import type { JobRecord } from '../../common/fixtures/index.ts';
import { excerpt, expectBody, expectError, expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';
import { hasMembers, runTaskToEnd, sharedTask } from '../support/tasks.ts';

// Run task and Run task synchronously: the run records its task; run-sync answers as Run actor synchronously does.
const target = useTarget();
const { api } = target;
const task = sharedTask(target, 'task-runs', { output: { from: 'the task' } });

check(
  {
    id: 'tasks.run-records-task',
    title: "a run started through a task names it in actorTaskId, and is listed among the task's runs",
    spec: 'spec/02-actor-tasks.apib#run-task',
    features: ['tasks', 'runs'],
  },
  async () => {
    const { id } = await task();
    const run = await runTaskToEnd(target, id);
    expectThat(run.actorTaskId === id, `actorTaskId ${id}`, `actorTaskId ${String(run.actorTaskId)}`);
    const list = await api.request({ path: `/v2/actor-tasks/${id}/runs`, query: { desc: 1, limit: 10 } });
    const page = expectBody<{ items: JobRecord[] }>(list, 200, 'run-list-response');
    expectThat(
      page.items.some((item) => item.id === run.id),
      `run ${run.id} among the task's runs`,
      page.items.map((item) => item.id).join(', '),
      list,
    );
  },
);

check(
  {
    id: 'tasks.run-sync-answers-like-actor',
    title: "Run task synchronously answers 201 with the run's OUTPUT record, and 400 run-failed when the run fails",
    spec: 'spec/02-actor-tasks.apib#run-task-synchronously',
    features: ['tasks', 'runs.sync'],
  },
  async () => {
    const { id } = await task();
    const succeeded = await api.request({ method: 'POST', path: `/v2/actor-tasks/${id}/run-sync`, body: {} });
    expectThat(
      succeeded.status === 201 && hasMembers(succeeded.body, { from: 'the task' }),
      'HTTP 201 with the OUTPUT record {"from":"the task"}',
      `HTTP ${succeeded.status} ${excerpt(succeeded.text)}`,
      succeeded,
    );
    const failed = await api.request({ method: 'POST', path: `/v2/actor-tasks/${id}/run-sync`, body: { exitCode: 1 } });
    expectError(failed, 400, 'run-failed');
  },
);
