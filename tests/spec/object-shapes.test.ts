// Rule: the schema Dredd validates each response against has exactly the required members, nullable members and enums
// the project decided for each object (spec/01-actors.apib#data-structures; the differences from the 2020 document are
// rows of spec/ERRATA.md). This also catches MSON that silently loses members (a type's description paragraph swallows
// its member list without any parser warning) or invents keys (a member line without a colon).
import { describe, expect, it } from 'vitest';
import { actionOf, allowsNull, dataSchema, itemSchema, loadSpec, nonNull, responseSchema, type SchemaNode } from './spec-under-test.ts';

interface Shape {
  required: string[];
  /** Members that must accept null. */
  nullable?: string[];
  enums?: Record<string, string[]>;
  /** Object members, checked against their own shape. */
  nested?: Record<string, Shape>;
  /** Array members, whose item schema is checked against the shape. */
  items?: Record<string, Shape>;
  /** Names of the 2020 document that were renamed or dropped. */
  absent?: string[];
}

const JOB_STATUSES = ['READY', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMING-OUT', 'TIMED-OUT', 'ABORTING', 'ABORTED'];
const SOURCE_TYPES = ['SOURCE_CODE', 'SOURCE_FILES', 'GIT_REPO', 'TARBALL', 'GITHUB_GIST'];

const META: Shape = { required: ['origin'], absent: ['source'] };
const VERSION: Shape = {
  required: ['versionNumber', 'sourceType'],
  enums: { sourceType: SOURCE_TYPES },
  nullable: ['buildTag', 'envVars', 'sourceFiles'],
  items: { envVars: { required: ['name'] }, sourceFiles: { required: ['name'], enums: { format: ['TEXT', 'BASE64'] } } },
};
const ACTOR: Shape = {
  required: ['id', 'userId', 'name', 'username', 'isPublic', 'createdAt', 'modifiedAt', 'stats', 'versions'],
  nested: {
    stats: {
      required: ['totalBuilds', 'totalRuns', 'totalUsers', 'totalUsers7Days', 'totalUsers30Days', 'totalUsers90Days', 'totalMetamorphs'],
      nullable: ['lastRunStartedAt'],
    },
  },
  items: { versions: VERSION },
};
const ACTOR_SHORT: Shape = { required: ['id', 'name', 'username', 'createdAt', 'modifiedAt'] };
const WEBHOOK: Shape = {
  required: ['id', 'createdAt', 'modifiedAt', 'userId', 'eventTypes', 'condition', 'ignoreSslErrors', 'requestUrl'],
  nested: { condition: { required: [], nullable: ['actorId', 'actorTaskId', 'actorRunId'] } },
};
const BUILD: Shape = {
  required: ['id', 'actId', 'userId', 'startedAt', 'finishedAt', 'status', 'meta', 'buildNumber'],
  nullable: ['finishedAt', 'stats'],
  enums: { status: JOB_STATUSES },
  nested: { meta: META, stats: { required: [], absent: ['workersUsed', 'durationMillis 1000'] } },
  absent: ['version'],
};
const BUILD_SHORT: Shape = {
  required: ['id', 'status', 'startedAt', 'finishedAt', 'buildNumber'],
  nullable: ['finishedAt'],
  enums: { status: JOB_STATUSES },
  absent: ['version'],
};
const RUN: Shape = {
  required: [
    'id',
    'actId',
    'buildId',
    'userId',
    'startedAt',
    'finishedAt',
    'status',
    'meta',
    'stats',
    'defaultKeyValueStoreId',
    'defaultDatasetId',
    'defaultRequestQueueId',
  ],
  nullable: ['finishedAt', 'actorTaskId', 'exitCode', 'metamorphs'],
  enums: { status: JOB_STATUSES },
  nested: { meta: META, stats: { required: [], absent: ['workersUsed'] } },
  absent: ['actTaskId'],
};
const METAMORPH: Shape = { required: ['createdAt', 'actorId', 'buildId', 'inputKey'] };
const RUN_METAMORPHED: Shape = {
  ...RUN,
  required: [...RUN.required, 'metamorphs'],
  nullable: RUN.nullable?.filter((member) => member !== 'metamorphs'),
  items: { metamorphs: METAMORPH },
};
const RUN_SHORT: Shape = {
  required: ['id', 'buildId', 'status', 'startedAt', 'finishedAt', 'defaultKeyValueStoreId', 'defaultDatasetId', 'defaultRequestQueueId'],
  nullable: ['finishedAt'],
  enums: { status: JOB_STATUSES },
};
const KEY_VALUE_STORE: Shape = { required: ['id', 'name', 'userId', 'createdAt', 'modifiedAt', 'accessedAt'], nullable: ['name'] };
const DATASET: Shape = { ...KEY_VALUE_STORE, required: [...KEY_VALUE_STORE.required, 'itemCount', 'cleanItemCount'] };
const KEY_LIST: Shape = {
  required: ['limit', 'isTruncated', 'exclusiveStartKey', 'nextExclusiveStartKey', 'count', 'items'],
  nullable: ['exclusiveStartKey', 'nextExclusiveStartKey'],
  items: { items: { required: ['key', 'size'] } },
};
const TASK_STATS: Shape = { required: ['totalRuns'] };
const TASK: Shape = {
  required: ['id', 'userId', 'actId', 'name', 'createdAt', 'modifiedAt'],
  nullable: ['username', 'removedAt', 'stats', 'options', 'input'],
  nested: { stats: TASK_STATS, options: { required: [], nullable: ['build', 'timeoutSecs', 'memoryMbytes'] } },
};
const TASK_SHORT: Shape = {
  required: ['id', 'userId', 'actId', 'actName', 'actUsername', 'name', 'createdAt', 'modifiedAt'],
  nullable: ['username', 'stats'],
  nested: { stats: TASK_STATS },
};
/** A run started through a task names it. */
const TASK_RUN: Shape = { ...RUN, required: [...RUN.required, 'actorTaskId'], nullable: RUN.nullable?.filter((member) => member !== 'actorTaskId') };
const DISPATCH: Shape = {
  required: ['id', 'createdAt', 'webhookId', 'userId', 'status', 'eventType', 'eventData'],
  nullable: ['calls'],
  enums: { status: ['ACTIVE', 'SUCCEEDED', 'FAILED'] },
  nested: { eventData: { required: ['actorId'], nullable: ['actorTaskId'] } },
  items: { calls: { required: ['startedAt', 'finishedAt'], nullable: ['startedAt', 'finishedAt', 'responseStatus', 'responseBody', 'errorMessage'] } },
};
const USER_PUBLIC: Shape = { required: ['username', 'profile'], absent: ['email', 'proxy', 'id'] };
const USER_PRIVATE: Shape = {
  required: ['id', 'username', 'email', 'profile', 'proxy'],
  nullable: ['plan', 'limits', 'currentBillingPeriod'],
  nested: { proxy: { required: ['password', 'groups'] } },
};
const page = (item: Shape): Shape => ({ required: ['total', 'offset', 'limit', 'desc', 'count', 'items'], items: { items: item } });

const REQUEST_QUEUE: Shape = {
  required: [
    'id',
    'name',
    'userId',
    'createdAt',
    'modifiedAt',
    'accessedAt',
    'totalRequestCount',
    'handledRequestCount',
    'pendingRequestCount',
    'hadMultipleClients',
  ],
  nullable: ['name'],
};
const REQUEST: Shape = { required: ['id', 'uniqueKey', 'url'], nullable: ['handledAt', 'userData', 'headers'] };
const OPERATION_INFO: Shape = { required: ['requestId', 'wasAlreadyPresent', 'wasAlreadyHandled'] };

/** The object each action answers with in `data`. */
const DATA_SHAPES: Record<string, Shape> = {
  'Actor collection > Get list of actors': page(ACTOR_SHORT),
  'Actor collection > Create actor': ACTOR,
  'Actor object > Get actor': ACTOR,
  'Actor object > Update actor': ACTOR,
  'Version collection > Get list of versions': { required: ['total', 'items'], items: { items: VERSION } },
  'Version collection > Create version': VERSION,
  'Version object > Get version': VERSION,
  'Version object > Update version': VERSION,
  'Webhook collection > Get list of webhooks': page(WEBHOOK),
  'Build collection > Get list of builds': page(BUILD_SHORT),
  'Build collection > Build actor': BUILD,
  'Build object > Get build': BUILD,
  'Abort build > Abort build': BUILD,
  'Run collection > Get list of runs': page(RUN_SHORT),
  'Run collection > Run actor': RUN,
  'Run object > Get run': RUN,
  'Abort run > Abort run': RUN,
  'Metamorph run > Metamorph run': RUN_METAMORPHED,
  'Queue collection > Get list of request queues': page(REQUEST_QUEUE),
  'Queue collection > Create request queue': REQUEST_QUEUE,
  'Queue > Get request queue': REQUEST_QUEUE,
  'Queue > Update request queue': REQUEST_QUEUE,
  'Request collection > Add request': OPERATION_INFO,
  'Request > Get request': REQUEST,
  'Request > Update request': OPERATION_INFO,
  'Queue head > Get head': {
    required: ['limit', 'queueModifiedAt', 'hadMultipleClients', 'items'],
    items: { items: { required: ['id', 'uniqueKey', 'url', 'method', 'retryCount'], absent: ['uniqueKe"'] } },
  },
  'Store collection > Get list of key-value stores': page(KEY_VALUE_STORE),
  'Store collection > Create key-value store': KEY_VALUE_STORE,
  'Store object > Get store': KEY_VALUE_STORE,
  'Store object > Update store': KEY_VALUE_STORE,
  'Key collection > Get list of keys': KEY_LIST,
  'Dataset collection > Get list of datasets': page(DATASET),
  'Dataset collection > Create dataset': DATASET,
  'Dataset > Get dataset': DATASET,
  'Dataset > Update dataset': DATASET,
  'Resurrect run > Resurrect run': RUN,
  'Last run object and its storages > Get last run': RUN,
  'Task collection > Get list of tasks': page(TASK_SHORT),
  'Task collection > Create task': TASK,
  'Task object > Get task': TASK,
  'Task object > Update task': TASK,
  'Task webhook collection > Get list of webhooks': page(WEBHOOK),
  'Task run collection > Get list of task runs': page(RUN_SHORT),
  'Task run collection > Run task': TASK_RUN,
  'Last task run object and its storages > Get last run': TASK_RUN,
  'Webhook list > Get list of webhooks': page(WEBHOOK),
  'Webhook list > Create webhook': WEBHOOK,
  'Webhook object > Get webhook': WEBHOOK,
  'Webhook object > Update webhook': WEBHOOK,
  'Dispatches collection > Get list of dispatches': page(DISPATCH),
  'Webhook dispatches collection > Get list of webhook dispatches': page(DISPATCH),
  'Webhook dispatch object > Get webhook dispatch': DISPATCH,
  'Public data > Get public user data': USER_PUBLIC,
  'Private data > Get private user data': USER_PRIVATE,
};

/** Every way `node` departs from `shape`, each message naming the member path. */
function shapeErrors(node: SchemaNode, shape: Shape, path: string): string[] {
  const errors: string[] = [];
  const properties = node.properties ?? {};
  const required = [...(node.required ?? [])].sort();
  const expectedRequired = [...shape.required].sort();
  if (JSON.stringify(required) !== JSON.stringify(expectedRequired)) {
    errors.push(`${path}: required is [${required.join(', ')}], expected [${expectedRequired.join(', ')}]`);
  }
  const member = (name: string): SchemaNode | undefined => {
    if (!properties[name]) errors.push(`${path}.${name} is not documented`);
    return properties[name];
  };
  for (const name of shape.nullable ?? []) {
    const schema = member(name);
    if (schema && !allowsNull(schema)) errors.push(`${path}.${name} does not accept null`);
  }
  for (const [name, values] of Object.entries(shape.enums ?? {})) {
    const schema = member(name);
    if (schema && JSON.stringify(nonNull(schema).enum) !== JSON.stringify(values)) {
      errors.push(`${path}.${name} enum is ${JSON.stringify(nonNull(schema).enum)}, expected ${JSON.stringify(values)}`);
    }
  }
  for (const [name, nested] of Object.entries(shape.nested ?? {})) {
    const schema = member(name);
    if (schema) errors.push(...shapeErrors(nonNull(schema), nested, `${path}.${name}`));
  }
  for (const [name, item] of Object.entries(shape.items ?? {})) {
    const schema = member(name);
    if (!schema) continue;
    try {
      errors.push(...shapeErrors(itemSchema(schema), item, `${path}.${name}[]`));
    } catch {
      errors.push(`${path}.${name} does not type its items (the array needs fixed-type)`);
    }
  }
  for (const name of shape.absent ?? []) {
    if (properties[name]) errors.push(`${path}.${name} is documented, but the 2020 name is wrong (spec/ERRATA.md)`);
  }
  return errors;
}

/** Property names with white space: the trace of an MSON member line that lacks its colon. */
function oddPropertyNames(node: unknown, path: string): string[] {
  if (node === null || typeof node !== 'object') return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && value && typeof value === 'object') {
      found.push(
        ...Object.keys(value)
          .filter((name) => /\s/.test(name))
          .map((name) => `${path}.${name}`),
      );
    }
    found.push(...oddPropertyNames(value, `${path}.${key}`));
  }
  return found;
}

const spec = await loadSpec();
const withData = spec.transactions.filter((transaction) => DATA_SHAPES[actionOf(transaction)] !== undefined);

describe('the data each response documents', () => {
  it('has a shape for every action that answers with data', () => {
    const answering = spec.transactions.filter(
      (transaction) => transaction.response.schema !== undefined && responseSchema(transaction).properties?.data !== undefined,
    );
    expect(answering.map((transaction) => transaction.name)).toEqual(withData.map((transaction) => transaction.name));
  });

  it.each(withData.map((transaction) => [transaction.name, transaction] as const))('%s', (name, transaction) => {
    expect(shapeErrors(dataSchema(transaction), DATA_SHAPES[actionOf(transaction)], 'data'), name).toEqual([]);
  });
});

describe('every response schema', () => {
  it('has no property name with white space in it', () => {
    const odd = spec.transactions.flatMap((transaction) =>
      transaction.response.schema ? oddPropertyNames(JSON.parse(transaction.response.schema), transaction.name) : [],
    );
    expect(odd).toEqual([]);
  });
});
