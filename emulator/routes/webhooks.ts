// Webhooks of an actor: the caller's webhooks, paginated by createdAt.
import type { FastifyInstance } from 'fastify';
import { callerOf } from '../http/auth.ts';
import { type PaginationQuery, pageLimits, paginate, paginationQuerySchema } from '../http/pagination.ts';
import { actorIdParams } from './actors.ts';
import type { RoutePluginOptions } from './context.ts';
import { findActor } from './lookup.ts';

const listSchema = { params: actorIdParams, querystring: { type: 'object', properties: paginationQuerySchema } } as const;

export async function webhookRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  app.get<{ Params: { actorId: string }; Querystring: PaginationQuery }>('/:actorId/webhooks', { schema: listSchema }, async (request) => {
    const caller = callerOf(request);
    const actor = findActor(context, request, request.params.actorId, 'read');
    const webhooks = actor.webhooks.filter((webhook) => webhook.userId === caller.id);
    // Fault webhooks-list-not-paginated: the caller's webhooks are answered as a bare array.
    if (context.faults.has('webhooks-list-not-paginated')) return { data: webhooks };
    return { data: paginate(webhooks, request.query, pageLimits(context)) };
  });
}
