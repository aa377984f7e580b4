// Hand-written, documented-looking valid bodies: the starting points of the broken-sample tests. Each call
// returns a fresh copy, so a test may change it freely.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const ID = {
  actor: 'zdc3Pyhyz3m8vjDeM',
  user: 'wRsJZtadYvn4mBZmm',
  build: 'HG7ML7M8z78YcAPEB',
  run: '3KH8gEpp4d8uQSe8T',
  store: 'eJNzqsbPiopwJcgGQ',
  dataset: 'wmKPijuyDnPZAPRMk',
  queue: 'FL35cSF7jrxr3BY39',
  webhook: 'YiKoxjkaS9gjGTqhF',
} as const;

export function version(): JsonObject {
  return {
    versionNumber: '0.0',
    sourceType: 'SOURCE_CODE',
    buildTag: 'latest',
    envVars: [
      { name: 'DOMAIN', value: 'http://example.com', isSecret: false },
      { name: 'SECRET_PASSWORD', isSecret: true },
    ],
    baseDockerImage: 'apify/actor-node-basic',
    applyEnvVarsToBuild: false,
    sourceCode: "console.log('Hello world!');",
  };
}

export function actor(): JsonObject {
  return {
    id: ID.actor,
    userId: ID.user,
    name: 'MyActor',
    username: 'john35',
    description: 'My favourite actor!',
    isPublic: false,
    title: 'My Actor',
    createdAt: '2017-07-08T11:27:57.401Z',
    modifiedAt: '2017-07-08T14:01:05.546Z',
    restartOnError: false,
    stats: {
      totalBuilds: 9,
      totalRuns: 16,
      totalUsers: 6,
      totalUsers7Days: 2,
      totalUsers30Days: 6,
      totalUsers90Days: 6,
      totalMetamorphs: 2,
      lastRunStartedAt: '2019-07-08T14:01:05.546Z',
    },
    versions: [version()],
  };
}

export function actorShort(): JsonObject {
  return {
    id: 'br9CKmk457zzzzzzz',
    name: 'MyAct',
    username: 'john-doe',
    createdAt: '2015-10-29T07:34:24.202Z',
    modifiedAt: '2015-10-30T07:34:24.202Z',
  };
}

export function webhook(): JsonObject {
  return {
    id: ID.webhook,
    createdAt: '2015-12-12T07:34:14.202Z',
    modifiedAt: '2015-12-13T08:36:13.202Z',
    userId: ID.user,
    isAdHoc: false,
    eventTypes: ['ACTOR.RUN.SUCCEEDED'],
    condition: { actorId: ID.actor, actorTaskId: null },
    ignoreSslErrors: false,
    doNotRetry: false,
    requestUrl: 'http://example.com/',
    payloadTemplate: '{\n "userId": {{userId}}\n}',
    lastDispatch: { status: 'SUCCEEDED', finishedAt: '2015-12-13T08:36:13.202Z' },
    stats: { totalDispatches: 1 },
  };
}

export function build(): JsonObject {
  return {
    id: ID.build,
    actId: ID.actor,
    userId: ID.user,
    startedAt: '2015-11-30T07:34:24.202Z',
    finishedAt: '2015-12-12T09:30:12.202Z',
    status: 'SUCCEEDED',
    meta: { origin: 'WEB', clientIp: '172.234.12.34', userAgent: 'Mozilla/5.0 (iPad)' },
    stats: { durationMillis: 1000 },
    buildNumber: '0.0.1',
    readme: '# Magic actor',
    inputSchema: null,
  };
}

export function buildShort(): JsonObject {
  return {
    id: ID.build,
    status: 'RUNNING',
    startedAt: '2015-11-30T07:34:24.202Z',
    finishedAt: null,
    buildNumber: '0.0.2',
  };
}

export function run(): JsonObject {
  return {
    id: ID.run,
    actId: ID.actor,
    buildId: ID.build,
    userId: ID.user,
    actorTaskId: null,
    startedAt: '2015-11-30T07:34:24.202Z',
    finishedAt: null,
    status: 'RUNNING',
    meta: { origin: 'API', userAgent: 'ApifyClient/2.25.0' },
    stats: { restartCount: 0, durationMillis: 1200 },
    options: { build: 'latest', timeoutSecs: 60, memoryMbytes: 256, diskMbytes: 512 },
    buildNumber: '0.0.1',
    exitCode: null,
    defaultKeyValueStoreId: ID.store,
    defaultDatasetId: ID.dataset,
    defaultRequestQueueId: ID.queue,
    metamorphs: [{ createdAt: '2015-11-30T07:39:24.202Z', actorId: 'nspoEjklmnsF2oosD', buildId: 'ME6oKecqy5kXDS4KQ', inputKey: 'INPUT-METAMORPH-1' }],
  };
}

export function runShort(): JsonObject {
  return {
    id: ID.run,
    buildId: ID.build,
    status: 'SUCCEEDED',
    startedAt: '2015-11-30T07:34:24.202Z',
    finishedAt: '2015-12-12T09:30:12.202Z',
    defaultKeyValueStoreId: ID.store,
    defaultDatasetId: ID.dataset,
    defaultRequestQueueId: ID.queue,
  };
}

export function page(items: Json[]): JsonObject {
  return { total: items.length, offset: 0, limit: 1000, desc: false, count: items.length, items };
}

export function keyList(): JsonObject {
  return { limit: 1000, isTruncated: true, exclusiveStartKey: null, nextExclusiveStartKey: 'some-other-key', count: 1, items: [{ key: 'a', size: 3 }] };
}

export function errorBody(type = 'record-not-found'): JsonObject {
  return { error: { type, message: 'Store was not found.' } };
}

export function actCreate(): JsonObject {
  return { name: 'MyActor', description: null, isPublic: false, versions: [{ versionNumber: '0.0', sourceType: 'SOURCE_CODE', sourceCode: '' }] };
}

export function data(body: Json): JsonObject {
  return { data: body };
}
