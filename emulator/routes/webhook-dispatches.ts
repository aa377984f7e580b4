// Webhook dispatches of the caller's webhooks: list (paginated by createdAt) and one by id; another user's is not
// found (404).
import type { FastifyInstance } from 'fastify';
import { recordNotFound } from '../errors.ts';
import type { Faults } from '../faults/faults.ts';
import { callerOf } from '../http/auth.ts';
import { type PaginationQuery, pageLimits, paginate, paginationQuerySchema } from '../http/pagination.ts';
import type { WebhookDispatch } from '../state/types.ts';
import type { RoutePluginOptions } from './context.ts';

/** A dispatch as the API answers with it: a copy, since its calls may still grow. */
export function dispatchView(dispatch: WebhookDispatch, faults: Faults) {
  // Fault dispatch-status-lowercase: the status is written in lower case.
  const status = faults.has('dispatch-status-lowercase') ? dispatch.status.toLowerCase() : dispatch.status;
  return { ...dispatch, status, eventData: { ...dispatch.eventData }, calls: dispatch.calls.map((call) => ({ ...call })) };
}

/** /v2/webhook-dispatches */
export async function webhookDispatchRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  app.get<{ Querystring: PaginationQuery }>('/', { schema: { querystring: { type: 'object', properties: paginationQuerySchema } } }, async (request) => {
    const caller = callerOf(request);
    // Fault dispatches-of-other-users-listed: the list is not filtered by owner.
    const everyone = context.faults.has('dispatches-of-other-users-listed');
    const dispatches = [...context.state.dispatches.values()].filter((dispatch) => everyone || dispatch.userId === caller.id);
    return { data: paginate(dispatches, request.query, pageLimits(context), (dispatch) => dispatchView(dispatch, context.faults)) };
  });

  app.get<{ Params: { dispatchId: string } }>(
    '/:dispatchId',
    { schema: { params: { type: 'object', required: ['dispatchId'], properties: { dispatchId: { type: 'string', minLength: 1 } } } } },
    async (request) => {
      const caller = callerOf(request);
      const dispatch = context.state.dispatches.get(request.params.dispatchId);
      if (dispatch === undefined || dispatch.userId !== caller.id) throw recordNotFound('Webhook dispatch');
      // Fault dispatch-object-stale: the dispatch by id is answered as it was when created, before its calls.
      if (context.faults.has('dispatch-object-stale')) return { data: { ...dispatchView(dispatch, context.faults), status: 'ACTIVE', calls: [] } };
      return { data: dispatchView(dispatch, context.faults) };
    },
  );
}
