// Runs. `actorRunRoutes`: an actor's run collection (list by startedAt, start). `runObjectRoutes`: one run, either
// under its actor (/v2/acts/{actorId}/runs/{runId}, where runId may be `last`) or by id (/v2/actor-runs/{runId}):
// get (waitForFinish), abort, metamorph, resurrect and log.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidRequest, jobFinished } from '../errors.ts';
import { callerOf } from '../http/auth.ts';
import { rawBodyOf } from '../http/body-parsing.ts';
import { type PaginationQuery, pageLimits, paginate, paginationQuerySchema } from '../http/pagination.ts';
import { queryBoolean, queryInteger, queryNumber, queryString } from '../http/query.ts';
import { isTerminal } from '../jobs/status-machine.ts';
import { waitForFinish } from '../jobs/wait-for-finish.ts';
import { JOB_STATUSES, type Run } from '../state/types.ts';
import { actorIdParams } from './actors.ts';
import type { RoutePluginOptions } from './context.ts';
import { type LogQuery, logQuerySchema, sendLog } from './logs.ts';
import { findActor, findActorRun, findRun, requireOwner } from './lookup.ts';
import { checkMemory, inputOf, type RunOptionsQuery, resolveBuild, runOptionsQuerySchema, startRunFromRequest } from './run-start.ts';
import { findTask, findTaskRun, taskIdParams } from './tasks.ts';
import { runShortView } from './views.ts';

const waitQuerySchema = { waitForFinish: queryNumber(0) } as const;

const listSchema = {
  params: actorIdParams,
  querystring: { type: 'object', properties: { ...paginationQuerySchema, status: { type: 'string', enum: JOB_STATUSES } } },
} as const;

const startSchema = {
  params: actorIdParams,
  querystring: { type: 'object', properties: { ...runOptionsQuerySchema, ...waitQuerySchema } },
} as const;

export async function actorRunRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  app.get<{ Params: { actorId: string }; Querystring: PaginationQuery & { status?: Run['status'] } }>(
    '/:actorId/runs',
    { schema: listSchema },
    async (request) => {
      const caller = callerOf(request);
      const actor = findActor(context, request, request.params.actorId, 'read');
      const { status } = request.query;
      const runs = actor.runs.filter((run) => run.userId === caller.id && (status === undefined || run.status === status));
      return { data: paginate(runs, request.query, pageLimits(context), runShortView) };
    },
  );

  app.post<{ Params: { actorId: string }; Querystring: RunOptionsQuery & { waitForFinish?: number } }>(
    '/:actorId/runs',
    { schema: startSchema, config: { rateLimit: 'high', rawBody: true } },
    async (request, reply) => {
      const actor = findActor(context, request, request.params.actorId, 'read');
      const run = startRunFromRequest(context, request, actor, true);
      reply.code(context.faults.has('run-actor-200') ? 200 : 201);
      reply.header('location', `${context.baseUrl()}${app.prefix}/${actor.id}/runs/${run.id}`);
      return { data: await waitForFinish(context.waiters, run, request.query.waitForFinish, context.options.maxWaitSecs) };
    },
  );
}

export interface RunObjectOptions extends RoutePluginOptions {
  /**
   * actor: /{actorId}/runs/{runId} inside an actor path family; task: /{actorTaskId}/runs/{runId} under
   * /v2/actor-tasks; id: /{runId} under /v2/actor-runs.
   */
  scope: 'actor' | 'task' | 'id';
}

interface RunParams {
  actorId?: string;
  actorTaskId?: string;
  runId: string;
}

