// Rule: each transaction Dredd compiles from the spec sends a request a real target can answer (no unexpanded
// placeholder, no example that breaks or holds the call) and expects a response as documented: its status, an
// exact `application/json` content type, a real empty 204, a Location on every created object.
// Spec sections: spec/*.apib; the reasons are rows of spec/ERRATA.md.
import { describe, expect, it } from 'vitest';
import { EXPECTED_TRANSACTIONS } from './expected-transactions.ts';
import { actionOf, type CompiledTransaction, dataSchema, headerValue, loadSpec, requestUrl, responseSchema } from './spec-under-test.ts';

const spec = await loadSpec();
const all = spec.transactions.map((transaction) => [transaction.name, transaction] as const);
const withStatus = (status: string) => all.filter(([, transaction]) => transaction.response.status === status);
const withoutStatus = (status: string) => all.filter(([, transaction]) => transaction.response.status !== status);

const TOKEN_PLACEHOLDER = 'YOUR_API_TOKEN';
/** Readable by their hard-to-guess id alone; the spec declares their token optional and does not send it. */
const TOKEN_FREE_ACTIONS = ['Build object > Get build', 'Run object > Get run', 'Log > Get log', 'Public data > Get public user data'];
/** Answer with plain text, not JSON. */
const TEXT_ACTIONS = ['Log > Get log'];
/** Answer with the object itself, not wrapped in data. */
const BARE_ACTIONS = ['Task input object > Get task input', 'Task input object > Update task input'];
/** Optional parameters whose examples would break a real call or hold it for a minute (ERRATA). */
const NEVER_SENT = ['build', 'webhooks', 'waitForFinish'];
const ID = '[a-zA-Z0-9]{17}';

/**
 * Where a 201 points, and which member of the created object the last path segment must equal (none for a record or
 * items, whose 201 has an empty object for a body).
 */
const LOCATIONS: Record<string, { path: RegExp; member?: 'id' | 'versionNumber' }> = {
  'Actor collection > Create actor': { path: new RegExp(`^/v2/acts/(${ID})$`), member: 'id' },
  'Store collection > Create key-value store': { path: new RegExp(`^/v2/key-value-stores/(${ID})$`), member: 'id' },
  'Record > Put record': { path: new RegExp(`^/v2/key-value-stores/${ID}/records/[a-zA-Z0-9!-_.'()]+$`) },
  'Dataset collection > Create dataset': { path: new RegExp(`^/v2/datasets/(${ID})$`), member: 'id' },
  'Item collection > Put items': { path: new RegExp(`^/v2/datasets/${ID}/items$`) },
  'Version collection > Create version': { path: new RegExp(`^/v2/acts/${ID}/versions/(\\d+\\.\\d+)$`), member: 'versionNumber' },
  'Build collection > Build actor': { path: new RegExp(`^/v2/acts/${ID}/builds/(${ID})$`), member: 'id' },
  'Run collection > Run actor': { path: new RegExp(`^/v2/acts/${ID}/runs/(${ID})$`), member: 'id' },
  'Queue collection > Create request queue': { path: new RegExp(`^/v2/request-queues/(${ID})$`), member: 'id' },
  'Task collection > Create task': { path: new RegExp(`^/v2/actor-tasks/(${ID})$`), member: 'id' },
  'Task run collection > Run task': { path: new RegExp(`^/v2/actor-tasks/${ID}/runs/(${ID})$`), member: 'id' },
  'Webhook list > Create webhook': { path: new RegExp(`^/v2/webhooks/(${ID})$`), member: 'id' },
};
/** run-sync's 201 is the run's OUTPUT record itself, so it points nowhere. */
const RECORD_201_RESOURCES = ['Run actor synchronously', 'Run task synchronously'];
const answersWithRecord = (transaction: CompiledTransaction) => RECORD_201_RESOURCES.includes(transaction.origin.resourceName);
/** Add request's 201 is the outcome of the operation (the request id), not a new object with a URL of its own. */
const OUTCOME_201_RESOURCES = ['Request collection'];
/**
 * Actions whose documented response is an example body rather than a typed object in `data`: a record as stored, the
 * items as stored, and the empty object of a write (their rules are in common/response-schemas.ts).
 */
