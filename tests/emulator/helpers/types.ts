// The shapes the tests read from the emulator's answers, written from the references (not from emulator/), so a
// field the emulator renames shows up as a failing test rather than a compile-time agreement.

export type JobStatus = 'READY' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMING-OUT' | 'TIMED-OUT' | 'ABORTING' | 'ABORTED';

export const TERMINAL_STATUSES: readonly JobStatus[] = ['SUCCEEDED', 'FAILED', 'TIMED-OUT', 'ABORTED'];

export interface EnvVar {
  name: string;
  value?: string;
  isSecret?: boolean;
}

export interface SourceFile {
  name: string;
  format: 'TEXT' | 'BASE64';
  content: string;
}

export type SourceType = 'SOURCE_CODE' | 'SOURCE_FILES' | 'GIT_REPO' | 'TARBALL' | 'GITHUB_GIST';

export interface Version {
  versionNumber: string;
  sourceType: SourceType;
  buildTag: string;
  envVars?: EnvVar[] | null;
  sourceCode?: string | null;
  sourceFiles?: SourceFile[] | null;
  gitRepoUrl?: string | null;
  tarballUrl?: string | null;
  gitHubGistUrl?: string | null;
  baseDockerImage?: string | null;
  applyEnvVarsToBuild?: boolean | null;
}

export interface ActorStats {
  totalBuilds: number;
  totalRuns: number;
  totalUsers: number;
  totalUsers7Days: number;
  totalUsers30Days: number;
  totalUsers90Days: number;
  totalMetamorphs: number;
  lastRunStartedAt?: string | null;
}

export interface Actor {
  id: string;
  userId: string;
  name: string;
  username: string;
  isPublic: boolean;
  createdAt: string;
  modifiedAt: string;
  description?: string | null;
  title?: string | null;
  restartOnError?: boolean | null;
  stats: ActorStats;
  versions: Version[];
}

export interface ActorShort {
  id: string;
  name: string;
  username: string;
  createdAt: string;
  modifiedAt: string;
}

export interface Build {
  id: string;
  actId: string;
  userId: string;
  startedAt: string;
  finishedAt: string | null;
  status: JobStatus;
  buildNumber: string;
  meta: JobMeta;
  options?: { useCache?: boolean; betaPackages?: boolean; memoryMbytes?: number; diskMbytes?: number } | null;
  statusMessage?: string | null;
  usageTotalUsd?: number;
}

/** meta of runs and builds; clientIp and userAgent are null where the request did not tell. */
export interface JobMeta {
  origin: string;
  clientIp?: string | null;
  userAgent?: string | null;
}

export interface Metamorph {
  createdAt: string;
  actorId: string;
  buildId: string;
  inputKey: string;
}

export interface Run {
  id: string;
  actId: string;
  userId: string;
  buildId: string;
  buildNumber?: string | null;
  startedAt: string;
  finishedAt: string | null;
  status: JobStatus;
  exitCode?: number | null;
  statusMessage?: string | null;
  meta: JobMeta;
  stats: { resurrectCount?: number } & Record<string, unknown>;
  options?: { build?: string; timeoutSecs?: number; memoryMbytes?: number; diskMbytes?: number } | null;
  defaultKeyValueStoreId: string;
  defaultDatasetId: string;
  defaultRequestQueueId: string;
  metamorphs?: Metamorph[] | null;
  usageTotalUsd?: number;
}

export interface Webhook {
  id: string;
  createdAt: string;
  modifiedAt: string;
  userId: string;
  isAdHoc?: boolean | null;
  eventTypes: string[];
  condition: { actorId?: string | null; actorTaskId?: string | null; actorRunId?: string | null };
  ignoreSslErrors: boolean;
  requestUrl: string;
}

export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  desc: boolean;
  count: number;
  items: T[];
}

export interface VersionList {
  total: number;
  items: Version[];
}

export interface ApiErrorBody {
  error: { type: string; message: string };
}

/** What the scripted test actor (actors/scripted.js) stores as its default output. */
export interface ScriptedOutput {
  input: unknown;
  inputKey: string;
  actorId: string;
  runId: string;
  retainedMb: number;
}

/** What the env-dump test actor (actors/env-dump.js) stores as OUTPUT. */
export interface EnvDump {
  env: Record<string, string>;
  heapLimitMb: number;
}
