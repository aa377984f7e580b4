// Records as the API returns them. Builds, runs and webhooks are stored in the API's shape; actors and versions drop
// their internal fields here, and secret environment variables lose their value.
import type { Actor, Build, Dataset, KeyValueStore, Run, StorageBase, Version } from '../state/types.ts';

/** `secretsShown` only for the fault secret-value-returned. */
export function versionView(version: Version, secretsShown = false) {
  const view: Record<string, unknown> = {
    versionNumber: version.versionNumber,
    sourceType: version.sourceType,
    buildTag: version.buildTag,
    envVars:
      version.envVars?.map((variable) =>
        variable.isSecret && !secretsShown
          ? { name: variable.name, isSecret: true }
          : { name: variable.name, value: variable.value, isSecret: variable.isSecret },
      ) ?? null,
    applyEnvVarsToBuild: version.applyEnvVarsToBuild,
    baseDockerImage: version.baseDockerImage,
  };
  switch (version.sourceType) {
    case 'SOURCE_CODE':
      view.sourceCode = version.sourceCode;
      break;
    case 'SOURCE_FILES':
      view.sourceFiles = version.sourceFiles;
      break;
    case 'GIT_REPO':
      view.gitRepoUrl = version.gitRepoUrl;
      break;
    case 'TARBALL':
      view.tarballUrl = version.tarballUrl;
      break;
    case 'GITHUB_GIST':
      view.gitHubGistUrl = version.gitHubGistUrl;
      break;
  }
  return view;
}

export function actorView(actor: Actor) {
  return {
    id: actor.id,
    userId: actor.userId,
    name: actor.name,
    username: actor.username,
    title: actor.title,
    description: actor.description,
    isPublic: actor.isPublic,
    restartOnError: actor.restartOnError,
    createdAt: actor.createdAt,
    modifiedAt: actor.modifiedAt,
    stats: actor.stats,
    versions: actor.versions.map((version) => versionView(version)),
    defaultRunOptions: actor.defaultRunOptions,
    taggedBuilds: actor.taggedBuilds,
  };
}

export function actorShortView(actor: Actor) {
  return {
    id: actor.id,
    userId: actor.userId,
    name: actor.name,
    username: actor.username,
    title: actor.title,
    createdAt: actor.createdAt,
    modifiedAt: actor.modifiedAt,
    stats: { totalBuilds: actor.stats.totalBuilds, totalRuns: actor.stats.totalRuns, lastRunStartedAt: actor.stats.lastRunStartedAt },
  };
}

export function buildShortView(build: Build) {
  return {
    id: build.id,
    actId: build.actId,
    userId: build.userId,
    status: build.status,
    startedAt: build.startedAt,
    finishedAt: build.finishedAt,
    buildNumber: build.buildNumber,
    meta: build.meta,
    ...usageOf(build),
  };
}

export function runShortView(run: Run) {
  return {
    id: run.id,
    actId: run.actId,
    actorTaskId: run.actorTaskId,
    userId: run.userId,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    buildId: run.buildId,
    buildNumber: run.buildNumber,
    meta: run.meta,
    defaultKeyValueStoreId: run.defaultKeyValueStoreId,
    defaultDatasetId: run.defaultDatasetId,
    defaultRequestQueueId: run.defaultRequestQueueId,
    ...usageOf(run),
  };
}

/** usageTotalUsd where the record has it (the platform variation), as the platform's list items carry it. */
function usageOf(job: Build | Run): { usageTotalUsd?: number } {
  return job.usageTotalUsd === undefined ? {} : { usageTotalUsd: job.usageTotalUsd };
}

function storageView(storage: StorageBase) {
  return {
    id: storage.id,
    name: storage.name,
    userId: storage.userId,
    createdAt: storage.createdAt,
    modifiedAt: storage.modifiedAt,
    accessedAt: storage.accessedAt,
  };
}

export function keyValueStoreView(store: KeyValueStore): Record<string, unknown> {
  return storageView(store);
}

export function datasetView(dataset: Dataset): Record<string, unknown> {
  return { ...storageView(dataset), itemCount: dataset.items.length, cleanItemCount: dataset.cleanItemCount };
}
