import { check } from '../../common/check.ts';
import { excerpt, expectBody, expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';
import { hasMembers, runTaskToEnd, sharedTask } from '../support/tasks.ts';

// Task input object: stored apart from the actor; a run's own input overrides it key by key; Update task input
// changes only the keys it sends; Get task input answers the bare object.
const SPEC = 'spec/02-actor-tasks.apib#task-input-object';
const target = useTarget();
const { api } = target;
const TASK_INPUT = { note: 'from the task', shared: 'from the task' };
const task = sharedTask(target, 'task-input', TASK_INPUT);

check(
  {
    id: 'tasks.run-input-overrides-task-input',
    title: "a task run's INPUT is the task input with the run's own input laid over it, key by key",
    spec: SPEC,
    features: ['tasks'],
  },
  async () => {
    const { id } = await task();
    const run = await runTaskToEnd(target, id, { shared: 'from the run' });
    const record = await api.request({ path: `/v2/key-value-stores/${run.defaultKeyValueStoreId}/records/INPUT` });
    const expected = { note: 'from the task', shared: 'from the run' };
    expectThat(
      record.status === 200 && hasMembers(record.body, expected),
      `HTTP 200 with ${JSON.stringify(expected)}`,
      `HTTP ${record.status} ${excerpt(record.text)}`,
      record,
    );
  },
);

check(
  {
    id: 'tasks.input-is-bare',
    title: 'Get task input answers the input object itself, not wrapped in data',
    spec: SPEC,
    features: ['tasks'],
  },
  async () => {
    const { id } = await task();
    const response = await api.request({ path: `/v2/actor-tasks/${id}/input` });
    expectBody(response, 200, 'task-input');
    // The body itself, not its data member: the input is not wrapped.
    expectThat(hasMembers(response.body, TASK_INPUT), JSON.stringify(TASK_INPUT), excerpt(response.text), response);
  },
);

check(
  {
    id: 'tasks.input-update-merges',
    title: 'Update task input changes the keys it sends and keeps the others, in its answer and in a later read',
    spec: SPEC,
    features: ['tasks'],
  },
  async () => {
    const fresh = await target.fixtures.createTask(String((await task()).actId), 'input-update', { input: { kept: 1, changed: 1 } });
    const update = await api.request({ method: 'PUT', path: `/v2/actor-tasks/${fresh.id}/input`, body: { changed: 2, added: 3 } });
    const merged = { kept: 1, changed: 2, added: 3 };
    const expected = JSON.stringify(merged);
    expectBody(update, 200, 'task-input');
    expectThat(hasMembers(update.body, merged), `the answer ${expected}`, excerpt(update.text), update);
    const read = await api.request({ path: `/v2/actor-tasks/${fresh.id}/input` });
    expectBody(read, 200, 'task-input');
    expectThat(hasMembers(read.body, merged), `a later read ${expected}`, excerpt(read.text), read);
  },
);
