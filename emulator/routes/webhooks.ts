// Webhooks: the caller's webhooks (/v2/webhooks: list, create with an idempotency key, get, partial update, delete),
// the dispatches of one webhook, and the webhooks of an actor (under the actor path families). Lists are paginated by
// createdAt. Another user's webhook is not found (404).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidInput, recordNotFound } from '../errors.ts';
import { callerOf } from '../http/auth.ts';
import { type PaginationQuery, pageLimits, paginate, paginationQuerySchema } from '../http/pagination.ts';
import { unknownTemplateVariables } from '../jobs/webhook-dispatcher.ts';
import type { Webhook, WebhookDispatch } from '../state/types.ts';
import { createWebhook, type WebhookFields, webhookByIdempotencyKey, webhookView } from '../state/webhooks.ts';
import { actorIdParams } from './actors.ts';
import type { EmulatorContext, RoutePluginOptions } from './context.ts';
import { findActor } from './lookup.ts';
import { WEBHOOK_EVENT_TYPES } from './run-start.ts';
import { dispatchView } from './webhook-dispatches.ts';

const listQuery = { type: 'object', properties: paginationQuerySchema } as const;
const webhookIdParams = { type: 'object', required: ['webhookId'], properties: { webhookId: { type: 'string', minLength: 1 } } } as const;
const nullableId = { type: ['string', 'null'] } as const;

const webhookProperties = {
  isAdHoc: { type: ['boolean', 'null'] },
  eventTypes: { type: 'array', minItems: 1, items: { type: 'string' } },
  condition: {
    type: 'object',
    properties: { actorId: nullableId, actorTaskId: nullableId, actorRunId: nullableId },
  },
  idempotencyKey: { type: ['string', 'null'] },
  ignoreSslErrors: { type: ['boolean', 'null'] },
  doNotRetry: { type: ['boolean', 'null'] },
  requestUrl: { type: 'string' },
  payloadTemplate: { type: ['string', 'null'] },
} as const;

type WebhookBody = Partial<WebhookFields>;

/** An actor's webhooks: those whose condition names it, and the ad-hoc ones of its runs. */
export async function actorWebhookRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  app.get<{ Params: { actorId: string }; Querystring: PaginationQuery }>(
    '/:actorId/webhooks',
    { schema: { params: actorIdParams, querystring: listQuery } },
    async (request) => {
      const caller = callerOf(request);
      const actor = findActor(context, request, request.params.actorId, 'read');
      const runIds = new Set(actor.runs.map((run) => run.id));
      const webhooks = [...context.state.webhooks.values()].filter(
        (webhook) =>
          webhook.userId === caller.id &&
          (webhook.condition.actorId === actor.id || (webhook.condition.actorRunId !== null && runIds.has(webhook.condition.actorRunId))),
      );
      return webhookPage(context, webhooks, request.query);
    },
  );
}

export function webhookPage(context: EmulatorContext, webhooks: Webhook[], query: PaginationQuery) {
  // Fault webhooks-list-not-paginated: the caller's webhooks are answered as a bare array.
  if (context.faults.has('webhooks-list-not-paginated')) return { data: webhooks.map(webhookView) };
  return { data: paginate(webhooks, query, pageLimits(context), webhookView) };
}

/** Fault webhook-list-without-condition: the list's items are a short form without their condition. */
function withoutCondition(page: ReturnType<typeof webhookPage>) {
  const { data } = page;
  if (Array.isArray(data)) return page;
  return { data: { ...data, items: data.items.map(({ condition: _condition, ...rest }) => rest) } };
}

