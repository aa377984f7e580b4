// Builds. `actorBuildRoutes`: an actor's build collection (list by startedAt, build a version). `buildObjectRoutes`:
// one build, under its actor (/v2/acts/{actorId}/builds/{buildId}) or by id (/v2/actor-builds/{buildId}): get
// (waitForFinish), abort and log.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type PaginationQuery, pageLimits, paginate, paginationQuerySchema } from '../http/pagination.ts';
import { queryBoolean, queryNumber } from '../http/query.ts';
import { waitForFinish } from '../jobs/wait-for-finish.ts';
import type { Build } from '../state/types.ts';
import { actorIdParams } from './actors.ts';
import type { RoutePluginOptions } from './context.ts';
import { type LogQuery, logQuerySchema, sendLog } from './logs.ts';
import { findActor, findActorBuild, findBuild, requireOwner } from './lookup.ts';
import { metaOf } from './run-start.ts';
import { findVersion } from './versions.ts';
import { buildShortView } from './views.ts';

const waitQuerySchema = { waitForFinish: queryNumber(0) } as const;

const listSchema = { params: actorIdParams, querystring: { type: 'object', properties: paginationQuerySchema } } as const;

const buildSchema = {
  params: actorIdParams,
  querystring: {
    type: 'object',
    required: ['version'],
    properties: {
      version: { type: 'string', minLength: 1 },
      tag: { type: 'string', pattern: '^[a-zA-Z0-9._-]{1,64}$' },
      useCache: queryBoolean,
      betaPackages: queryBoolean,
      ...waitQuerySchema,
    },
  },
} as const;

interface BuildQuery {
  version: string;
  tag?: string;
  useCache?: boolean;
  betaPackages?: boolean;
  waitForFinish?: number;
}

export async function actorBuildRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  app.get<{ Params: { actorId: string }; Querystring: PaginationQuery }>('/:actorId/builds', { schema: listSchema }, async (request) => {
    const actor = findActor(context, request, request.params.actorId, 'read');
    // Fault builds-list-newest-first: the list is kept newest first, so the default order and desc=1 are swapped.
    const builds = context.faults.has('builds-list-newest-first') ? [...actor.builds].reverse() : actor.builds;
    return { data: paginate(builds, request.query, pageLimits(context), buildShortView) };
  });

  app.post<{ Params: { actorId: string }; Querystring: BuildQuery }>('/:actorId/builds', { schema: buildSchema }, async (request, reply) => {
    const actor = findActor(context, request, request.params.actorId, 'write');
    const version = findVersion(actor, request.query.version);
    const build = context.builds.start({
      actor,
      version,
      tag: request.query.tag ?? version.buildTag,
      useCache: request.query.useCache ?? false,
      betaPackages: request.query.betaPackages ?? false,
      meta: metaOf(request),
    });
    reply.code(context.faults.has('build-actor-200') ? 200 : 201);
    reply.header('location', `${context.baseUrl()}${app.prefix}/${actor.id}/builds/${build.id}`);
    return { data: await waitForFinish(context.waiters, build, request.query.waitForFinish, context.options.maxWaitSecs) };
  });
}

export interface BuildObjectOptions extends RoutePluginOptions {
  /** actor: /{actorId}/builds/{buildId} inside an actor path family; id: /{buildId} under /v2/actor-builds. */
  scope: 'actor' | 'id';
}

interface BuildParams {
  actorId?: string;
  buildId: string;
}

export async function buildObjectRoutes(app: FastifyInstance, { context, scope }: BuildObjectOptions): Promise<void> {
  const base = scope === 'actor' ? '/:actorId/builds/:buildId' : '/:buildId';
  const params = {
    type: 'object',
    required: scope === 'actor' ? ['actorId', 'buildId'] : ['buildId'],
    properties: { ...actorIdParams.properties, buildId: { type: 'string', minLength: 1 } },
  } as const;

  const buildOf = (request: FastifyRequest<{ Params: BuildParams }>): Build => {
    if (scope === 'id') return findBuild(context, request.params.buildId);
    const actor = findActor(context, request, request.params.actorId!, 'any');
    return findActorBuild(context, actor, request.params.buildId);
  };

  app.get<{ Params: BuildParams; Querystring: { waitForFinish?: number } }>(
    base,
    { schema: { params, querystring: { type: 'object', properties: waitQuerySchema } }, config: { auth: 'optional' } },
    async (request) => {
      const build = buildOf(request);
      // Fault wait-for-finish-build-ignored: this route never passes waitForFinish on.
      const waitSecs = context.faults.has('wait-for-finish-build-ignored') ? undefined : request.query.waitForFinish;
      const answer = await waitForFinish(context.waiters, build, waitSecs, context.options.maxWaitSecs);
      // Fault get-build-missing-status: this endpoint's view of a build leaves status out.
      if (context.faults.has('get-build-missing-status')) return { data: { ...answer, status: undefined } };
      return { data: answer };
    },
  );

  app.post<{ Params: BuildParams }>(`${base}/abort`, { schema: { params } }, async (request) => {
    const build = buildOf(request);
    requireOwner(request, build);
    // Fault abort-build-ignored: the build is answered as it is and goes on.
    if (!context.faults.has('abort-build-ignored')) await context.builds.abort(build);
    return { data: build };
  });

  app.get<{ Params: BuildParams; Querystring: LogQuery }>(
    `${base}/log`,
    { schema: { params, querystring: { type: 'object', properties: logQuerySchema } }, config: { auth: 'optional' } },
    async (request, reply) => sendLog(reply, context.builds.logOf(buildOf(request).id), request.query, context.faults),
  );
}
