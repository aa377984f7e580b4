// TypeScript shapes of the objects described by schemas/ (one interface per schema file; spec/ and
// docs/ARCHITECTURE.md name the decisions behind them). The schemas are the authority: common/schemas.ts only
// hands out these types for data that has passed the matching schema. Every object may carry undocumented
// extra members, which the index signatures admit.

export type JobStatus = 'READY' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMING-OUT' | 'TIMED-OUT' | 'ABORTING' | 'ABORTED';

export type SourceType = 'SOURCE_CODE' | 'SOURCE_FILES' | 'GIT_REPO' | 'TARBALL' | 'GITHUB_GIST';

/** Undocumented members the live API adds; the schemas accept them. */
interface Open {
  [extra: string]: unknown;
}

export interface JobMeta extends Open {
  origin: string;
  clientIp?: string;
  userAgent?: string;
}

export interface Metamorph extends Open {
  createdAt: string;
  actorId: string;
  buildId: string;
  inputKey: string;
}

export interface EnvVar extends Open {
  name: string;
  value?: string;
  isSecret?: boolean | null;
}

export interface SourceFile extends Open {
  name: string;
  format?: 'TEXT' | 'BASE64';
  content?: string;
}

export interface Version extends Open {
  versionNumber: string;
  sourceType: SourceType;
  buildTag: string;
  envVars?: EnvVar[] | null;
  baseDockerImage?: string | null;
  applyEnvVarsToBuild?: boolean | null;
  sourceCode?: string | null;
  sourceFiles?: SourceFile[] | null;
  gitRepoUrl?: string | null;
  tarballUrl?: string | null;
  gitHubGistUrl?: string | null;
}

export interface VersionUpdate extends Open {
  versionNumber?: string | null;
  sourceType?: SourceType | null;
  buildTag?: string | null;
  envVars?: EnvVar[] | null;
  baseDockerImage?: string | null;
  applyEnvVarsToBuild?: boolean | null;
  sourceCode?: string | null;
  sourceFiles?: SourceFile[] | null;
  gitRepoUrl?: string | null;
  tarballUrl?: string | null;
  gitHubGistUrl?: string | null;
}

export interface ActorStats extends Open {
  totalBuilds: number;
  totalRuns: number;
  totalUsers: number;
  totalUsers7Days: number;
  totalUsers30Days: number;
  totalUsers90Days: number;
  totalMetamorphs: number;
  lastRunStartedAt?: string | null;
}

export interface Actor extends Open {
  id: string;
  userId: string;
  name: string;
  username: string;
  description?: string | null;
  title?: string | null;
  isPublic: boolean;
  restartOnError?: boolean | null;
  createdAt: string;
  modifiedAt: string;
  defaultRunOptions?: { build?: string; timeoutSecs?: number; memoryMbytes?: number; [extra: string]: unknown } | null;
  stats: ActorStats;
  versions: Version[];
}

export interface ActorShort extends Open {
  id: string;
  name: string;
  username: string;
  createdAt: string;
  modifiedAt: string;
}

export interface ActUpdate extends Open {
  name?: string;
  description?: string | null;
  title?: string | null;
  isPublic?: boolean;
  restartOnError?: boolean | null;
  versions?: VersionUpdate[];
}

export interface ActCreate extends ActUpdate {
  name: string;
}

export interface Webhook extends Open {
  id: string;
  createdAt: string;
  modifiedAt: string;
  userId: string;
  isAdHoc?: boolean | null;
  eventTypes: string[];
  condition: {
    actorId?: string | null;
    actorTaskId?: string | null;
    actorRunId?: string | null;
    [extra: string]: unknown;
  };
  ignoreSslErrors: boolean;
  doNotRetry?: boolean | null;
  requestUrl: string;
  payloadTemplate?: string | null;
  lastDispatch?: { status: string; finishedAt: string; [extra: string]: unknown } | null;
  stats?: { totalDispatches: number; [extra: string]: unknown } | null;
}

