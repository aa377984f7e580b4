// Actor tasks (/v2/actor-tasks): list (paginated by createdAt), create, get, partial update, delete; the task input
// (stored apart, merged key by key on update); the task's webhooks and runs; Run task and Run task synchronously. A
// task is named by id, `username~name` or (with a token) `~name`; only its owner sees it. Its run objects (by id or
// `last`) are served by runObjectRoutes with the `task` scope.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { taskNameNotUnique, tokenNotProvided } from '../errors.ts';
import { callerOf } from '../http/auth.ts';
import { type PaginationQuery, pageLimits, paginate, paginationQuerySchema } from '../http/pagination.ts';
import { queryNumber } from '../http/query.ts';
import { waitForFinish } from '../jobs/wait-for-finish.ts';
import { newId } from '../state/ids.ts';
import type { Run, Task, TaskOptions } from '../state/types.ts';
import type { EmulatorContext, RoutePluginOptions } from './context.ts';
import { findActor, objectNotFound } from './lookup.ts';
import { type RunOptionsQuery, runOptionsQuerySchema, startRunFromRequest } from './run-start.ts';
import { answerRunSync, type RunSyncQuery, runSyncQuerySchema } from './run-sync.ts';
import { runShortView } from './views.ts';
import { webhookPage } from './webhooks.ts';

