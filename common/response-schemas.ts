// Which body each documented action answers with, per status, and which body it takes. Keys are
// "<Resource name> > <Action name>" exactly as in spec/*.apib (Dredd's origin.resourceName and
// origin.actionName), so hooks and suites validate every response against the same rule.
import { type SchemaName, type ValidationResult, validate } from './schemas.ts';

/** A JSON body that must pass the schema. */
export type JsonBodyRule = { kind: 'json'; schema: SchemaName };

export type BodyRule =
  | JsonBodyRule
  /** Any JSON document: run-sync returns the OUTPUT record as stored. */
  | { kind: 'any-json' }
  /** No body at all (204). */
  | { kind: 'no-body' }
  /** Any bytes of any media type: a key-value store record comes back as it was stored. */
  | { kind: 'any' }
  /** The schema when the body is JSON; another media type (Get items in csv, xml, ...) is judged by its own checks. */
  | { kind: 'json-if-json'; schema: SchemaName }
  /** A plain-text body, not JSON (a log); any text passes. */
  | { kind: 'text' };

const json = (schema: SchemaName): JsonBodyRule => ({ kind: 'json', schema });
const ANY_JSON: BodyRule = { kind: 'any-json' };
const NO_BODY: BodyRule = { kind: 'no-body' };
const ANY: BodyRule = { kind: 'any' };
const TEXT: BodyRule = { kind: 'text' };
const RUN_SYNC_OUTCOMES = { 201: ANY_JSON, 400: json('run-failed-error'), 408: json('run-timeout-error') } as const;

/** The documented responses of the Actors section. */
export const RESPONSE_BODIES = {
  'Actor collection > Get list of actors': { 200: json('actor-list-response') },
  'Actor collection > Create actor': { 201: json('actor-response') },
  'Actor object > Get actor': { 200: json('actor-response') },
  'Actor object > Update actor': { 200: json('actor-response') },
  'Actor object > Delete actor': { 204: NO_BODY },
  'Version collection > Get list of versions': { 200: json('version-list-response') },
  'Version collection > Create version': { 201: json('version-response') },
  'Version object > Get version': { 200: json('version-response') },
  'Version object > Update version': { 200: json('version-response') },
  'Version object > Delete version': { 204: NO_BODY },
  'Webhook collection > Get list of webhooks': { 200: json('webhook-list-response') },
  'Build collection > Get list of builds': { 200: json('build-list-response') },
  'Build collection > Build actor': { 201: json('build-response') },
  'Build object > Get build': { 200: json('build-response') },
  'Abort build > Abort build': { 200: json('build-response') },
  'Run collection > Get list of runs': { 200: json('run-list-response') },
  'Run collection > Run actor': { 201: json('run-response') },
  'Run actor synchronously > With input': {
    201: ANY_JSON,
    400: json('run-failed-error'),
    408: json('run-timeout-error'),
  },
  'Run actor synchronously > Without input': {
    201: ANY_JSON,
    400: json('run-failed-error'),
    408: json('run-timeout-error'),
  },
  'Run object > Get run': { 200: json('run-response') },
  'Abort run > Abort run': { 200: json('run-response') },
  'Metamorph run > Metamorph run': { 200: json('metamorph-run-response') },
  // Request queues (spec/05-request-queues.apib)
  'Queue collection > Get list of request queues': { 200: json('request-queue-list-response') },
  'Queue collection > Create request queue': { 201: json('request-queue-response'), 200: json('request-queue-response') },
  'Queue > Get request queue': { 200: json('request-queue-response') },
  'Queue > Update request queue': { 200: json('request-queue-response') },
  'Queue > Delete request queue': { 204: NO_BODY },
  'Request collection > Add request': { 201: json('request-operation-response') },
  'Request > Get request': { 200: json('request-response') },
  'Request > Update request': { 200: json('request-operation-response') },
  'Request > Delete request': { 204: NO_BODY },
  'Queue head > Get head': { 200: json('queue-head-response') },
  // Key-value stores and datasets (spec/03-key-value-stores.apib, spec/04-datasets.apib)
  'Store collection > Get list of key-value stores': { 200: json('key-value-store-list-response') },
  'Store collection > Create key-value store': { 200: json('key-value-store-response'), 201: json('key-value-store-response') },
  'Store object > Get store': { 200: json('key-value-store-response') },
  'Store object > Update store': { 200: json('key-value-store-response') },
  'Store object > Delete store': { 204: NO_BODY },
  'Key collection > Get list of keys': { 200: json('key-list-response') },
  'Record > Get record': { 200: ANY },
  'Record > Put record': { 201: json('empty-object') },
  'Record > Delete record': { 204: NO_BODY },
  'Dataset collection > Get list of datasets': { 200: json('dataset-list-response') },
  'Dataset collection > Create dataset': { 200: json('dataset-response'), 201: json('dataset-response') },
  'Dataset > Get dataset': { 200: json('dataset-response') },
  'Dataset > Update dataset': { 200: json('dataset-response') },
  'Dataset > Delete dataset': { 204: NO_BODY },
  // Get items answers JSON with the default format; the other formats are judged by suites/datasets.
  'Item collection > Get items': { 200: { kind: 'json-if-json', schema: 'dataset-items' } },
  'Item collection > Put items': { 201: json('empty-object') },
  'Resurrect run > Resurrect run': { 200: json('run-response') },
  'Last run object and its storages > Get last run': { 200: json('run-response') },
  // Actor tasks, webhooks, webhook dispatches, logs and users (spec/02, 06, 07, 08 and 09)
  'Task collection > Get list of tasks': { 200: json('task-list-response') },
  'Task collection > Create task': { 201: json('task-response') },
  'Task object > Get task': { 200: json('task-response') },
  'Task object > Update task': { 200: json('task-response') },
  'Task object > Delete task': { 204: NO_BODY },
  'Task input object > Get task input': { 200: json('task-input') },
  'Task input object > Update task input': { 200: json('task-input') },
  'Task webhook collection > Get list of webhooks': { 200: json('webhook-list-response') },
  'Task run collection > Get list of task runs': { 200: json('run-list-response') },
  'Task run collection > Run task': { 201: json('task-run-response') },
  'Run task synchronously > Run task synchronously (POST)': { 201: ANY_JSON, 400: json('run-failed-error') },
  'Run task synchronously > Run task synchronously (GET)': RUN_SYNC_OUTCOMES,
  'Last task run object and its storages > Get last run': { 200: json('task-run-response') },
  'Webhook list > Get list of webhooks': { 200: json('webhook-list-response') },
  'Webhook list > Create webhook': { 201: json('webhook-response') },
  'Webhook object > Get webhook': { 200: json('webhook-response') },
  'Webhook object > Update webhook': { 200: json('webhook-response') },
  'Webhook object > Delete webhook': { 204: NO_BODY },
  'Dispatches collection > Get list of dispatches': { 200: json('webhook-dispatch-list-response') },
  'Webhook dispatches collection > Get list of webhook dispatches': { 200: json('webhook-dispatch-list-response') },
  'Webhook dispatch object > Get webhook dispatch': { 200: json('webhook-dispatch-response') },
  'Log > Get log': { 200: TEXT },
  'Public data > Get public user data': { 200: json('user-public-response') },
  'Private data > Get private user data': { 200: json('user-private-response') },
} as const satisfies Record<string, Readonly<Record<number, BodyRule>>>;