export interface Build extends Open {
  id: string;
  actId: string;
  userId: string;
  startedAt: string;
  finishedAt: string | null;
  status: JobStatus;
  meta: JobMeta;
  buildNumber: string;
  stats?: { durationMillis?: number; runTimeSecs?: number; computeUnits?: number; [extra: string]: unknown } | null;
  options?: { useCache?: boolean; betaPackages?: boolean; memoryMbytes?: number; diskMbytes?: number; [extra: string]: unknown } | null;
  readme?: string | null;
  inputSchema?: string | null;
  usage?: Record<string, unknown> | null;
}

export interface BuildShort extends Open {
  id: string;
  status: JobStatus;
  startedAt: string;
  finishedAt: string | null;
  buildNumber: string;
}

export interface RunStats extends Open {
  inputBodyLen?: number;
  restartCount?: number;
  resurrectCount?: number;
  durationMillis?: number;
  runTimeSecs?: number;
  computeUnits?: number;
}

export interface RunOptions extends Open {
  build?: string;
  timeoutSecs?: number;
  memoryMbytes?: number;
  diskMbytes?: number;
}

export interface Run extends Open {
  id: string;
  actId: string;
  buildId: string;
  userId: string;
  actorTaskId?: string | null;
  startedAt: string;
  finishedAt: string | null;
  status: JobStatus;
  statusMessage?: string | null;
  meta: JobMeta;
  stats: RunStats;
  options?: RunOptions | null;
  buildNumber?: string | null;
  exitCode?: number | null;
  defaultKeyValueStoreId: string;
  defaultDatasetId: string;
  defaultRequestQueueId: string;
  metamorphs?: Metamorph[] | null;
  containerUrl?: string | null;
}

export interface RunShort extends Open {
  id: string;
  actId?: string;
  buildId: string;
  buildNumber?: string;
  status: JobStatus;
  startedAt: string;
  finishedAt: string | null;
  meta?: JobMeta;
  defaultKeyValueStoreId: string;
  defaultDatasetId: string;
  defaultRequestQueueId: string;
}

export interface PaginatedList<Item> extends Open {
  total: number;
  offset: number;
  limit: number;
  desc: boolean;
  count: number;
  items: Item[];
}

export interface VersionList extends Open {
  total: number;
  items: Version[];
}

export interface KeyList<Item> extends Open {
  limit: number;
  isTruncated: boolean;
  exclusiveStartKey: string | null;
  nextExclusiveStartKey: string | null;
  count: number;
  items: Item[];
}

export interface KeyListItem extends Open {
  key: string;
  size: number;
}

export interface KeyValueStore extends Open {
  id: string;
  name: string | null;
  userId: string;
  createdAt: string;
  modifiedAt: string;
  accessedAt: string;
}

export interface Dataset extends KeyValueStore {
  itemCount: number;
  cleanItemCount: number;
}

export interface StorageUpdate extends Open {
  name: string | null;
}

export interface ErrorBody extends Open {
  error: { type: string; message: string; [extra: string]: unknown };
}

/** The `{data: ...}` envelope of every successful JSON response. */
export interface DataBody<Data> extends Open {
  data: Data;
}

// Request queues

export interface RequestQueue extends Open {
  id: string;
  name: string | null;
  userId: string;
  createdAt: string;
  modifiedAt: string;
  accessedAt: string;
  totalRequestCount: number;
  handledRequestCount: number;
  pendingRequestCount: number;
  hadMultipleClients: boolean;
}

export interface QueueRequestWithoutId extends Open {
  uniqueKey: string;
  url: string;
  method?: string;
  retryCount?: number;
  userData?: Record<string, unknown> | null;
  handledAt?: string | null;
}

export interface QueueRequest extends QueueRequestWithoutId {
  id: string;
}

