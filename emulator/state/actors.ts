// Actors: creation, partial update and deletion of the records. Name uniqueness and permissions are checked by the
// routes before these are called.
import { newId } from './ids.ts';
import { deleteRequestQueue } from './request-queues.ts';
import type { EmulatorState } from './store.ts';
import type { Actor, DefaultRunOptions, User } from './types.ts';
import { createVersion, updateVersion, type VersionInput } from './versions.ts';

export const DEFAULT_RUN_OPTIONS: DefaultRunOptions = { build: 'latest', timeoutSecs: 3600, memoryMbytes: 1024 };

export interface ActorInput {
  name?: string;
  title?: string | null;
  description?: string | null;
  isPublic?: boolean;
  restartOnError?: boolean | null;
  versions?: Array<VersionInput & { versionNumber: string; sourceType: Version['sourceType'] }>;
  defaultRunOptions?: Partial<DefaultRunOptions>;
}

type Version = Actor['versions'][number];

export function createActor(state: EmulatorState, owner: User, input: ActorInput & { name: string }): Actor {
  const now = state.clock.iso();
  const actor: Actor = {
    id: newId(),
    userId: owner.id,
    name: input.name,
    username: owner.username,
    title: null,
    description: null,
    isPublic: false,
    restartOnError: false,
    createdAt: now,
    modifiedAt: now,
    defaultRunOptions: { ...DEFAULT_RUN_OPTIONS },
    stats: {
      totalBuilds: 0,
      totalRuns: 0,
      totalUsers: 0,
      totalUsers7Days: 0,
      totalUsers30Days: 0,
      totalUsers90Days: 0,
      totalMetamorphs: 0,
      lastRunStartedAt: null,
    },
    taggedBuilds: {},
    versions: [],
    builds: [],
    runs: [],
    userIds: new Set(),
    buildCounters: new Map(),
  };
  applyActorInput(actor, input);
  actor.modifiedAt = now;
  state.actors.set(actor.id, actor);
  state.actorList.push(actor);
  return actor;
}

/** Applies the fields present in `input`; absent fields keep their values. `versions`, when given, is the new list. */
export function updateActor(state: EmulatorState, actor: Actor, input: ActorInput): void {
  applyActorInput(actor, input);
  actor.modifiedAt = state.clock.iso();
}

function applyActorInput(actor: Actor, input: ActorInput): void {
  if (input.name !== undefined) actor.name = input.name;
  if (input.title !== undefined) actor.title = input.title;
  if (input.description !== undefined) actor.description = input.description;
  if (input.isPublic !== undefined) actor.isPublic = input.isPublic;
  if (input.restartOnError !== undefined) actor.restartOnError = input.restartOnError;
  if (input.defaultRunOptions !== undefined) Object.assign(actor.defaultRunOptions, input.defaultRunOptions);
  if (input.versions !== undefined) actor.versions = input.versions.map((version) => mergeVersion(actor, version));
}

/** A version named again keeps what the input leaves out (secret values included); versions not named are dropped. */
function mergeVersion(actor: Actor, input: VersionInput & { versionNumber: string; sourceType: Version['sourceType'] }): Version {
  const existing = actor.versions.find((version) => version.versionNumber === input.versionNumber);
  if (existing === undefined) return createVersion(input);
  updateVersion(existing, input);
  return existing;
}

/** Removes the actor with its builds, runs, webhooks and the runs' default storages. Jobs must be stopped first. */
export function deleteActor(state: EmulatorState, actor: Actor): void {
  state.actors.delete(actor.id);
  state.actorList.splice(state.actorList.indexOf(actor), 1);
  for (const build of actor.builds) state.builds.delete(build.id);
  for (const run of actor.runs) {
    state.runs.delete(run.id);
    state.keyValueStores.delete(run.defaultKeyValueStoreId);
    state.datasets.delete(run.defaultDatasetId);
    const queue = state.requestQueues.get(run.defaultRequestQueueId);
    if (queue !== undefined) deleteRequestQueue(state, queue);
  }
  for (const user of state.users) user.usedActorIds.delete(actor.id);
}

export function touchActor(state: EmulatorState, actor: Actor): void {
  actor.modifiedAt = state.clock.iso();
}
