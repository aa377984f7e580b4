// Webhooks that fire: each event of a run or build that a webhook listens to (its event types and its condition)
// becomes one dispatch, delivered as a POST of the rendered payload to the webhook's requestUrl. A call answered
// 2xx makes the dispatch SUCCEEDED; any other answer (or none) is retried after a delay that doubles each time,
// starting at the emulator's webhookRetryMs (the platform: about a minute), up to 11 retries; then it is FAILED.
// `doNotRetry` makes one call only. Every call is recorded on the dispatch.

import type { Faults } from '../faults/faults.ts';
import { newId } from '../state/ids.ts';
import type { EmulatorState } from '../state/store.ts';
import type { Webhook, WebhookDispatch, WebhookDispatchCall } from '../state/types.ts';
import type { JobEvent, JobEvents } from './job-events.ts';

const MAX_RETRIES = 11;
const CALL_TIMEOUT_MS = 30_000;
const MAX_RECORDED_BODY_CHARS = 10_000;

export interface DispatcherContext {
  state: EmulatorState;
  faults: Faults;
  /** Delay before the first retry, in milliseconds; each later retry waits twice as long as the one before. */
  retryMs: number;
  /** The emulator's API root: calls to it carry the webhook owner's token, as the platform adds it to its own API. */
  apiBaseUrl(): string;
}

/** What a payload template can name: the event and the resource it is about. */
interface PayloadVariables {
  userId: string;
  createdAt: string;
  eventType: string;
  eventData: WebhookDispatch['eventData'];
  resource: unknown;
  globals: { dateISO: string; dateUnix: number };
}

export const PAYLOAD_ROOTS = ['userId', 'createdAt', 'eventType', 'eventData', 'resource', 'globals'] as const;
const VARIABLE = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;

/** The variables of a template that name nothing a payload has; empty when the template is valid. */
export function unknownTemplateVariables(template: string): string[] {
  return [...template.matchAll(VARIABLE)].map((match) => match[1]!).filter((path) => !(PAYLOAD_ROOTS as readonly string[]).includes(path.split('.')[0]!));
}

export class WebhookDispatcher implements JobEvents {
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly context: DispatcherContext) {}

  emit(event: JobEvent): void {
    if (this.closed) return;
    // The resource as a GET would show it now; matching waits a tick, so ad-hoc webhooks of a run just started count.
    const resource = structuredClone('run' in event ? event.run : event.build);
    const now = this.context.state.clock.iso();
    setImmediate(() => {
      for (const webhook of this.matching(event)) this.dispatch(webhook, event, resource, now);
    });
  }

  /** Stops retries; nothing new is sent. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private matching(event: JobEvent): Webhook[] {
    const { faults } = this.context;
    const job = 'run' in event ? event.run : event.build;
    const taskId = 'run' in event ? event.run.actorTaskId : null;
    const runId = 'run' in event ? event.run.id : null;
    return [...this.context.state.webhooks.values()].filter((webhook) => {
      if (webhook.userId !== job.userId || !webhook.eventTypes.includes(event.type)) return false;
      const { actorId, actorTaskId, actorRunId } = webhook.condition;
      // Fault webhook-condition-ignored: every webhook of the user listens to every actor.
      if (faults.has('webhook-condition-ignored')) return true;
      if (actorRunId !== null) return actorRunId === runId;
      if (actorTaskId !== null) return actorTaskId === taskId;
      return actorId !== null && actorId === job.actId;
    });
  }

  private dispatch(webhook: Webhook, event: JobEvent, resource: unknown, createdAt: string): void {
    const eventData: WebhookDispatch['eventData'] =
      'run' in event
        ? { actorId: event.run.actId, actorTaskId: event.run.actorTaskId, actorRunId: event.run.id }
        : { actorId: event.build.actId, actorTaskId: null, actorBuildId: event.build.id };
    const variables: PayloadVariables = {
      userId: webhook.userId,
      createdAt,
      eventType: event.type,
      eventData,
      resource,
      globals: { dateISO: createdAt, dateUnix: Date.parse(createdAt) },
    };
    const body = renderPayload(webhook.payloadTemplate, variables);
    // Fault webhook-fires-twice: every event is delivered twice, as two dispatches.
    const deliveries = this.context.faults.has('webhook-fires-twice') ? 2 : 1;
    for (let delivery = 0; delivery < deliveries; delivery += 1) {
      const dispatch: WebhookDispatch = {
        id: newId(),
        createdAt,
        webhookId: webhook.id,
        userId: webhook.userId,
        status: 'ACTIVE',
        eventType: event.type,
        eventData,
        calls: [],
      };
      this.context.state.dispatches.set(dispatch.id, dispatch);
      webhook.stats.totalDispatches += 1;
      void this.call(webhook, dispatch, body, 0);
    }
  }

  private async call(webhook: Webhook, dispatch: WebhookDispatch, body: string, retries: number): Promise<void> {
    if (this.closed) return;
    const call: WebhookDispatchCall = {
      startedAt: this.context.state.clock.iso(),
      finishedAt: null,
      responseStatus: null,
      responseBody: null,
      errorMessage: null,
    };
    dispatch.calls.push(call);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-apify-webhook': webhook.id,
      'x-apify-webhook-dispatch-id': dispatch.id,
      'x-apify-request-origin': 'WEBHOOK',
    };
    const owner = this.context.state.userById(webhook.userId);
    if (owner !== undefined && isOwnApi(webhook.requestUrl, this.context.apiBaseUrl())) headers.authorization = `Bearer ${owner.token}`;
    try {
      const response = await fetch(webhook.requestUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
      call.responseStatus = response.status;
      call.responseBody = (await response.text()).slice(0, MAX_RECORDED_BODY_CHARS);
    } catch (error) {
      call.errorMessage = error instanceof Error ? error.message : String(error);
    }
    call.finishedAt = this.context.state.clock.iso();
    const succeeded = call.responseStatus !== null && call.responseStatus >= 200 && call.responseStatus < 300;
    // Fault webhook-not-retried: a failed call is never tried again.
    const retry = !succeeded && !webhook.doNotRetry && retries < MAX_RETRIES && !this.context.faults.has('webhook-not-retried');
    if (retry) {
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          void this.call(webhook, dispatch, body, retries + 1);
        },
        this.context.retryMs * 2 ** retries,
      );
      timer.unref();
      this.timers.add(timer);
      return;
    }
    dispatch.status = succeeded ? 'SUCCEEDED' : 'FAILED';
    webhook.lastDispatch = { status: dispatch.status, finishedAt: call.finishedAt };
  }
}

/** A call to the API on the emulator's own host (any port: a proxy in front of it counts), whose path starts /v2/. */
function isOwnApi(requestUrl: string, apiBaseUrl: string): boolean {
  try {
    const url = new URL(requestUrl);
    return url.hostname === new URL(apiBaseUrl).hostname && url.pathname.startsWith('/v2/');
  } catch {
    return false;
  }
}

/** The body of a call: the template with each {{path}} replaced by the JSON of that value, or the default payload. */
export function renderPayload(template: string | null, variables: PayloadVariables): string {
  const { globals: _globals, ...defaults } = variables;
  if (template === null || template === '') return JSON.stringify(defaults);
  return template.replace(VARIABLE, (_match, path: string) => {
    let value: unknown = variables;
    for (const part of path.split('.')) {
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    }
    return JSON.stringify(value ?? null);
  });
}