export type ActionName = keyof typeof RESPONSE_BODIES;

/** The JSON request bodies the section documents. */
export const REQUEST_BODIES = {
  'Actor collection > Create actor': json('act-create'),
  'Actor object > Update actor': json('act-update'),
  'Version collection > Create version': json('version-update'),
  'Version object > Update version': json('version-update'),
  // Request queues (spec/05-request-queues.apib)
  'Queue > Update request queue': json('request-queue-update'),
  'Request collection > Add request': json('request-without-id'),
  'Request > Update request': json('request'),
  'Store object > Update store': json('storage-update'),
  'Dataset > Update dataset': json('storage-update'),
  'Item collection > Put items': json('dataset-items'),
  // Actor tasks and webhooks
  'Task collection > Create task': json('task-create'),
  'Task object > Update task': json('task-update'),
  'Task input object > Update task input': json('task-input'),
  'Webhook list > Create webhook': json('webhook-create'),
  'Webhook object > Update webhook': json('webhook-update'),
} as const satisfies Partial<Record<ActionName, JsonBodyRule>>;

/** Every error response carries the error envelope (the API introduction), whatever the action. */
const UNDOCUMENTED_ERROR: BodyRule = json('error');

export function actionName(resourceName: string, actionTitle: string): string {
  return `${resourceName} > ${actionTitle}`;
}

export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(RESPONSE_BODIES, name);
}

/**
 * The rule for the body of `action`'s `status` response: the documented one, else the error envelope for any
 * 4xx/5xx; undefined for an unknown action or an undocumented success status.
 */
export function responseBodyRule(action: string, status: number): BodyRule | undefined {
  if (!isActionName(action)) return undefined;
  const documented: Readonly<Record<number, BodyRule>> = RESPONSE_BODIES[action];
  return documented[status] ?? (status >= 400 ? UNDOCUMENTED_ERROR : undefined);
}

/** Checks a raw response body (as received, '' when empty) against the rule for `action` and `status`. */
export function checkResponseBody(action: string, status: number, rawBody: string): ValidationResult {
  if (!isActionName(action)) return { ok: false, errors: [`"${action}" is not a documented action`] };
  const rule = responseBodyRule(action, status);
  if (rule === undefined) return { ok: false, errors: [`"${action}" documents no ${status} response`] };
  return checkBody(rule, rawBody);
}

/** Checks a raw request body against the documented rule for `action`; actions without one take no JSON body. */
export function checkRequestBody(action: string, rawBody: string): ValidationResult {
  const rule: BodyRule | undefined = Object.hasOwn(REQUEST_BODIES, action) ? REQUEST_BODIES[action as keyof typeof REQUEST_BODIES] : undefined;
  if (rule === undefined) return { ok: false, errors: [`"${action}" documents no JSON request body`] };
  return checkBody(rule, rawBody);
}

function checkBody(rule: BodyRule, rawBody: string): ValidationResult {
  if (rule.kind === 'any') return { ok: true };
  if (rule.kind === 'text') return { ok: true };
  if (rule.kind === 'no-body') {
    return rawBody === '' ? { ok: true } : { ok: false, errors: [`expected no body, got ${rawBody.length} characters`] };
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    const shown = rawBody.length > 80 ? `${rawBody.slice(0, 77)}...` : rawBody;
    return { ok: false, errors: [`expected a JSON body, got ${rawBody === '' ? 'an empty body' : JSON.stringify(shown)}`] };
  }
  // A raw body comes without its media type, so json-if-json is judged as JSON (Dredd asks for the JSON format).
  return rule.kind === 'any-json' ? { ok: true } : validate(rule.schema, body);
}
