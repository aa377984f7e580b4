// The records the emulator keeps in memory. Builds, runs and webhooks are stored in the API's own shape, so a read
// returns the record itself; actors keep a few internal fields that the view (views.ts) leaves out.

export const JOB_STATUSES = ['READY', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMING-OUT', 'TIMED-OUT', 'ABORTING', 'ABORTED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const SOURCE_TYPES = ['SOURCE_CODE', 'SOURCE_FILES', 'GIT_REPO', 'TARBALL', 'GITHUB_GIST'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export interface User {
  id: string;
  username: string;
  token: string;
  createdAt: string;
  /** Other users' actors this user has run: they appear in the user's actor list unless `my=1`. */
  usedActorIds: Set<string>;
  email: string;
  /** The password of the user's proxy account (private data). */
  proxyPassword: string;
}

export interface TaskOptions {
  build: string | null;
  timeoutSecs: number | null;
  memoryMbytes: number | null;
}

export interface Task {
  id: string;
  userId: string;
  actId: string;
  name: string;
  username: string;
  createdAt: string;
  modifiedAt: string;
  removedAt: string | null;
  stats: { totalRuns: number };
  options: TaskOptions;
  /** Stored apart from the actor; a run of the task gets it with the run's own input laid over it key by key. */
  input: Record<string, unknown>;
  /** Internal: the runs started through the task, in start order. */
  runs: Run[];
}

export interface EnvVar {
  name: string;
  value: string;
  isSecret: boolean;
}

export interface SourceFile {
  name: string;
  format: 'TEXT' | 'BASE64';
  content: string;
}

export interface Version {
  versionNumber: string;
  sourceType: SourceType;
  buildTag: string;
  envVars: EnvVar[] | null;
  applyEnvVarsToBuild: boolean | null;
  baseDockerImage: string | null;
  sourceCode: string | null;
  sourceFiles: SourceFile[] | null;
  gitRepoUrl: string | null;
  tarballUrl: string | null;
  gitHubGistUrl: string | null;
}

export interface DefaultRunOptions {
  build: string;
  timeoutSecs: number;
  memoryMbytes: number;
}

export interface TaggedBuild {
  buildId: string;
  buildNumber: string;
  finishedAt: string;
}

export interface ActorStats {
  totalBuilds: number;
  totalRuns: number;
  totalUsers: number;
  totalUsers7Days: number;
  totalUsers30Days: number;
  totalUsers90Days: number;
  totalMetamorphs: number;
  lastRunStartedAt: string | null;
}

export interface Actor {
  id: string;
  userId: string;
  name: string;
  username: string;
  title: string | null;
  description: string | null;
  isPublic: boolean;
  restartOnError: boolean | null;
  createdAt: string;
  modifiedAt: string;
  defaultRunOptions: DefaultRunOptions;
  stats: ActorStats;
  taggedBuilds: Record<string, TaggedBuild>;
  /** Internal: the versions (secret values included), builds and runs (in start order). */
  versions: Version[];
  builds: Build[];
  runs: Run[];
  /** Internal: users who have run the actor, for stats.totalUsers. */
  userIds: Set<string>;
  /** Internal: the last build number used per version ("0.0" -> 3 means 0.0.3 was the last). */
  buildCounters: Map<string, number>;
}

export interface JobMeta {
  origin: string;
  clientIp: string | null;
  userAgent: string | null;
}

export interface Build {
  id: string;
  actId: string;
  userId: string;
  startedAt: string;
  finishedAt: string | null;
  status: JobStatus;
  statusMessage: string | null;
  meta: JobMeta;
  stats: { durationMillis: number; runTimeSecs: number; computeUnits: number };
  options: { useCache: boolean; betaPackages: boolean; memoryMbytes: number; diskMbytes: number };
  buildNumber: string;
  /** The actor version the build was made from. */
  actVersion: string;
  readme: string | null;
  inputSchema: string | null;
  /** The platform's cost of the job, only with the platform variation (always 0 here). */
  usageTotalUsd?: number;
}

export interface Metamorph {
  createdAt: string;
  actorId: string;
  buildId: string;
  inputKey: string;
}

export interface RunStats {
  inputBodyLen: number;
  migrationCount: number;
  rebootCount: number;
  restartCount: number;
  resurrectCount: number;
  metamorph: number;
  durationMillis: number;
  runTimeSecs: number;
  computeUnits: number;
}

export interface Run {
  id: string;
  actId: string;
  userId: string;
  actorTaskId: string | null;
  startedAt: string;
  finishedAt: string | null;
  status: JobStatus;
  statusMessage: string | null;
  meta: JobMeta;
  stats: RunStats;
  options: { build: string; timeoutSecs: number; memoryMbytes: number; diskMbytes: number };
  buildId: string;
  buildNumber: string;
  exitCode: number | null;
  defaultKeyValueStoreId: string;
  defaultDatasetId: string;
  defaultRequestQueueId: string;
  metamorphs: Metamorph[];
  /** The platform's cost of the run, only with the platform variation (always 0 here). */
  usageTotalUsd?: number;
}

export interface Webhook {
  id: string;
  createdAt: string;
  modifiedAt: string;
  userId: string;
  isAdHoc: boolean;
  eventTypes: string[];
  condition: { actorId: string | null; actorTaskId: string | null; actorRunId: string | null };
  ignoreSslErrors: boolean;
  doNotRetry: boolean;
  requestUrl: string;
  payloadTemplate: string | null;
  lastDispatch: { status: string; finishedAt: string } | null;
  stats: { totalDispatches: number };
  idempotencyKey: string | null;
}

export type DispatchStatus = 'ACTIVE' | 'SUCCEEDED' | 'FAILED';

export interface WebhookDispatchCall {
  startedAt: string;
  finishedAt: string | null;
  responseStatus: number | null;
  responseBody: string | null;
  errorMessage: string | null;
}

export interface WebhookDispatch {
  id: string;
  createdAt: string;
  webhookId: string;
  userId: string;
  status: DispatchStatus;
  eventType: string;
  eventData: { actorId: string; actorTaskId: string | null; actorRunId?: string; actorBuildId?: string };
  calls: WebhookDispatchCall[];
}

export interface StoredRecord {
  value: Buffer;
  contentType: string;
}

/** What key-value stores and datasets share: identity, an optional name unique per user, timestamps. */
export interface StorageBase {
  id: string;
  /** null for an unnamed storage (a run's default storages, or one created without a name). */
  name: string | null;
  userId: string;
  createdAt: string;
  modifiedAt: string;
  accessedAt: string;
}

export interface KeyValueStore extends StorageBase {
  records: Map<string, StoredRecord>;
}

export interface Dataset extends StorageBase {
  /** Each item as its JSON text, so a read joins them without serialising again. */
  items: string[];
  /** Items that are not empty once their hidden (`#`) fields are left out. */
  cleanItemCount: number;
}

/** A lock on a queued request: who holds it (a keyless caller holds the locks it took without a key) and until when. */
export interface RequestLock {
  clientKey: string | undefined;
  /** Milliseconds since the epoch, on the emulator's clock. */
  expiresAt: number;
}

export interface QueueRequest {
  /** 15 characters, derived from the uniqueKey as the platform does. */
  id: string;
  /** Every member the client sent (uniqueKey, url, method, retryCount, userData, ...) except id and handledAt. */
  fields: Record<string, unknown>;
  handledAt: string | null;
  /** Position in the queue: forefront requests get ever smaller negative numbers, others ever larger positive ones. */
  order: number;
  lock: RequestLock | undefined;
}

export interface RequestQueue {
  id: string;
  name: string | null;
  userId: string;
  createdAt: string;
  modifiedAt: string;
  accessedAt: string;
  requests: Map<string, QueueRequest>;
  idsByUniqueKey: Map<string, string>;
  /** The distinct clientKeys that called, and the number of keyless calls (each is a new client). */
  clientKeys: Set<string>;
  keylessCalls: number;
  /** The order numbers last handed out at the end and at the front. */
  lastOrder: number;
  firstOrder: number;
  /** Only under the fault rq-delete-keeps-count: deleted requests that still count. */
  deletedButCounted: number;
}
