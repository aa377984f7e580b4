// Rule: the spec covers exactly the actions of the 2020 document (Direct upload URL aside: spec/ERRATA.md, kvs rows),
// each compiled by Dredd, and the run-sync actions as their documented pairs (spec/ERRATA.md, "run-sync 400/408").
import { describe, expect, it } from 'vitest';
import { actionOf, loadSpec } from './spec-under-test.ts';

// The documented actions (resource > action, method), in the 2020 document's order (apify/apify-docs e955e466).
const DOCUMENTED_ACTIONS: ReadonlyArray<readonly [string, string]> = [
  ['Actor collection > Get list of actors', 'GET'],
  ['Actor collection > Create actor', 'POST'],
  ['Actor object > Get actor', 'GET'],
  ['Actor object > Update actor', 'PUT'],
  ['Actor object > Delete actor', 'DELETE'],
  ['Version collection > Get list of versions', 'GET'],
  ['Version collection > Create version', 'POST'],
  ['Version object > Get version', 'GET'],
  ['Version object > Update version', 'PUT'],
  ['Version object > Delete version', 'DELETE'],
  ['Webhook collection > Get list of webhooks', 'GET'],
  ['Build collection > Get list of builds', 'GET'],
  ['Build collection > Build actor', 'POST'],
  ['Build object > Get build', 'GET'],
  ['Abort build > Abort build', 'POST'],
  ['Run collection > Get list of runs', 'GET'],
  ['Run collection > Run actor', 'POST'],
  ['Run actor synchronously > With input', 'POST'],
  ['Run actor synchronously > Without input', 'GET'],
  ['Run object > Get run', 'GET'],
  ['Abort run > Abort run', 'POST'],
  ['Metamorph run > Metamorph run', 'POST'],
  ['Resurrect run > Resurrect run', 'POST'],
  ['Last run object and its storages > Get last run', 'GET'],
  ['Task collection > Get list of tasks', 'GET'],
  ['Task collection > Create task', 'POST'],
  ['Task object > Get task', 'GET'],
  ['Task object > Update task', 'PUT'],
  ['Task object > Delete task', 'DELETE'],
  ['Task input object > Get task input', 'GET'],
  ['Task input object > Update task input', 'PUT'],
  ['Task webhook collection > Get list of webhooks', 'GET'],
  ['Task run collection > Get list of task runs', 'GET'],
  ['Task run collection > Run task', 'POST'],
  ['Run task synchronously > Run task synchronously (POST)', 'POST'],
  ['Run task synchronously > Run task synchronously (GET)', 'GET'],
  ['Last task run object and its storages > Get last run', 'GET'],
  // Key-value stores (Direct upload URL is gone from the API: spec/ERRATA.md, kvs rows)
  ['Store collection > Get list of key-value stores', 'GET'],
  ['Store collection > Create key-value store', 'POST'],
  ['Store object > Get store', 'GET'],
  ['Store object > Update store', 'PUT'],
  ['Store object > Delete store', 'DELETE'],
  ['Key collection > Get list of keys', 'GET'],
  ['Record > Get record', 'GET'],
  ['Record > Put record', 'PUT'],
  ['Record > Delete record', 'DELETE'],
  // Datasets
  ['Dataset collection > Get list of datasets', 'GET'],
  ['Dataset collection > Create dataset', 'POST'],
  ['Dataset > Get dataset', 'GET'],
  ['Dataset > Update dataset', 'PUT'],
  ['Dataset > Delete dataset', 'DELETE'],
  ['Item collection > Get items', 'GET'],
  ['Item collection > Put items', 'POST'],
  // Request queues
  ['Queue collection > Get list of request queues', 'GET'],
  ['Queue collection > Create request queue', 'POST'],
  ['Queue > Get request queue', 'GET'],
  ['Queue > Update request queue', 'PUT'],
  ['Queue > Delete request queue', 'DELETE'],
  ['Request collection > Add request', 'POST'],
  ['Request > Get request', 'GET'],
  ['Request > Update request', 'PUT'],
  ['Request > Delete request', 'DELETE'],
  ['Queue head > Get head', 'GET'],
  ['Webhook list > Get list of webhooks', 'GET'],
  ['Webhook list > Create webhook', 'POST'],
  ['Webhook object > Get webhook', 'GET'],
  ['Webhook object > Update webhook', 'PUT'],
  ['Webhook object > Delete webhook', 'DELETE'],
  ['Dispatches collection > Get list of dispatches', 'GET'],
  ['Webhook dispatches collection > Get list of webhook dispatches', 'GET'],
  ['Webhook dispatch object > Get webhook dispatch', 'GET'],
  ['Log > Get log', 'GET'],
  ['Public data > Get public user data', 'GET'],
  ['Private data > Get private user data', 'GET'],
];

const spec = await loadSpec();

describe('the documented actions', () => {
  it('are 74: the 2020 document without Direct upload URL', () => {
    expect(DOCUMENTED_ACTIONS).toHaveLength(74);
  });

  it.each(DOCUMENTED_ACTIONS)('%s (%s) is compiled by Dredd', (action, method) => {
    const compiled = spec.transactions.filter((transaction) => actionOf(transaction) === action);
    expect(compiled.length, `no transaction of "${action}" in the compiled spec`).toBeGreaterThan(0);
    for (const transaction of compiled) expect(transaction.request.method, transaction.name).toBe(method);
  });

  it('are all the spec has: no undocumented action', () => {
    const documented = new Set(DOCUMENTED_ACTIONS.map(([action]) => action));
    const extra = [...new Set(spec.transactions.map(actionOf))].filter((action) => !documented.has(action));
    expect(extra).toEqual([]);
  });

  it('keep the 2020 document order', () => {
    const compiledOrder = [...new Set(spec.transactions.map(actionOf))];
    expect(compiledOrder).toEqual(DOCUMENTED_ACTIONS.map(([action]) => action));
  });
});

describe('run-sync', () => {
  it.each([
    ['Run actor synchronously > With input', 'POST'],
    ['Run actor synchronously > Without input', 'GET'],
  ])('%s compiles to three %s pairs answering 201, 400 and 408', (action, method) => {
    const pairs = spec.transactions.filter((transaction) => actionOf(transaction) === action);
    expect(pairs.map((transaction) => [transaction.request.method, transaction.response.status])).toEqual([
      [method, '201'],
      [method, '400'],
      [method, '408'],
    ]);
  });

  it('Run task synchronously compiles to the 2020 pairs: POST 201 and 400, GET 201, 400 and 408', () => {
    const pairs = spec.transactions.filter((transaction) => transaction.origin.resourceName === 'Run task synchronously');
    expect(pairs.map((transaction) => [transaction.request.method, transaction.response.status])).toEqual([
      ['POST', '201'],
      ['POST', '400'],
      ['GET', '201'],
      ['GET', '400'],
      ['GET', '408'],
    ]);
  });
});
