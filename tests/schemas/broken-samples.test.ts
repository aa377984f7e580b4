// Each schema rejects what the documentation rules out, and its message names the failing field (JSON pointer)
// so a failed conformance check points at the culprit. One row per mutation of a valid body.
import { describe, expect, it } from 'vitest';
import { type SchemaName, validate } from '../../common/schemas.ts';
import type { Json, JsonObject } from './valid-bodies.ts';
import * as valid from './valid-bodies.ts';

interface Mutation {
  /** What the row breaks, in words. */
  rule: string;
  schema: SchemaName;
  base: () => JsonObject;
  /** JSON pointer of the member to change. */
  at: string;
  /** The new value, or REMOVE to delete the member. */
  to: Json | typeof REMOVE;
  /** Text the message must contain besides the pointer (which every row checks). */
  saying: string;
}

const REMOVE = Symbol('remove the member');

const actorBody = () => valid.data(valid.actor());
const runBody = () => valid.data(valid.run());
const buildBody = () => valid.data(valid.build());
const versionBody = () => valid.data(valid.version());
const actorPage = () => valid.data(valid.page([valid.actorShort(), valid.actorShort()]));
const webhookPage = () => valid.data(valid.page([valid.webhook()]));
const buildPage = () => valid.data(valid.page([valid.buildShort()]));
const runPage = () => valid.data(valid.page([valid.runShort()]));