export const taskIdParams = {
  type: 'object',
  required: ['actorTaskId'],
  properties: { actorTaskId: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

const TASK_NAME = '^[a-zA-Z0-9][a-zA-Z0-9-]{2,62}$';
const optionsSchema = {
  type: ['object', 'null'],
  properties: {
    build: { type: ['string', 'null'], minLength: 1 },
    timeoutSecs: { type: ['integer', 'null'], minimum: 0 },
    memoryMbytes: { type: ['integer', 'null'], minimum: 128, maximum: 32768 },
  },
} as const;
const inputSchema = { type: ['object', 'null'] } as const;
// Members of the Task object that clients cannot set: accepted and ignored, so a task read with GET can be sent back.
const readOnlyTaskProperties = { id: {}, userId: {}, actId: {}, username: {}, createdAt: {}, modifiedAt: {}, removedAt: {}, stats: {} } as const;
const listQuery = { type: 'object', properties: paginationQuerySchema } as const;

interface TaskBody {
  actId?: string;
  name?: string;
  options?: Partial<TaskOptions> | null;
  input?: Record<string, unknown> | null;
}

type TaskRequest = FastifyRequest<{ Params: { actorTaskId: string } }>;

export function taskView(task: Task) {
  const { runs: _runs, ...view } = task;
  return view;
}

function taskShortView(context: EmulatorContext) {
  return (task: Task) => {
    const actor = context.state.actors.get(task.actId);
    return {
      id: task.id,
      userId: task.userId,
      actId: task.actId,
      actName: actor?.name ?? '',
      actUsername: actor?.username ?? '',
      name: task.name,
      username: task.username,
      createdAt: task.createdAt,
      modifiedAt: task.modifiedAt,
      stats: task.stats,
    };
  };
}

/** The caller's task named by id, `username~name` or `~name`; anyone else's is not found. */
export function findTask(context: EmulatorContext, request: FastifyRequest, reference: string): Task {
  const caller = request.user;
  if (caller === null) throw tokenNotProvided();
  const tilde = reference.indexOf('~');
  let task: Task | undefined;
  if (tilde === -1) {
    task = context.state.tasks.get(reference);
  } else {
    const username = reference.slice(0, tilde);
    const owner = username === '' ? caller : context.state.userByName(username);
    task = owner === undefined ? undefined : context.state.taskByName(owner.id, reference.slice(tilde + 1));
  }
  if (task === undefined || task.userId !== caller.id) throw objectNotFound(context, 'Actor task');
  return task;
}

/** A run of the task by id, or `last`: its newest run, optionally with a given status. */
export function findTaskRun(context: EmulatorContext, task: Task, runId: string, status?: string): Run {
  if (runId === 'last') {
    for (let index = task.runs.length - 1; index >= 0; index -= 1) {
      const run = task.runs[index]!;
      if (status === undefined || run.status === status) return run;
    }
    throw objectNotFound(context, 'Actor run');
  }
  const run = task.runs.find((candidate) => candidate.id === runId);
  if (run === undefined) throw objectNotFound(context, 'Actor run');
  return run;
}

export async function taskRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  const { state } = context;
  const taskOf = (request: TaskRequest) => findTask(context, request, request.params.actorTaskId);

  app.get<{ Querystring: PaginationQuery }>('/', { schema: { querystring: listQuery } }, async (request) => {
    const caller = callerOf(request);
    const tasks = [...state.tasks.values()].filter((task) => task.userId === caller.id);
    // Fault task-list-not-paginated: the caller's tasks are answered as a bare array.
    if (context.faults.has('task-list-not-paginated')) return { data: tasks.map(taskShortView(context)) };
    return { data: paginate(tasks, request.query, pageLimits(context), taskShortView(context)) };
  });

  app.post<{ Body: TaskBody }>(
    '/',
    {
      schema: {
        body: {
          type: 'object',
          required: ['actId'],
          properties: { actId: { type: 'string', minLength: 1 }, name: { type: 'string', pattern: TASK_NAME }, options: optionsSchema, input: inputSchema },
        },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const actor = findActor(context, request, request.body.actId!, 'read');
      const name = request.body.name ?? `${actor.name}-task-${newId().slice(0, 5).toLowerCase()}`;
      if (state.taskByName(caller.id, name) !== undefined) throw taskNameNotUnique(name);
      const now = state.clock.iso();
      const task: Task = {
        id: newId(),
        userId: caller.id,
        actId: actor.id,
        name,
        username: caller.username,
        createdAt: now,
        modifiedAt: now,
        removedAt: null,
        stats: { totalRuns: 0 },
        options: { build: null, timeoutSecs: null, memoryMbytes: null, ...request.body.options },
        input: { ...request.body.input },
        runs: [],
      };
      state.tasks.set(task.id, task);
      reply.code(context.faults.has('task-create-200') ? 200 : 201).header('location', `${context.baseUrl()}/v2/actor-tasks/${task.id}`);
      return { data: taskView(task) };
    },
  );

  app.get<{ Params: { actorTaskId: string } }>('/:actorTaskId', { schema: { params: taskIdParams } }, async (request) => {
    const task = taskView(taskOf(request));
    // Fault task-get-without-data: the task is answered without the data envelope.
    return context.faults.has('task-get-without-data') ? task : { data: task };
  });

  app.put<{ Params: { actorTaskId: string }; Body: TaskBody }>(
    '/:actorTaskId',
    {
      schema: {
        params: taskIdParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { ...readOnlyTaskProperties, name: { type: 'string', pattern: TASK_NAME }, options: optionsSchema, input: inputSchema },
        },
      },
    },
    async (request, reply) => {
      const task = taskOf(request);
      const { name, options, input } = request.body;
      if (name !== undefined && name !== task.name) {
        if (state.taskByName(task.userId, name) !== undefined) throw taskNameNotUnique(name);
        task.name = name;
      }
      if (options !== undefined) task.options = options === null ? { build: null, timeoutSecs: null, memoryMbytes: null } : { ...task.options, ...options };
      if (input !== undefined) task.input = { ...input };
      task.modifiedAt = state.clock.iso();
      // Fault task-update-204: the update is answered like a delete.
      if (context.faults.has('task-update-204')) return reply.code(204).send();
      return { data: taskView(task) };
    },
  );

  app.delete<{ Params: { actorTaskId: string } }>('/:actorTaskId', { schema: { params: taskIdParams } }, async (request, reply) => {
    const task = taskOf(request);
    state.tasks.delete(task.id);
    // Fault task-delete-200: the deleted task is answered with 200.
    if (context.faults.has('task-delete-200')) return reply.code(200).send({ data: taskView(task) });
    return reply.code(204).send();
  });

  app.get<{ Params: { actorTaskId: string } }>('/:actorTaskId/input', { schema: { params: taskIdParams } }, async (request) => {
    const { input } = taskOf(request);
    // Fault task-input-wrapped: the input is wrapped in a data member like the other objects.
    return context.faults.has('task-input-wrapped') ? { data: input } : input;
  });

  app.put<{ Params: { actorTaskId: string }; Body: Record<string, unknown> }>(
    '/:actorTaskId/input',
    { schema: { params: taskIdParams, body: { type: 'object' } } },
    async (request) => {
      const task = taskOf(request);
      // Fault task-input-update-replaces: the body replaces the whole input instead of the keys it names.
      task.input = context.faults.has('task-input-update-replaces') ? { ...request.body } : { ...task.input, ...request.body };
      task.modifiedAt = state.clock.iso();
      return task.input;
    },
  );

  app.get<{ Params: { actorTaskId: string }; Querystring: PaginationQuery }>(
    '/:actorTaskId/webhooks',
    { schema: { params: taskIdParams, querystring: listQuery } },
    async (request) => {
      const task = taskOf(request);
      const webhooks = [...state.webhooks.values()].filter((webhook) => webhook.userId === task.userId && webhook.condition.actorTaskId === task.id);
      // Fault task-webhooks-list-not-paginated: the task's webhooks are answered as a bare array.
      if (context.faults.has('task-webhooks-list-not-paginated')) return { data: webhooks };
      return webhookPage(context, webhooks, request.query);
    },
  );

  app.get<{ Params: { actorTaskId: string }; Querystring: PaginationQuery }>(
    '/:actorTaskId/runs',
    { schema: { params: taskIdParams, querystring: listQuery } },
    async (request) => {
      const { runs } = taskOf(request);
      // Fault task-runs-list-not-paginated: the task's runs are answered as a bare array.
      if (context.faults.has('task-runs-list-not-paginated')) return { data: runs.map(runShortView) };
      return { data: paginate(runs, request.query, pageLimits(context), runShortView) };
    },
  );

  app.post<{ Params: { actorTaskId: string }; Querystring: RunOptionsQuery & { waitForFinish?: number } }>(
    '/:actorTaskId/runs',
    {
      schema: { params: taskIdParams, querystring: { type: 'object', properties: { ...runOptionsQuerySchema, waitForFinish: queryNumber(0) } } },
      config: { rateLimit: 'high', rawBody: true },
    },
    async (request, reply) => {
      const task = taskOf(request);
      const run = startTaskRun(context, request, task, true);
      reply.code(201).header('location', `${context.baseUrl()}/v2/actor-tasks/${task.id}/runs/${run.id}`);
      return { data: await waitForFinish(context.waiters, run, request.query.waitForFinish, context.options.maxWaitSecs) };
    },
  );

  for (const method of ['POST', 'GET'] as const) {
    app.route<{ Params: { actorTaskId: string }; Querystring: RunSyncQuery }>({
      method,
      url: '/:actorTaskId/run-sync',
      schema: { params: taskIdParams, querystring: runSyncQuerySchema },
      config: { rawBody: true },
      handler: async (request, reply) => {
        const task = taskOf(request);
        // Fault task-run-sync-get-ignores-task-input: GET runs the task's actor as Run actor synchronously would.
        const run =
          method === 'GET' && context.faults.has('task-run-sync-get-ignores-task-input')
            ? startRunFromRequest(context, request, findActor(context, request, task.actId, 'read'), false)
            : startTaskRun(context, request, task, method === 'POST');
        // Fault task-run-sync-post-200: POST answers 200 instead of 201.
        const status = method === 'POST' && context.faults.has('task-run-sync-post-200') ? 200 : 201;
        return answerRunSync(context, reply, run, request.query.outputRecordKey, status);
      },
    });
  }
}

function startTaskRun(context: EmulatorContext, request: FastifyRequest<{ Querystring: RunOptionsQuery }>, task: Task, withInput: boolean): Run {
  const actor = findActor(context, request, task.actId, 'read');
  return startRunFromRequest(context, request, actor, withInput, task);
}
