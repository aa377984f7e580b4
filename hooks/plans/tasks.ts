import { resourceName } from '../../common/fixtures/index.ts';
import type { DreddTransaction } from '../lib/dredd-types.ts';
import type { HookFixtures } from '../lib/fixtures.ts';
import { requestJson, setPathParams, setQueryParams, setRequestJson } from '../lib/request-rewrite.ts';
import { responseData, type TransactionPlan } from './plan.ts';

const TASK_PATH = '/v2/actor-tasks/{actorTaskId}';

async function mainTaskPath(transaction: DreddTransaction, fixtures: HookFixtures, subPath: string): Promise<void> {
  setPathParams(transaction, `${TASK_PATH}${subPath}`, { actorTaskId: (await fixtures.mainTask()).id });
}

/** Registers the run a task transaction started, so cleanup stops it if it is still going. */
async function trackStartedRun(transaction: DreddTransaction, fixtures: HookFixtures): Promise<void> {
  const run = responseData(transaction);
  if (typeof run?.id === 'string' && typeof run.actId === 'string') fixtures.session.registry.trackRun(run.actId, run.id);
}

/**
 * Each task run-sync example names its outcome by the documented status, and the plan picks a task whose input makes the
 * target produce it: the main task succeeds (the fixture actor echoes its input as OUTPUT), the failing task's input
 * says exit code 1, the slow task's input sleeps past the target's cap, with a run timeout longer than that.
 */
async function prepareTaskRunSync(transaction: DreddTransaction, fixtures: HookFixtures, withInput: boolean): Promise<void> {
  const path = `${TASK_PATH}/run-sync`;
  switch (transaction.expected.statusCode) {
    case '201':
      setPathParams(transaction, path, { actorTaskId: (await fixtures.mainTask()).id });
      return;
    case '400':
      setPathParams(transaction, path, { actorTaskId: (await fixtures.failingTask()).id });
      if (withInput) setRequestJson(transaction, { exitCode: 1 });
      return;
    case '408':
      setPathParams(transaction, path, { actorTaskId: (await fixtures.slowTask()).id });
      setQueryParams(transaction, { timeout: fixtures.outlivesCapTimeoutSecs() });
      return;
    default:
      throw new Error(`the hooks know task run-sync outcomes 201, 400 and 408, not ${String(transaction.expected.statusCode)}`);
  }
}

export const taskPlans = {
  'Task collection > Get list of tasks': {
    async prepare(_transaction, fixtures) {
      await fixtures.mainTask(); // so the list has an item
    },
  },

  'Task collection > Create task': {
    // The documented body, for the shared actor and under a name unique to this run (task names are unique per user).
    async prepare(transaction, fixtures) {
      const body = requestJson(transaction);
      if (body === undefined) throw new Error('the spec documents no request body for Create task');
      const { actor } = await fixtures.runnable();
      setRequestJson(transaction, { ...body, actId: actor.id, name: resourceName(fixtures.session.context.config, 'created') });
    },
    async settle(transaction, fixtures) {
      const created = responseData(transaction);
      if (typeof created?.id === 'string') fixtures.session.registry.trackTask({ id: created.id, name: String(created.name) });
    },
  },

  'Task object > Get task': {
    prepare: (transaction, fixtures) => mainTaskPath(transaction, fixtures, ''),
  },

  'Task object > Update task': {
    async prepare(transaction, fixtures) {
      setPathParams(transaction, TASK_PATH, { actorTaskId: (await fixtures.throwawayTask('updated')).id });
      const body = requestJson(transaction);
      if (body !== undefined && 'name' in body) setRequestJson(transaction, { ...body, name: resourceName(fixtures.session.context.config, 'renamed') });
    },
  },

  'Task object > Delete task': {
    async prepare(transaction, fixtures) {
      setPathParams(transaction, TASK_PATH, { actorTaskId: (await fixtures.throwawayTask('deleted')).id });
    },
  },

  'Task input object > Get task input': {
    prepare: (transaction, fixtures) => mainTaskPath(transaction, fixtures, '/input'),
  },

  'Task input object > Update task input': {
    async prepare(transaction, fixtures) {
      setPathParams(transaction, `${TASK_PATH}/input`, { actorTaskId: (await fixtures.throwawayTask('input')).id });
    },
  },

  'Task webhook collection > Get list of webhooks': {
    // The task the fired webhook names, so the list has an item.
    async prepare(transaction, fixtures) {
      const { webhook } = await fixtures.firedWebhook();
      const condition = webhook.condition as { actorTaskId?: string };
      setPathParams(transaction, `${TASK_PATH}/webhooks`, { actorTaskId: String(condition.actorTaskId) });
    },
  },

  'Task run collection > Get list of task runs': {
    async prepare(transaction, fixtures) {
      await fixtures.finishedTaskRun(); // so the list has an item
      await mainTaskPath(transaction, fixtures, '/runs');
    },
  },

  'Task run collection > Run task': {
    // The documented input {"foo": "bar"} is laid over the main task's input; the fixture actor echoes it and succeeds.
    async prepare(transaction, fixtures) {
      await mainTaskPath(transaction, fixtures, '/runs');
    },
    settle: trackStartedRun,
  },

  'Run task synchronously > Run task synchronously (POST)': {
    prepare: (transaction, fixtures) => prepareTaskRunSync(transaction, fixtures, true),
  },

  'Run task synchronously > Run task synchronously (GET)': {
    prepare: (transaction, fixtures) => prepareTaskRunSync(transaction, fixtures, false),
  },

  'Last task run object and its storages > Get last run': {
    // The documented status=SUCCEEDED finds at least the shared finished task run.
    async prepare(transaction, fixtures) {
      await fixtures.finishedTaskRun();
      await mainTaskPath(transaction, fixtures, '/runs/last');
    },
  },
} satisfies Record<string, TransactionPlan>;