const MUTATIONS: Mutation[] = [
  // Missing required members.
  { rule: 'a body without data', schema: 'actor-response', base: actorBody, at: '/data', to: REMOVE, saying: 'is required' },
  { rule: 'an actor without id', schema: 'actor-response', base: actorBody, at: '/data/id', to: REMOVE, saying: 'is required' },
  { rule: 'an actor without versions', schema: 'actor-response', base: actorBody, at: '/data/versions', to: REMOVE, saying: 'is required' },
  {
    rule: 'actor stats without totalMetamorphs',
    schema: 'actor-response',
    base: actorBody,
    at: '/data/stats/totalMetamorphs',
    to: REMOVE,
    saying: 'is required',
  },
  {
    rule: 'a run without finishedAt (null while running, never absent)',
    schema: 'run-response',
    base: runBody,
    at: '/data/finishedAt',
    to: REMOVE,
    saying: 'is required',
  },
  { rule: 'a run without defaultDatasetId', schema: 'run-response', base: runBody, at: '/data/defaultDatasetId', to: REMOVE, saying: 'is required' },
  { rule: 'run meta without origin', schema: 'run-response', base: runBody, at: '/data/meta/origin', to: REMOVE, saying: 'is required' },
  {
    rule: 'a metamorph answer that lists no metamorph',
    schema: 'metamorph-run-response',
    base: runBody,
    at: '/data/metamorphs',
    to: REMOVE,
    saying: 'is required',
  },
  {
    rule: 'a metamorph answer with an empty metamorph list',
    schema: 'metamorph-run-response',
    base: runBody,
    at: '/data/metamorphs',
    to: [],
    saying: 'must NOT have fewer than 1 items',
  },
  { rule: 'a metamorph without inputKey', schema: 'run-response', base: runBody, at: '/data/metamorphs/0/inputKey', to: REMOVE, saying: 'is required' },
  { rule: 'a build without buildNumber', schema: 'build-response', base: buildBody, at: '/data/buildNumber', to: REMOVE, saying: 'is required' },
  { rule: 'a build without finishedAt', schema: 'build-response', base: buildBody, at: '/data/finishedAt', to: REMOVE, saying: 'is required' },
  { rule: 'a version whose buildTag is a number', schema: 'version-response', base: versionBody, at: '/data/buildTag', to: 7, saying: 'must be string' },
  { rule: 'an env var without name', schema: 'version-response', base: versionBody, at: '/data/envVars/0/name', to: REMOVE, saying: 'is required' },
  {
    rule: 'a webhook without requestUrl',
    schema: 'webhook-list-response',
    base: webhookPage,
    at: '/data/items/0/requestUrl',
    to: REMOVE,
    saying: 'is required',
  },
  {
    rule: 'webhook stats without totalDispatches',
    schema: 'webhook-list-response',
    base: webhookPage,
    at: '/data/items/0/stats/totalDispatches',
    to: REMOVE,
    saying: 'is required',
  },
  { rule: 'a page without count', schema: 'actor-list-response', base: actorPage, at: '/data/count', to: REMOVE, saying: 'is required' },
  {
    rule: 'an actor list item without username',
    schema: 'actor-list-response',
    base: actorPage,
    at: '/data/items/1/username',
    to: REMOVE,
    saying: 'is required',
  },
  {
    rule: 'a run list item without defaultRequestQueueId',
    schema: 'run-list-response',
    base: runPage,
    at: '/data/items/0/defaultRequestQueueId',
    to: REMOVE,
    saying: 'is required',
  },
  {
    rule: 'a build list item without finishedAt',
    schema: 'build-list-response',
    base: buildPage,
    at: '/data/items/0/finishedAt',
    to: REMOVE,
    saying: 'is required',
  },
  {
    rule: 'a version list without total',
    schema: 'version-list-response',
    base: () => valid.data({ total: 1, items: [valid.version()] }),
    at: '/data/total',
    to: REMOVE,
    saying: 'is required',
  },
  { rule: 'a key list without isTruncated', schema: 'key-list', base: valid.keyList, at: '/isTruncated', to: REMOVE, saying: 'is required' },
  { rule: 'an error without message', schema: 'error', base: () => valid.errorBody(), at: '/error/message', to: REMOVE, saying: 'is required' },
  { rule: 'an actor creation without name', schema: 'act-create', base: valid.actCreate, at: '/name', to: REMOVE, saying: 'is required' },

  // Ids: 17 alphanumeric characters.
  { rule: 'a 16-character id', schema: 'actor-response', base: actorBody, at: '/data/id', to: 'zdc3Pyhyz3m8vjDe', saying: '17 alphanumeric' },
  { rule: 'an 18-character id', schema: 'run-response', base: runBody, at: '/data/buildId', to: 'HG7ML7M8z78YcAPEBx', saying: '17 alphanumeric' },
  {
    rule: 'an id with a non-alphanumeric character',
    schema: 'run-response',
    base: runBody,
    at: '/data/defaultKeyValueStoreId',
    to: 'eJNzqsbP-opwJcgGQ',
    saying: '17 alphanumeric',
  },
  { rule: 'a tilde name where an id belongs', schema: 'build-response', base: buildBody, at: '/data/actId', to: 'johndoe~my-actor', saying: '17 alphanumeric' },
  {
    rule: "the 2020 document's 10-character list id",
    schema: 'actor-list-response',
    base: actorPage,
    at: '/data/items/0/id',
    to: 'br9CKmk457',
    saying: '17 alphanumeric',
  },
  {
    rule: 'a bad id in a nullable id member',
    schema: 'run-response',
    base: runBody,
    at: '/data/actorTaskId',
    to: 'KJHSKHausidyaJKH',
    saying: '17 alphanumeric',
  },
  {
    rule: 'a bad webhook condition id',
    schema: 'webhook-list-response',
    base: webhookPage,
    at: '/data/items/0/condition/actorId',
    to: 'not an id',
    saying: '17 alphanumeric',
  },

  // Dates: ISO-8601 UTC with milliseconds and Z.
  { rule: 'a date without Z', schema: 'actor-response', base: actorBody, at: '/data/createdAt', to: '2017-07-08T11:27:57.401', saying: 'ISO-8601' },
  {
    rule: 'a date with an offset instead of Z',
    schema: 'run-response',
    base: runBody,
    at: '/data/startedAt',
    to: '2015-11-30T07:34:24.202+00:00',
    saying: 'ISO-8601',
  },
  { rule: 'a date without milliseconds', schema: 'build-response', base: buildBody, at: '/data/finishedAt', to: '2015-12-12T09:30:12Z', saying: 'ISO-8601' },
  { rule: 'a date that is not a date', schema: 'run-list-response', base: runPage, at: '/data/items/0/startedAt', to: 'yesterday', saying: 'ISO-8601' },
  {
    rule: 'a day the calendar lacks',
    schema: 'webhook-list-response',
    base: webhookPage,
    at: '/data/items/0/createdAt',
    to: '2019-02-29T07:34:24.202Z',
    saying: 'ISO-8601',
  },
  { rule: 'hour 24', schema: 'build-list-response', base: buildPage, at: '/data/items/0/startedAt', to: '2015-11-30T24:00:00.000Z', saying: 'ISO-8601' },
  {
    rule: 'an epoch number for a date',
    schema: 'actor-response',
    base: actorBody,
    at: '/data/stats/lastRunStartedAt',
    to: 1562594465546,
    saying: 'must be null or string',
  },

  // Status enum.
  { rule: 'an unknown status', schema: 'run-response', base: runBody, at: '/data/status', to: 'DONE', saying: 'must be a job status' },
  { rule: 'a lower-case status', schema: 'build-response', base: buildBody, at: '/data/status', to: 'succeeded', saying: 'must be a job status' },
  {
    rule: 'the made-up status FINISHED',
    schema: 'run-list-response',
    base: runPage,
    at: '/data/items/0/status',
    to: 'FINISHED',
    saying: 'must be a job status',
  },

  // Wrong types and ranges.
  { rule: 'isPublic as a string', schema: 'actor-response', base: actorBody, at: '/data/isPublic', to: 'false', saying: 'must be boolean' },
  { rule: 'a count as a string', schema: 'actor-response', base: actorBody, at: '/data/stats/totalRuns', to: '16', saying: 'must be integer' },
  { rule: 'a negative count', schema: 'actor-response', base: actorBody, at: '/data/stats/totalBuilds', to: -1, saying: '>= 0' },
  { rule: 'a fractional count', schema: 'actor-list-response', base: actorPage, at: '/data/total', to: 1.5, saying: 'must be integer' },
  { rule: 'desc as a string', schema: 'build-list-response', base: buildPage, at: '/data/desc', to: 'false', saying: 'must be boolean' },
  { rule: 'items as an object', schema: 'run-list-response', base: runPage, at: '/data/items', to: {}, saying: 'must be array' },
  { rule: 'finishedAt as a number', schema: 'run-response', base: runBody, at: '/data/finishedAt', to: 5, saying: 'must be null or string' },
  { rule: 'versions as null', schema: 'actor-response', base: actorBody, at: '/data/versions', to: null, saying: 'must be array' },
  { rule: 'stats as null on a run', schema: 'run-response', base: runBody, at: '/data/stats', to: null, saying: 'must be object' },
  { rule: 'an exit code as a string', schema: 'run-response', base: runBody, at: '/data/exitCode', to: '0', saying: 'must be integer or null' },
  { rule: 'a memory option as a fraction', schema: 'run-response', base: runBody, at: '/data/options/memoryMbytes', to: 256.5, saying: 'must be integer' },
  {
    rule: 'eventTypes as a string',
    schema: 'webhook-list-response',
    base: webhookPage,
    at: '/data/items/0/eventTypes',
    to: 'ACTOR.RUN.SUCCEEDED',
    saying: 'must be array',
  },
  {
    rule: 'a request URL that is no URL',
    schema: 'webhook-list-response',
    base: webhookPage,
    at: '/data/items/0/requestUrl',
    to: 'example dot com',
    saying: 'uri',
  },
  { rule: 'an exclusiveStartKey as a number', schema: 'key-list', base: valid.keyList, at: '/exclusiveStartKey', to: 5, saying: 'must be string or null' },
  { rule: 'a data envelope holding a list', schema: 'run-response', base: runBody, at: '/data', to: [], saying: 'must be object' },

  // Versions.
  { rule: 'an unknown source type', schema: 'version-response', base: versionBody, at: '/data/sourceType', to: 'ZIP', saying: 'must be one of' },
  {
    rule: 'a version number with a build part',
    schema: 'version-response',
    base: versionBody,
    at: '/data/versionNumber',
    to: '0.0.1',
    saying: 'version number',
  },
  {
    rule: 'a secret env var that carries its value',
    schema: 'version-response',
    base: versionBody,
    at: '/data/envVars/1/value',
    to: 'MyTopSecretPassword123',
    saying: 'secret',
  },
  {
    rule: 'a secret env var inside an actor',
    schema: 'actor-response',
    base: actorBody,
    at: '/data/versions/0/envVars/1/value',
    to: 'MyTopSecretPassword123',
    saying: 'secret',
  },
  { rule: 'an env var value as null', schema: 'version-response', base: versionBody, at: '/data/envVars/0/value', to: null, saying: 'must be string' },
  { rule: 'a run stats counter as a string', schema: 'run-response', base: runBody, at: '/data/stats/restartCount', to: '0', saying: 'must be integer' },
  { rule: 'a build duration below zero', schema: 'build-response', base: buildBody, at: '/data/stats/durationMillis', to: -5, saying: '>= 0' },
  {
    rule: 'a source file in an unknown format',
    schema: 'version-update',
    base: () => ({ sourceFiles: [{ name: 'main.js', format: 'TEXT', content: '' }] }),
    at: '/sourceFiles/0/format',
    to: 'ZIP',
    saying: 'must be one of',
  },
  {
    rule: 'a version update with a bad version number',
    schema: 'version-update',
    base: () => ({ versionNumber: '0.0' }),
    at: '/versionNumber',
    to: 'latest',
    saying: 'version number',
  },
  {
    rule: 'an actor update with isPublic as a string',
    schema: 'act-update',
    base: () => ({ isPublic: true }),
    at: '/isPublic',
    to: 'yes',
    saying: 'must be boolean',
  },
  { rule: 'a build number without its build part', schema: 'build-response', base: buildBody, at: '/data/buildNumber', to: '0.0', saying: 'build number' },

  // Errors.
  {
    rule: 'an error type that is not kebab-case',
    schema: 'error',
    base: () => valid.errorBody(),
    at: '/error/type',
    to: 'Record Not Found',
    saying: 'kebab-case',
  },
  {
    rule: 'a run-sync 400 with another error type',
    schema: 'run-failed-error',
    base: () => valid.errorBody('run-failed'),
    at: '/error/type',
    to: 'run-timeout-exceeded',
    saying: '"run-failed"',
  },
  {
    rule: 'a run-sync 408 with another error type',
    schema: 'run-timeout-error',
    base: () => valid.errorBody('run-timeout-exceeded'),
    at: '/error/type',
    to: 'record-not-found',
    saying: '"run-timeout-exceeded"',
  },
  { rule: 'an error envelope without error', schema: 'error', base: () => valid.errorBody(), at: '/error', to: REMOVE, saying: 'is required' },
];