/** /v2/webhooks */
export async function webhookRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  const { state } = context;

  app.get<{ Querystring: PaginationQuery }>('/', { schema: { querystring: listQuery } }, async (request) => {
    const caller = callerOf(request);
    const page = webhookPage(
      context,
      [...state.webhooks.values()].filter((webhook) => webhook.userId === caller.id),
      request.query,
    );
    return context.faults.has('webhook-list-without-condition') ? withoutCondition(page) : page;
  });

  app.post<{ Body: WebhookBody }>(
    '/',
    { schema: { body: { type: 'object', required: ['eventTypes', 'condition', 'requestUrl'], properties: webhookProperties } } },
    async (request, reply) => {
      const caller = callerOf(request);
      const fields = checkWebhookFields(request.body as WebhookFields);
      const key = fields.idempotencyKey;
      // Fault webhook-idempotency-ignored: every create makes a new webhook.
      const existing = key && !context.faults.has('webhook-idempotency-ignored') ? webhookByIdempotencyKey(state, caller.id, key) : undefined;
      const webhook = existing ?? createWebhook(state, caller.id, fields);
      reply.code(context.faults.has('webhook-create-200') ? 200 : 201).header('location', `${context.baseUrl()}/v2/webhooks/${webhook.id}`);
      return { data: webhookView(webhook) };
    },
  );

  app.get<{ Params: { webhookId: string } }>('/:webhookId', { schema: { params: webhookIdParams } }, async (request) => {
    const webhook = webhookView(ownWebhook(context, request, request.params.webhookId));
    // Fault webhook-get-without-data: the webhook is answered without the data envelope.
    return context.faults.has('webhook-get-without-data') ? webhook : { data: webhook };
  });

  app.put<{ Params: { webhookId: string }; Body: WebhookBody }>(
    '/:webhookId',
    { schema: { params: webhookIdParams, body: { type: 'object', properties: webhookProperties } } },
    async (request, reply) => {
      const webhook = ownWebhook(context, request, request.params.webhookId);
      const body = request.body;
      const merged = checkWebhookFields({
        eventTypes: body.eventTypes ?? webhook.eventTypes,
        condition: body.condition ?? webhook.condition,
        requestUrl: body.requestUrl ?? webhook.requestUrl,
        payloadTemplate: body.payloadTemplate === undefined ? webhook.payloadTemplate : body.payloadTemplate,
      });
      webhook.eventTypes = [...merged.eventTypes];
      if (body.condition !== undefined && body.condition !== null) {
        webhook.condition = {
          actorId: body.condition.actorId ?? null,
          actorTaskId: body.condition.actorTaskId ?? null,
          actorRunId: body.condition.actorRunId ?? null,
        };
      }
      webhook.requestUrl = merged.requestUrl;
      webhook.payloadTemplate = merged.payloadTemplate ?? null;
      for (const flag of ['isAdHoc', 'ignoreSslErrors', 'doNotRetry'] as const) {
        const value = body[flag];
        if (value !== undefined && value !== null) webhook[flag] = value;
      }
      webhook.modifiedAt = state.clock.iso();
      // Fault webhook-update-204: the update is answered like a delete.
      if (context.faults.has('webhook-update-204')) return reply.code(204).send();
      return { data: webhookView(webhook) };
    },
  );

  app.delete<{ Params: { webhookId: string } }>('/:webhookId', { schema: { params: webhookIdParams } }, async (request, reply) => {
    const webhook = ownWebhook(context, request, request.params.webhookId);
    state.webhooks.delete(webhook.id);
    // Fault webhook-delete-200: the deleted webhook is answered with 200.
    if (context.faults.has('webhook-delete-200')) return reply.code(200).send({ data: webhookView(webhook) });
    return reply.code(204).send();
  });

  app.get<{ Params: { webhookId: string }; Querystring: PaginationQuery }>(
    '/:webhookId/dispatches',
    { schema: { params: webhookIdParams, querystring: listQuery } },
    async (request) => {
      const webhook = ownWebhook(context, request, request.params.webhookId);
      const dispatches = [...state.dispatches.values()].filter((dispatch) => dispatch.webhookId === webhook.id);
      // Fault dispatches-list-not-paginated: the dispatches are answered as a bare array.
      const view = (dispatch: WebhookDispatch) => dispatchView(dispatch, context.faults);
      if (context.faults.has('dispatches-list-not-paginated')) return { data: dispatches.map(view) };
      return { data: paginate(dispatches, request.query, pageLimits(context), view) };
    },
  );
}

function ownWebhook(context: EmulatorContext, request: FastifyRequest, webhookId: string): Webhook {
  const caller = callerOf(request);
  const webhook = context.state.webhooks.get(webhookId);
  if (webhook === undefined || webhook.userId !== caller.id) throw recordNotFound('Webhook');
  return webhook;
}

/** The rules the body schema cannot say: known event types, one condition, an http(s) URL, known template variables. */
function checkWebhookFields(fields: WebhookFields): WebhookFields {
  const unknown = fields.eventTypes.filter((type) => !WEBHOOK_EVENT_TYPES.has(type));
  if (unknown.length > 0) throw invalidInput(`Unknown webhook event types: ${unknown.join(', ')}; known: ${[...WEBHOOK_EVENT_TYPES].join(', ')}`);
  const { actorId, actorTaskId, actorRunId } = fields.condition;
  if (!actorId && !actorTaskId && !actorRunId) throw invalidInput('The webhook condition must name an actorId, an actorTaskId or an actorRunId');
  if (!/^https?:\/\/\S+$/.test(fields.requestUrl)) throw invalidInput('requestUrl must be an http or https URL');
  const variables = fields.payloadTemplate ? unknownTemplateVariables(fields.payloadTemplate) : [];
  if (variables.length > 0) throw invalidInput(`The payload template names unknown variables: ${variables.join(', ')}`);
  return fields;
}