const BODY_EXAMPLE_ACTIONS = ['Record > Get record', 'Record > Put record', 'Item collection > Get items', 'Item collection > Put items'];

function responseData(transaction: CompiledTransaction): Record<string, unknown> {
  const body = JSON.parse(transaction.response.body ?? '') as { data?: Record<string, unknown> };
  if (!body.data) throw new Error(`${transaction.name}: the example body has no data member`);
  return body.data;
}

describe('the compiled transactions', () => {
  it('come without any parser or compiler annotation', () => {
    expect(spec.annotations.map((annotation) => `${annotation.type}: ${annotation.message}`)).toEqual([]);
  });

  it('are the ones our reading of the spec finds, with their methods and statuses', () => {
    expect(spec.transactions.map((transaction) => [transaction.name, transaction.request.method, Number(transaction.response.status)])).toEqual(
      EXPECTED_TRANSACTIONS.map(({ name, method, status }) => [name, method, status]),
    );
  });
});

describe('requests', () => {
  it.each(all)('%s: the URI is a /v2/ path with every template variable expanded', (name, transaction) => {
    const { uri } = transaction.request;
    expect(uri, name).toMatch(/^\/v2\/[a-z-]+(\/|\?|$)/);
    expect(uri, `${name} sends an unexpanded placeholder`).not.toMatch(/[{}]|%7B|%7D/i);
  });

  it.each(all)(`%s: sends none of ${NEVER_SENT.join(', ')}`, (name, transaction) => {
    const query = requestUrl(transaction).searchParams;
    expect(
      NEVER_SENT.filter((parameter) => query.has(parameter)),
      `${name} sends ${transaction.request.uri}`,
    ).toEqual([]);
  });

  it.each(all)('%s: sends the token placeholder exactly when the action needs a token', (name, transaction) => {
    const token = requestUrl(transaction).searchParams.get('token');
    if (TOKEN_FREE_ACTIONS.includes(actionOf(transaction))) expect(token, `${name} sends a token`).toBeNull();
    else expect(token, `${name} sends ${transaction.request.uri}`).toBe(TOKEN_PLACEHOLDER);
  });

  // A record may be of any media type (Put record's second example is a compressed picture, whose bytes the hooks send).
  const withBody = all.filter(([, transaction]) => transaction.request.body !== '');
  it.each(withBody)('%s: a request body declares its media type, and a JSON one parses', (name, transaction) => {
    const contentType = headerValue(transaction.request.headers, 'Content-Type');
    if (actionOf(transaction) !== 'Record > Put record') expect(contentType, name).toBe('application/json');
    expect(contentType, name).toBeDefined();
    if (contentType === 'application/json') expect(() => JSON.parse(transaction.request.body), `${name} sends a body that is not JSON`).not.toThrow();
  });

  it('Create version sends a JSON body with versionNumber and sourceType', () => {
    const createVersion = all.find(([, transaction]) => actionOf(transaction) === 'Version collection > Create version')?.[1];
    expect(createVersion, 'Create version is not compiled').toBeDefined();
    const body = JSON.parse(createVersion?.request.body || 'null') as { versionNumber?: unknown; sourceType?: unknown } | null;
    expect(body?.versionNumber, 'versionNumber').toMatch(/^\d+\.\d+$/);
    expect(['SOURCE_CODE', 'SOURCE_FILES', 'GIT_REPO', 'TARBALL', 'GITHUB_GIST'], 'sourceType').toContain(body?.sourceType);
  });

  it('Metamorph run names its target actor and sends the new input as a JSON body', () => {
    const metamorph = all.find(([, transaction]) => actionOf(transaction) === 'Metamorph run > Metamorph run')?.[1];
    expect(metamorph, 'Metamorph run is not compiled').toBeDefined();
    expect(requestUrl(metamorph as CompiledTransaction).searchParams.get('targetActorId')).toMatch(new RegExp(`^${ID}$`));
    expect(metamorph?.request.body).not.toBe('');
  });
});