describe('broken samples are rejected with a message naming the field', () => {
  it.each(MUTATIONS.map((mutation) => [mutation.rule, mutation] as const))('%s', (_rule, mutation) => {
    const body = mutation.base();
    expect(validate(mutation.schema, body), 'the body before the mutation').toEqual({ ok: true });
    applyMutation(body, mutation.at, mutation.to);
    const result = validate(mutation.schema, body);
    expect(result.ok, `${mutation.schema} accepted ${JSON.stringify(body)}`).toBe(false);
    const errors = result.ok ? [] : result.errors;
    const naming = errors.filter((message) => message.startsWith(`${mutation.at} `));
    expect(naming, `no message names ${mutation.at}: ${JSON.stringify(errors)}`).not.toEqual([]);
    expect(
      naming.some((message) => message.includes(mutation.saying)),
      JSON.stringify(naming),
    ).toBe(true);
  });

  it('reports every violation of one body, not just the first', () => {
    const body = runBody();
    applyMutation(body, '/data/id', 'short');
    applyMutation(body, '/data/status', 'DONE');
    applyMutation(body, '/data/startedAt', 'yesterday');
    const result = validate('run-response', body);
    expect(result.ok ? [] : result.errors.map((message) => message.split(' ')[0])).toEqual(['/data/id', '/data/startedAt', '/data/status']);
  });
});

