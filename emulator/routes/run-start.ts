// Starting a run, shared by Run actor, Run task and the run-sync endpoints: the query options (timeout, memory, build,
// ad-hoc webhooks), the input (the request body with its content type; for a task, laid over the task input key by
// key) and the build the run uses. A task's options stand between the query and the actor's defaults.
import type { FastifyRequest } from 'fastify';
import { buildNotFound, buildNotSucceeded, invalidInput, invalidParameter, unknownBuildTag } from '../errors.ts';
import { callerOf } from '../http/auth.ts';
import { isJsonMediaType, rawBodyOf } from '../http/body-parsing.ts';
import { queryInteger, queryNumber, queryString } from '../http/query.ts';
import type { Actor, Build, JobMeta, Run, StoredRecord, Task } from '../state/types.ts';
import { type AdHocWebhookInput, addAdHocWebhooks } from '../state/webhooks.ts';
import type { EmulatorContext } from './context.ts';

export const runOptionsQuerySchema = {
  timeout: queryNumber(0),
  memory: queryInteger(128, 32768),
  build: queryString,
  webhooks: queryString,
} as const;

export interface RunOptionsQuery {
  timeout?: number;
  memory?: number;
  build?: string;
  webhooks?: string;
}

export const WEBHOOK_EVENT_TYPES: ReadonlySet<string> = new Set([
  'ACTOR.RUN.CREATED',
  'ACTOR.RUN.SUCCEEDED',
  'ACTOR.RUN.FAILED',
  'ACTOR.RUN.TIMED_OUT',
  'ACTOR.RUN.ABORTED',
  'ACTOR.RUN.RESURRECTED',
  'ACTOR.BUILD.CREATED',
  'ACTOR.BUILD.SUCCEEDED',
  'ACTOR.BUILD.FAILED',
  'ACTOR.BUILD.TIMED_OUT',
  'ACTOR.BUILD.ABORTED',
]);

/** Starts a run of `actor` (through `task`, when given) for the caller from the request's query and body. */
export function startRunFromRequest(
  context: EmulatorContext,
  request: FastifyRequest<{ Querystring: RunOptionsQuery }>,
  actor: Actor,
  withInput: boolean,
  task?: Task,
): Run {
  const user = callerOf(request);
  const { query } = request;
  const defaults = actor.defaultRunOptions;
  // Faults run-memory-ignored and run-build-ignored: the run gets the actor's default memory or build, whatever was asked.
  const askedMemory = context.faults.has('run-memory-ignored') ? undefined : checkMemory(query.memory);
  const memoryMbytes = askedMemory ?? task?.options.memoryMbytes ?? defaults.memoryMbytes;
  const buildLabel = (context.faults.has('run-build-ignored') ? undefined : query.build) ?? task?.options.build ?? defaults.build;
  const build = resolveBuild(actor, buildLabel);
  const webhooks = query.webhooks === undefined ? [] : parseWebhooks(query.webhooks);
  const ownInput = withInput ? inputOf(request) : null;
  const run = context.runs.start({
    actor,
    build,
    buildLabel,
    user,
    input: task === undefined ? ownInput : taskRunInput(context, task, ownInput),
    timeoutSecs: query.timeout ?? task?.options.timeoutSecs ?? defaults.timeoutSecs,
    memoryMbytes,
    meta: metaOf(request),
    actorTaskId: task?.id ?? null,
  });
  addAdHocWebhooks(context.state, run, webhooks);
  return run;
}

/**
 * The input of a task run: the task input with the run's own JSON object laid over it, top-level key by key (a key
 * the run's input has wins, the others come from the task). A run input that is not a JSON object replaces the task
 * input whole; no run input means the task input.
 */
function taskRunInput(context: EmulatorContext, task: Task, own: StoredRecord | null): StoredRecord {
  let overrides: Record<string, unknown> = {};
  if (own !== null) {
    const parsed: unknown = isJsonMediaType(own.contentType) ? JSON.parse(own.value.toString('utf8')) : undefined;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return own;
    overrides = parsed as Record<string, unknown>;
  }
  // Fault task-input-not-merged: a run input replaces the whole task input.
  const merged = context.faults.has('task-input-not-merged') && own !== null ? overrides : { ...task.input, ...overrides };
  return { value: Buffer.from(JSON.stringify(merged)), contentType: 'application/json; charset=utf-8' };
}