describe('responses', () => {
  it.each(withStatus('204'))('%s: a 204 documents no body and no content type', (name, transaction) => {
    expect(headerValue(transaction.response.headers, 'Content-Type'), `${name} declares a content type`).toBeUndefined();
    expect(transaction.response.body, `${name} declares a body`).toBeUndefined();
    expect(transaction.response.schema, `${name} declares a body schema`).toBeUndefined();
  });

  it.each(withoutStatus('204').filter(([, transaction]) => TEXT_ACTIONS.includes(actionOf(transaction))))(
    '%s: documents exactly text/plain and no body schema',
    (name, transaction) => {
      expect(headerValue(transaction.response.headers, 'Content-Type'), name).toBe('text/plain');
      expect(transaction.response.schema, `${name} declares a body schema`).toBeUndefined();
    },
  );

  it.each(withoutStatus('204').filter(([, transaction]) => !TEXT_ACTIONS.includes(actionOf(transaction))))(
    '%s: documents exactly application/json, an example body and its schema',
    (name, transaction) => {
      expect(headerValue(transaction.response.headers, 'Content-Type'), name).toBe('application/json');
      expect(transaction.response.body, `${name} has no example body`).toBeDefined();
      if (!BODY_EXAMPLE_ACTIONS.includes(actionOf(transaction))) expect(() => responseSchema(transaction), `${name} has no schema`).not.toThrow();
    },
  );

  it.each(withStatus('201'))('%s: a 201 of a created object documents its Location', (name, transaction) => {
    const action = actionOf(transaction);
    if (answersWithRecord(transaction) || OUTCOME_201_RESOURCES.includes(transaction.origin.resourceName)) {
      expect(headerValue(transaction.response.headers, 'Location'), `${name} answers with a record or an outcome, not a new object`).toBeUndefined();
      return;
    }
    const expected = LOCATIONS[action];
    expect(expected, `${name}: no Location rule for ${action}`).toBeDefined();
    const location = headerValue(transaction.response.headers, 'Location');
    expect(location, `${name} documents no Location header`).toBeDefined();
    const match = expected.path.exec(new URL(location ?? '', 'http://target.invalid').pathname);
    expect(match, `${name}: Location ${location} does not match ${expected.path}`).not.toBeNull();
    if (expected.member !== undefined) {
      expect(match?.[1], `${name}: Location ${location} does not point to the example object`).toBe(responseData(transaction)[expected.member]);
    }
  });

  it.each([
    ['400', 'run-failed'],
    ['408', 'run-timeout-exceeded'],
  ])('run-sync %s fixes error.type to %s', (status, type) => {
    const errors = withStatus(status).filter(([, transaction]) => answersWithRecord(transaction));
    expect(errors.length).toBeGreaterThan(0);
    for (const [name, transaction] of errors) {
      const error = responseSchema(transaction).properties?.error;
      expect(error?.required, name).toEqual(['type', 'message']);
      expect(error?.properties?.type?.const, name).toBe(type);
    }
  });

  it.each(
    withStatus('200')
      .concat(withStatus('201'))
      .filter(
        ([, transaction]) => !answersWithRecord(transaction) && ![...TEXT_ACTIONS, ...BARE_ACTIONS, ...BODY_EXAMPLE_ACTIONS].includes(actionOf(transaction)),
      ),
  )('%s: wraps its payload in a required data member', (name, transaction) => {
    expect(responseSchema(transaction).required, name).toEqual(['data']);
    expect(() => dataSchema(transaction)).not.toThrow();
  });
});
