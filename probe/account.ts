import type { ApiResponse, QueryValue } from '../common/http.ts';
import { isTerminalStatus } from '../common/job-status.ts';
import type { SchemaName } from '../common/schemas.ts';
import type { ObjectFact } from './facts.ts';
import { memberPaths } from './member-paths.ts';
import type { ProbeClient } from './probe-client.ts';
import { schemaGaps } from './schema-gaps.ts';
import type { AccountAnchors } from './situations.ts';

/** What reading the account showed: its objects against their schemas, and what the other steps may use. */
export interface AccountReading {
  objects: ObjectFact[];
  notes: string[];
  anchors: AccountAnchors;
  /** Runs of the account's actors that had not ended when listed: a wait on one of them shows the cap for free. */
  unfinishedRuns: Array<{ actorId: string; runId: string }>;
}

/** How many of the account's actors are searched for runs, and how many runs of each are listed. */
const ACTORS_SEARCHED = 10;
const RUNS_LISTED = 10;

/** The collections read with their newest item, beside actors, runs and builds (which hang off an actor). */
const COLLECTIONS: ReadonlyArray<{ name: string; template: string; query?: Record<string, QueryValue>; list: SchemaName; item: SchemaName }> = [
  { name: 'dataset', template: '/v2/datasets', query: { unnamed: true }, list: 'dataset-list-response', item: 'dataset-response' },
  {
    name: 'key-value store',
    template: '/v2/key-value-stores',
    query: { unnamed: true },
    list: 'key-value-store-list-response',
    item: 'key-value-store-response',
  },
  { name: 'request queue', template: '/v2/request-queues', query: { unnamed: true }, list: 'request-queue-list-response', item: 'request-queue-response' },
  { name: 'task', template: '/v2/actor-tasks', list: 'task-list-response', item: 'task-response' },
  { name: 'webhook', template: '/v2/webhooks', list: 'webhook-list-response', item: 'webhook-response' },
];

interface Item {
  id: string;
  status?: unknown;
  buildId?: unknown;
}

/**
 * Reads, and only reads, what the account holds: the private user data, then each collection's list and its newest
 * item, comparing every body with its schema. Nothing is created; an empty collection is a note.
 */
export async function readAccount(probe: ProbeClient): Promise<AccountReading> {
  const objects: ObjectFact[] = [];
  const notes: string[] = [];
  /** Compares a 200 answer with its schema and returns its data; any other answer is a note. */
  const record = (object: string, schema: SchemaName, response: ApiResponse): unknown => {
    const request = probe.describe(response);
    const data = (response.body as { data?: unknown } | undefined)?.data;
    if (response.status !== 200 || data === undefined) {
      notes.push(`${object}: ${request} answered HTTP ${response.status}${response.body === undefined ? ' without a JSON body' : ''}`);
      return undefined;
    }
    objects.push({ object, request, schema, ...memberPaths(response.body), gaps: schemaGaps(schema, response.body) });
    return data;
  };
  const read = async (object: string, schema: SchemaName, template: string, params: Record<string, string> = {}, query?: Record<string, QueryValue>) =>
    record(object, schema, await probe.request(template, params, { query }));

  await read('the private user data', 'user-private-response', '/v2/users/me');
  const actors = itemsOf(await read('the list of actors', 'actor-list-response', '/v2/acts', {}, { my: true, limit: ACTORS_SEARCHED, desc: true }));
  if (actors[0] === undefined) notes.push('the account has no actor of its own: actors, runs and builds were not read');
  else await read('the newest actor', 'actor-response', '/v2/acts/{id}', { id: actors[0].id });

  // Runs hang off their actor: the newest actors are searched for runs, and for runs still going.
  const unfinishedRuns: AccountReading['unfinishedRuns'] = [];
  let newestRun: { actorId: string; run: Item } | undefined;
  for (const actor of actors) {
    const response = await probe.request('/v2/acts/{actorId}/runs', { actorId: actor.id }, { query: { limit: RUNS_LISTED, desc: true } });
    const runs = itemsOf((response.body as { data?: unknown } | undefined)?.data);
    for (const run of runs) if (!isTerminalStatus(run.status)) unfinishedRuns.push({ actorId: actor.id, runId: run.id });
    if (newestRun !== undefined || runs[0] === undefined) continue;
    newestRun = { actorId: actor.id, run: runs[0] };
    record('the list of runs of an actor', 'run-list-response', response);
  }
  if (newestRun === undefined) {
    if (actors.length > 0) notes.push(`none of the account's ${actors.length} newest actors has a run: runs and builds were not read`);
  } else {
    const { actorId, run } = newestRun;
    await read('the newest run', 'run-response', '/v2/acts/{actorId}/runs/{id}', { actorId, id: run.id });
    await read('the list of builds of an actor', 'build-list-response', '/v2/acts/{actorId}/builds', { actorId }, { limit: 1, desc: true });
    if (typeof run.buildId === 'string') await read("the newest run's build", 'build-response', '/v2/acts/{actorId}/builds/{id}', { actorId, id: run.buildId });
  }

  const newest = new Map<string, Item>();
  for (const { name, template, query, list, item } of COLLECTIONS) {
    const [first] = itemsOf(await read(`the list of ${name}s`, list, template, {}, { ...query, limit: 1, desc: true }));
    if (first === undefined) notes.push(`the account has no ${name}: its members were not read`);
    else {
      newest.set(name, first);
      await read(`the newest ${name}`, item, `${template}/{id}`, { id: first.id });
    }
  }
  return { objects, notes, anchors: { actorId: actors[0]?.id, storeId: newest.get('key-value store')?.id }, unfinishedRuns };
}

function itemsOf(data: unknown): Item[] {
  const items = typeof data === 'object' && data !== null ? (data as { items?: unknown }).items : undefined;
  if (!Array.isArray(items)) return [];
  return items.filter((item): item is Item => typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string');
}
