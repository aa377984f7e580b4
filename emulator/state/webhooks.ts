// Webhooks and their dispatches. A webhook is kept in the API's own shape plus its idempotency key; ad-hoc webhooks
// (the `webhooks` parameter of a run start) are webhooks bound to that one run.
import { newId } from './ids.ts';
import type { EmulatorState } from './store.ts';
import type { Run, Webhook } from './types.ts';

export interface WebhookFields {
  eventTypes: string[];
  condition: Webhook['condition'];
  requestUrl: string;
  payloadTemplate?: string | null;
  ignoreSslErrors?: boolean | null;
  doNotRetry?: boolean | null;
  isAdHoc?: boolean | null;
  idempotencyKey?: string | null;
}

export type AdHocWebhookInput = Omit<WebhookFields, 'condition' | 'isAdHoc'>;

/** The user's webhook with this idempotency key, if any. */
export function webhookByIdempotencyKey(state: EmulatorState, userId: string, key: string): Webhook | undefined {
  for (const webhook of state.webhooks.values()) if (webhook.userId === userId && webhook.idempotencyKey === key) return webhook;
  return undefined;
}

export function createWebhook(state: EmulatorState, userId: string, fields: WebhookFields): Webhook {
  const now = state.clock.iso();
  const webhook: Webhook = {
    id: newId(),
    createdAt: now,
    modifiedAt: now,
    userId,
    isAdHoc: fields.isAdHoc ?? false,
    eventTypes: [...fields.eventTypes],
    condition: {
      actorId: fields.condition.actorId ?? null,
      actorTaskId: fields.condition.actorTaskId ?? null,
      actorRunId: fields.condition.actorRunId ?? null,
    },
    ignoreSslErrors: fields.ignoreSslErrors ?? false,
    doNotRetry: fields.doNotRetry ?? false,
    requestUrl: fields.requestUrl,
    payloadTemplate: fields.payloadTemplate ?? null,
    lastDispatch: null,
    stats: { totalDispatches: 0 },
    idempotencyKey: fields.idempotencyKey ?? null,
  };
  state.webhooks.set(webhook.id, webhook);
  return webhook;
}

/** The run's ad-hoc webhooks; one whose idempotency key the user has already used creates nothing. */
export function addAdHocWebhooks(state: EmulatorState, run: Run, inputs: readonly AdHocWebhookInput[]): void {
  for (const input of inputs) {
    if (input.idempotencyKey && webhookByIdempotencyKey(state, run.userId, input.idempotencyKey) !== undefined) continue;
    createWebhook(state, run.userId, { ...input, isAdHoc: true, condition: { actorId: null, actorTaskId: null, actorRunId: run.id } });
  }
}

/** The webhook as the API answers with it (without the stored idempotency key). */
export function webhookView(webhook: Webhook) {
  const { idempotencyKey: _key, ...view } = webhook;
  return view;
}
