// Webhooks of an actor. The emulator stores the ad-hoc webhooks passed when a run starts; it does not send them.
import { newId } from './ids.ts';
import type { EmulatorState } from './store.ts';
import type { Actor, Run, Webhook } from './types.ts';

export interface AdHocWebhookInput {
  eventTypes: string[];
  requestUrl: string;
  payloadTemplate?: string;
  ignoreSslErrors?: boolean;
  doNotRetry?: boolean;
}

export function addAdHocWebhooks(state: EmulatorState, actor: Actor, run: Run, inputs: readonly AdHocWebhookInput[]): void {
  for (const input of inputs) {
    const now = state.clock.iso();
    const webhook: Webhook = {
      id: newId(),
      createdAt: now,
      modifiedAt: now,
      userId: run.userId,
      isAdHoc: true,
      eventTypes: [...input.eventTypes],
      condition: { actorId: null, actorTaskId: null, actorRunId: run.id },
      ignoreSslErrors: input.ignoreSslErrors ?? false,
      doNotRetry: input.doNotRetry ?? false,
      requestUrl: input.requestUrl,
      payloadTemplate: input.payloadTemplate ?? null,
      lastDispatch: null,
      stats: { totalDispatches: 0 },
    };
    actor.webhooks.push(webhook);
  }
}