export async function runObjectRoutes(app: FastifyInstance, { context, scope }: RunObjectOptions): Promise<void> {
  const base = { actor: '/:actorId/runs/:runId', task: '/:actorTaskId/runs/:runId', id: '/:runId' }[scope];
  const params = {
    type: 'object',
    required: { actor: ['actorId', 'runId'], task: ['actorTaskId', 'runId'], id: ['runId'] }[scope],
    properties: { ...actorIdParams.properties, ...taskIdParams.properties, runId: { type: 'string', minLength: 1 } },
  } as const;
  const lastRunQuery = { status: { type: 'string', enum: JOB_STATUSES } } as const;

  const runOf = (request: FastifyRequest<{ Params: RunParams; Querystring: { status?: string } }>): Run => {
    if (scope === 'id') return findRun(context, request.params.runId);
    if (scope === 'task') {
      const task = findTask(context, request, request.params.actorTaskId!);
      // Fault task-last-run-not-found: `last` is looked up as a run id.
      if (context.faults.has('task-last-run-not-found') && request.params.runId === 'last') return findRun(context, 'last');
      // Fault last-run-ignores-status: `last` is the newest run, whatever its status.
      return findTaskRun(context, task, request.params.runId, context.faults.has('last-run-ignores-status') ? undefined : request.query.status);
    }
    const actor = findActor(context, request, request.params.actorId!, 'any');
    return findActorRun(context, request, actor, request.params.runId, context.faults.has('last-run-ignores-status') ? undefined : request.query.status);
  };

  app.get<{ Params: RunParams; Querystring: { waitForFinish?: number; status?: string } }>(
    base,
    {
      schema: { params, querystring: { type: 'object', properties: { ...waitQuerySchema, ...lastRunQuery } } },
      config: { auth: 'optional' },
    },
    async (request) => {
      const run = await waitForFinish(context.waiters, runOf(request), request.query.waitForFinish, context.options.maxWaitSecs);
      // Fault run-by-id-short-form: the by-id path answers the list item's short form.
      return { data: scope === 'id' && context.faults.has('run-by-id-short-form') ? runShortView(run) : run };
    },
  );

  app.post<{ Params: RunParams; Querystring: { gracefully?: boolean; status?: string } }>(
    `${base}/abort`,
    { schema: { params, querystring: { type: 'object', properties: { gracefully: queryBoolean, ...lastRunQuery } } } },
    async (request) => {
      const run = runOf(request);
      requireOwner(request, run);
      // Faults abort-run-ignored and (by id) abort-by-id-ignored: the run is answered as it is and goes on.
      const ignored = context.faults.has('abort-run-ignored') || (scope === 'id' && context.faults.has('abort-by-id-ignored'));
      if (!ignored) await context.runs.abort(run, request.query.gracefully === true);
      return { data: run };
    },
  );

  app.post<{ Params: RunParams; Querystring: { targetActorId: string; build?: string; status?: string } }>(
    `${base}/metamorph`,
    {
      schema: {
        params,
        querystring: {
          type: 'object',
          required: ['targetActorId'],
          properties: { targetActorId: { type: 'string', minLength: 1 }, build: queryString, ...lastRunQuery },
        },
      },
      config: { rateLimit: 'high', rawBody: true },
    },
    async (request) => {
      const run = runOf(request);
      const owner = requireOwner(request, run);
      if (run.status !== 'RUNNING' && run.status !== 'READY') {
        throw jobFinished(`Actor run ${run.id} has already finished (status ${run.status}); it cannot be metamorphed`);
      }
      const targetActor = findActor(context, request, request.query.targetActorId, 'read');
      const buildLabel = request.query.build ?? targetActor.defaultRunOptions.build;
      const build = resolveBuild(targetActor, buildLabel);
      if (context.faults.has('metamorph-new-run-id')) {
        // Fault metamorph-new-run-id: metamorph done as "start the target, stop the source".
        const { timeoutSecs, memoryMbytes } = run.options;
        const next = context.runs.start({
          actor: targetActor,
          build,
          buildLabel,
          user: owner,
          input: inputOf(request),
          timeoutSecs,
          memoryMbytes,
          meta: run.meta,
        });
        await context.runs.abort(run, false);
        return { data: next };
      }
      context.runs.metamorph(run, { actor: targetActor, build }, inputOf(request));
      return { data: run };
    },
  );

  app.post<{ Params: RunParams; Querystring: RunOptionsQuery & { status?: string } }>(
    `${base}/resurrect`,
    {
      schema: {
        params,
        querystring: {
          type: 'object',
          properties: { build: queryString, timeout: queryNumber(0), memory: queryInteger(128, 32768), ...lastRunQuery },
        },
      },
    },
    async (request) => {
      const run = runOf(request);
      requireOwner(request, run);
      // Fault resurrect-finished-run-refused: the check is the wrong way round, so a finished run cannot be resurrected.
      if (isTerminal(run.status) === context.faults.has('resurrect-finished-run-refused')) {
        throw invalidRequest(`Actor run ${run.id} is ${run.status}; only a finished run can be resurrected`);
      }
      const actor = context.state.actors.get(run.actId);
      const { build: buildLabel, timeout, memory } = request.query;
      const build = buildLabel !== undefined && actor !== undefined ? resolveBuild(actor, buildLabel) : undefined;
      context.runs.resurrect(run, { build, buildLabel, timeoutSecs: timeout, memoryMbytes: checkMemory(memory) });
      return { data: run };
    },
  );

  // The run's default storages through its own path (`.../runs/last/dataset/items` and the like): the same request,
  // answered by the storage's own route.
  const storagePaths = { dataset: ['/v2/datasets', 'defaultDatasetId'], 'key-value-store': ['/v2/key-value-stores', 'defaultKeyValueStoreId'] } as const;
  for (const [segment, [storageBase, member]] of Object.entries(storagePaths)) {
    app.route<{ Params: RunParams & { '*': string }; Querystring: { status?: string } }>({
      method: ['GET', 'POST', 'PUT', 'DELETE'],
      url: `${base}/${segment}/*`,
      schema: { params: { ...params, properties: { ...params.properties, '*': { type: 'string' } } } },
      config: { rawBody: true },
      handler: async (request, reply) => {
        const run = runOf(request);
        const query = new URLSearchParams(request.raw.url?.split('?')[1] ?? '');
        query.delete('status');
        const search = query.size > 0 ? `?${query}` : '';
        const { bytes, contentType } = rawBodyOf(request);
        const { 'content-length': _length, ...headers } = request.headers;
        const forwarded = await app.inject({
          method: request.method as 'GET' | 'POST' | 'PUT' | 'DELETE',
          url: `${storageBase}/${run[member]}/${request.params['*']}${search}`,
          headers: { ...headers, ...(contentType === undefined ? {} : { 'content-type': contentType }) },
          payload: bytes.length > 0 ? bytes : undefined,
        });
        const { connection: _connection, 'transfer-encoding': _encoding, 'content-length': _sent, ...answer } = forwarded.headers;
        return reply.code(forwarded.statusCode).headers(answer).send(forwarded.rawPayload);
      },
    });
  }

  app.get<{ Params: RunParams; Querystring: LogQuery & { status?: string } }>(
    `${base}/log`,
    {
      schema: { params, querystring: { type: 'object', properties: { ...logQuerySchema, ...lastRunQuery } } },
      config: { auth: 'optional' },
    },
    async (request, reply) => {
      const run = runOf(request);
      return sendLog(reply, context.runs.logOf(run.id), request.query, context.faults);
    },
  );
}