export interface RequestOperationInfo extends Open {
  requestId: string;
  wasAlreadyPresent: boolean;
  wasAlreadyHandled: boolean;
}

export interface HeadItem extends Open {
  id: string;
  uniqueKey: string;
  url: string;
  method: string;
  retryCount: number;
}

export interface QueueHead extends Open {
  limit: number;
  queueModifiedAt: string;
  hadMultipleClients: boolean;
  items: HeadItem[];
}

export interface LockedQueueHead extends QueueHead {
  queueHasLockedRequests: boolean;
  clientKey?: string | null;
  lockSecs: number;
  items: Array<HeadItem & { lockExpiresAt: string }>;
}

export interface BatchResult extends Open {
  processedRequests: Array<{ requestId?: string | null; uniqueKey: string | null; wasAlreadyPresent?: boolean; wasAlreadyHandled?: boolean }>;
  unprocessedRequests: Array<{ uniqueKey?: string | null; url?: string; method?: string }>;
}

export interface RequestList extends Open {
  limit: number;
  exclusiveStartId?: string | null;
  cursor?: string | null;
  nextCursor?: string | null;
  items: QueueRequest[];
}

export interface TaskOptions extends Open {
  build?: string | null;
  timeoutSecs?: number | null;
  memoryMbytes?: number | null;
}

export interface Task extends Open {
  id: string;
  userId: string;
  actId: string;
  name: string;
  username?: string | null;
  createdAt: string;
  modifiedAt: string;
  removedAt?: string | null;
  stats?: { totalRuns: number; [extra: string]: unknown } | null;
  options?: TaskOptions | null;
  input?: Record<string, unknown> | null;
}

export interface TaskShort extends Open {
  id: string;
  userId: string;
  actId: string;
  actName: string;
  actUsername: string;
  name: string;
  createdAt: string;
  modifiedAt: string;
}

export interface TaskCreate extends Open {
  actId: string;
  name?: string;
  options?: TaskOptions | null;
  input?: Record<string, unknown> | null;
}

export interface TaskUpdate extends Open {
  name?: string;
  options?: TaskOptions | null;
  input?: Record<string, unknown> | null;
}

export interface WebhookCreate extends Open {
  eventTypes: string[];
  condition: Webhook['condition'];
  requestUrl: string;
  idempotencyKey?: string | null;
  isAdHoc?: boolean | null;
  ignoreSslErrors?: boolean | null;
  doNotRetry?: boolean | null;
  payloadTemplate?: string | null;
}

export type WebhookUpdate = Partial<WebhookCreate>;

export interface WebhookDispatchCall extends Open {
  startedAt: string | null;
  finishedAt: string | null;
  responseStatus?: number | null;
  responseBody?: string | null;
  errorMessage?: string | null;
}

export interface WebhookDispatch extends Open {
  id: string;
  createdAt: string;
  webhookId: string;
  userId: string;
  status: 'ACTIVE' | 'SUCCEEDED' | 'FAILED';
  eventType: string;
  eventData: { actorId: string; actorTaskId?: string | null; actorRunId?: string; actorBuildId?: string; [extra: string]: unknown };
  calls?: WebhookDispatchCall[] | null;
}

export interface UserProfile extends Open {
  bio?: string | null;
  name?: string | null;
  pictureUrl?: string | null;
  githubUsername?: string | null;
  websiteUrl?: string | null;
  twitterUsername?: string | null;
}

export interface UserPublic extends Open {
  username: string;
  profile: UserProfile;
}

export interface UserPrivate extends UserPublic {
  id: string;
  email: string;
  proxy: { password: string; groups: unknown[]; [extra: string]: unknown };
}

