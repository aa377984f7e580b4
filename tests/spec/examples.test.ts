// Rule: every example in the spec is a value a correct API could send: it passes the schema Dredd compiles beside
// it, its ids are 17 alphanumeric characters, its timestamps ISO 8601 UTC with milliseconds, its statuses real job
// statuses (spec/ERRATA.md, "Sample ids"). Hooks and readers copy examples, so a wrong one spreads.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { headerValue, loadSpec, requestUrl } from './spec-under-test.ts';

const ID = /^[a-zA-Z0-9]{17}$/;
/** A request in a queue has an id of 15 characters, derived from its uniqueKey (spec/05-request-queues.apib). */
const REQUEST_ID = /^[a-zA-Z0-9]{15}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const JOB_STATUSES = ['READY', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMING-OUT', 'TIMED-OUT', 'ABORTING', 'ABORTED'];
/** Path segments that are followed by an id. */
const ID_SEGMENTS = ['acts', 'builds', 'runs', 'actor-tasks', 'webhooks', 'webhook-dispatches', 'logs', 'users'];
/** `runs/last` names the newest run and `users/me` the token's user: neither is an id. */
const NOT_IDS = ['last', 'me'];
const RUN_ID_IN_MESSAGE = /run ID: ([^,)\s]+)/;

/** Every value of an example body that breaks the format of its key, as `path: value` lines. */
function formatErrors(value: unknown, path: string, key: string, inRequest = false): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => formatErrors(item, `${path}[${index}]`, key));
  if (value !== null && typeof value === 'object') {
    const isRequest = 'uniqueKey' in value;
    return Object.entries(value).flatMap(([name, member]) => formatErrors(member, `${path}.${name}`, name, isRequest));
  }
  if (typeof value !== 'string') return [];
  const errors: string[] = [];
  if ((key === 'id' && inRequest) || key === 'requestId') {
    if (!REQUEST_ID.test(value)) errors.push(`${path}: "${value}" is not a 15-character request id`);
  } else if ((key === 'id' || key.endsWith('Id')) && !ID.test(value)) errors.push(`${path}: "${value}" is not a 17-character id`);
  if (key.endsWith('At') && (!TIMESTAMP.test(value) || Number.isNaN(Date.parse(value)))) {
    errors.push(`${path}: "${value}" is not an ISO 8601 UTC timestamp with milliseconds`);
  }
  if (key === 'status' && !JOB_STATUSES.includes(value)) errors.push(`${path}: "${value}" is not a job status`);
  const runId = RUN_ID_IN_MESSAGE.exec(value)?.[1];
  if (runId !== undefined && !ID.test(runId)) errors.push(`${path}: the run id "${runId}" in the message is not 17 characters`);
  return errors;
}

/** Ids in a URL path (after /acts/, /builds/, /runs/, ...) that are not 17 characters. */
function pathIdErrors(url: URL, where: string): string[] {
  const segments = url.pathname.split('/');
  return segments.flatMap((segment, index) =>
    ID_SEGMENTS.includes(segments[index - 1] ?? '') && !NOT_IDS.includes(segment) && !ID.test(segment)
      ? [`${where}: "${segment}" is not a 17-character id`]
      : [],
  );
}

const spec = await loadSpec();
const all = spec.transactions.map((transaction) => [transaction.name, transaction] as const);
const withBody = all.filter(([, transaction]) => transaction.response.body !== undefined);
// Gavel validates bodies with the draft-07 schemas drafter emits; ajv reads them the same way.
const ajv = new Ajv({ allErrors: true, strict: false });

describe('example response bodies', () => {
  it.each(withBody)('%s: the example passes the schema documented beside it', (name, transaction) => {
    const validate = ajv.compile(JSON.parse(transaction.response.schema ?? '{}') as object);
    const valid = validate(JSON.parse(transaction.response.body ?? ''));
    expect(valid ? [] : ajv.errorsText(validate.errors, { dataVar: 'body' }), name).toEqual([]);
  });

  it.each(withBody)('%s: ids, timestamps and statuses have the real formats', (name, transaction) => {
    expect(formatErrors(JSON.parse(transaction.response.body ?? ''), 'body', ''), name).toEqual([]);
  });
});

describe('example ids in requests and Location headers', () => {
  it.each(all)('%s: every id in the URI and the Location header is 17 characters', (name, transaction) => {
    const url = requestUrl(transaction);
    const errors = pathIdErrors(url, 'request path');
    const target = url.searchParams.get('targetActorId');
    if (target !== null && !ID.test(target)) errors.push(`targetActorId: "${target}" is not a 17-character id`);
    const location = headerValue(transaction.response.headers, 'Location');
    if (location !== undefined) errors.push(...pathIdErrors(new URL(location), 'Location'));
    expect(errors, name).toEqual([]);
  });
});