describe('documented values that must pass', () => {
  const ACCEPTED: Array<[string, SchemaName, () => JsonObject, string, Json]> = [
    ['finishedAt null while a run is running', 'run-response', runBody, '/data/finishedAt', null],
    ['a never-run actor without lastRunStartedAt', 'actor-response', actorBody, '/data/stats/lastRunStartedAt', null],
    ['a leap day', 'run-response', runBody, '/data/startedAt', '2020-02-29T23:59:59.999Z'],
    ['a secret env var without value', 'version-response', versionBody, '/data/envVars/0', { name: 'TOKEN', isSecret: true }],
    ['a public env var without isSecret', 'version-response', versionBody, '/data/envVars/0', { name: 'DOMAIN', value: 'x' }],
    ['a secret env var with its value in a request', 'version-update', () => ({ envVars: [] }), '/envVars/0', { name: 'TOKEN', value: 'x', isSecret: true }],
    ['a partial actor update', 'act-update', () => ({ title: 'x' }), '/description', null],
    ['an empty page', 'actor-list-response', actorPage, '/data/items', []],
    ['extra error members such as data', 'error', () => valid.errorBody(), '/error/data', { runId: 'x' }],
  ];
  it.each(ACCEPTED)('%s', (_rule, schema, base, at, value) => {
    const body = base();
    applyMutation(body, at, value);
    expect(validate(schema, body)).toEqual({ ok: true });
  });
});

/** Sets (or with REMOVE deletes) the member at JSON pointer `at`; its parent must exist. */
function applyMutation(body: JsonObject, at: string, to: Json | typeof REMOVE): void {
  const segments = at.split('/').slice(1);
  const last = segments.pop();
  if (last === undefined) throw new Error(`cannot mutate the root (${at})`);
  let parent: Json = body;
  for (const segment of segments) {
    if (typeof parent !== 'object' || parent === null) throw new Error(`${at}: no object at ${segment}`);
    parent = Array.isArray(parent) ? (parent[Number(segment)] as Json) : (parent[segment] as Json);
  }
  if (typeof parent !== 'object' || parent === null) throw new Error(`${at}: the parent is not an object or array`);
  if (Array.isArray(parent)) {
    if (to === REMOVE) parent.splice(Number(last), 1);
    else parent[Number(last)] = to;
  } else if (to === REMOVE) {
    delete parent[last];
  } else {
    parent[last] = to;
  }
}