export function metaOf(request: FastifyRequest): JobMeta {
  return { origin: 'API', clientIp: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/** "Memory limit for the run, in megabytes": a power of two from 128 to 32768. */
export function checkMemory(memory: number | undefined): number | undefined {
  if (memory !== undefined && (memory & (memory - 1)) !== 0) {
    throw invalidParameter(`Parameter "memory" must be a power of 2 between 128 and 32768, got ${memory}`);
  }
  return memory;
}

/** The body as the run's input record; a JSON body must parse. No body means no input. */
export function inputOf(request: FastifyRequest): StoredRecord | null {
  const { bytes, contentType } = rawBodyOf(request);
  if (bytes.length === 0) return null;
  const type = contentType ?? 'application/octet-stream';
  if (isJsonMediaType(type)) {
    try {
      JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      throw invalidInput(`The input is sent as JSON but is not valid JSON: ${(error as Error).message}`);
    }
  }
  return { value: bytes, contentType: type };
}

/** A build tag (e.g. `latest`) or a build number (e.g. `0.0.3`) of `actor`; the build must have succeeded. */
export function resolveBuild(actor: Actor, label: string): Build {
  const tagged = actor.taggedBuilds[label];
  const build =
    tagged !== undefined
      ? actor.builds.find((candidate) => candidate.id === tagged.buildId)
      : actor.builds.find((candidate) => candidate.buildNumber === label);
  if (build === undefined) {
    throw /^\d+\.\d+\.\d+$/.test(label) ? buildNotFound(label) : unknownBuildTag(label);
  }
  if (build.status !== 'SUCCEEDED') {
    throw buildNotSucceeded(build.buildNumber, build.status);
  }
  return build;
}

/** `webhooks`: a base64-encoded JSON array of {eventTypes, requestUrl, ...}. */
export function parseWebhooks(encoded: string): AdHocWebhookInput[] {
  const invalid = (why: string) => invalidParameter(`Parameter "webhooks" must be a base64-encoded JSON array of webhooks: ${why}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    throw invalid('it does not decode to JSON');
  }
  if (!Array.isArray(parsed)) throw invalid('it is not an array');
  return parsed.map((item: unknown, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw invalid(`item ${index} is not an object`);
    const webhook = item as Record<string, unknown>;
    const { eventTypes, requestUrl } = webhook;
    if (!Array.isArray(eventTypes) || eventTypes.length === 0 || !eventTypes.every((type) => WEBHOOK_EVENT_TYPES.has(type))) {
      throw invalid(`item ${index} needs eventTypes, a non-empty array of ${[...WEBHOOK_EVENT_TYPES].join(', ')}`);
    }
    if (typeof requestUrl !== 'string' || !/^https?:\/\/\S+$/.test(requestUrl)) {
      throw invalid(`item ${index} needs requestUrl, an http(s) URL`);
    }
    for (const flag of ['ignoreSslErrors', 'doNotRetry'] as const) {
      if (webhook[flag] !== undefined && typeof webhook[flag] !== 'boolean') throw invalid(`item ${index}: ${flag} must be a boolean`);
    }
    for (const text of ['payloadTemplate', 'idempotencyKey'] as const) {
      if (webhook[text] !== undefined && typeof webhook[text] !== 'string') throw invalid(`item ${index}: ${text} must be a string`);
    }
    return {
      eventTypes: eventTypes as string[],
      requestUrl,
      payloadTemplate: webhook.payloadTemplate as string | undefined,
      ignoreSslErrors: webhook.ignoreSslErrors as boolean | undefined,
      doNotRetry: webhook.doNotRetry as boolean | undefined,
      idempotencyKey: webhook.idempotencyKey as string | undefined,
    };
  });
}