/** The type of data that passed each schema of schemas/ (keyed by file name without .json). */
export interface SchemaTypes {
  id: string;
  'date-time': string;
  'build-number': string;
  'job-status': JobStatus;
  'job-meta': JobMeta;
  metamorph: Metamorph;
  'env-var': EnvVar;
  'source-file': SourceFile;
  version: Version;
  'version-update': VersionUpdate;
  actor: Actor;
  'actor-short': ActorShort;
  'act-create': ActCreate;
  'act-update': ActUpdate;
  webhook: Webhook;
  build: Build;
  'build-short': BuildShort;
  run: Run;
  'run-short': RunShort;
  'paginated-list': PaginatedList<unknown>;
  'version-list': VersionList;
  'key-list': KeyList<KeyListItem>;
  error: ErrorBody;
  'actor-response': DataBody<Actor>;
  'actor-list-response': DataBody<PaginatedList<ActorShort>>;
  'version-response': DataBody<Version>;
  'version-list-response': DataBody<VersionList>;
  'webhook-list-response': DataBody<PaginatedList<Webhook>>;
  'build-response': DataBody<Build>;
  'build-list-response': DataBody<PaginatedList<BuildShort>>;
  'run-response': DataBody<Run>;
  'run-list-response': DataBody<PaginatedList<RunShort>>;
  'metamorph-run-response': DataBody<Run & { metamorphs: Metamorph[] }>;
  'run-failed-error': ErrorBody;
  'run-timeout-error': ErrorBody;
  'request-queue': RequestQueue;
  'request-queue-response': DataBody<RequestQueue>;
  'request-queue-list-response': DataBody<PaginatedList<RequestQueue>>;
  'request-queue-update': { name: string; [extra: string]: unknown };
  'request-without-id': QueueRequestWithoutId;
  'request-id': string;
  request: QueueRequest;
  'request-response': DataBody<QueueRequest>;
  'request-operation-info': RequestOperationInfo;
  'request-operation-response': DataBody<RequestOperationInfo>;
  'head-item': HeadItem;
  'queue-head': QueueHead;
  'queue-head-response': DataBody<QueueHead>;
  'locked-queue-head-response': DataBody<LockedQueueHead>;
  'request-lock-response': DataBody<{ lockExpiresAt: string; [extra: string]: unknown }>;
  'unlock-response': DataBody<{ unlockedCount: number; [extra: string]: unknown }>;
  'batch-result-response': DataBody<BatchResult>;
  'request-list-response': DataBody<RequestList>;
  // Key-value stores and datasets
  'key-value-store': KeyValueStore;
  dataset: Dataset;
  'storage-update': StorageUpdate;
  'key-value-store-response': DataBody<KeyValueStore>;
  'key-value-store-list-response': DataBody<PaginatedList<KeyValueStore>>;
  'dataset-response': DataBody<Dataset>;
  'dataset-list-response': DataBody<PaginatedList<Dataset>>;
  'key-list-response': DataBody<KeyList<KeyListItem>>;
  'dataset-items': Array<Record<string, unknown>>;
  'empty-object': Record<string, unknown>;
  // Actor tasks, webhooks and their dispatches, users
  task: Task;
  'task-short': TaskShort;
  'task-create': TaskCreate;
  'task-update': TaskUpdate;
  'task-input': Record<string, unknown>;
  'task-response': DataBody<Task>;
  'task-list-response': DataBody<PaginatedList<TaskShort>>;
  'task-run-response': DataBody<Run & { actorTaskId: string }>;
  'webhook-create': WebhookCreate;
  'webhook-update': WebhookUpdate;
  'webhook-response': DataBody<Webhook>;
  'webhook-dispatch': WebhookDispatch;
  'webhook-dispatch-response': DataBody<WebhookDispatch>;
  'webhook-dispatch-list-response': DataBody<PaginatedList<WebhookDispatch>>;
  'user-public': UserPublic;
  'user-private': UserPrivate;
  'user-public-response': DataBody<UserPublic>;
  'user-private-response': DataBody<UserPrivate>;
}

export type SchemaName = keyof SchemaTypes;
