// One actor process: `node <main file>` with exactly the platform's APIFY_* / ACTOR_* environment (nothing of the
// emulator's own environment leaks in), the heap limited from the run's memory, output captured into the run's log.
// The processes are started by the spawner (spawner.ts), not by the emulator's process itself.
import { type ProcessExit, spawner } from './spawner.ts';

export interface ActorEnvironmentInput {
  token: string;
  apiBaseUrl: string;
  actorId: string;
  runId: string;
  buildId: string;
  userId: string;
  defaultKeyValueStoreId: string;
  defaultDatasetId: string;
  defaultRequestQueueId: string;
  inputKey: string;
  memoryMbytes: number;
  /** When the run times out; null when it has no timeout. */
  timeoutAt: Date | null;
  /** The run's own directory, also its HOME. */
  home: string;
  /** PATH for the actor, so it can spawn tools; the emulator's own PATH by default. */
  path: string;
}

/** The complete environment of an actor process, as documented in docs/ARCHITECTURE.md. */
export function actorEnvironment(input: ActorEnvironmentInput): Record<string, string> {
  const timeoutAt = input.timeoutAt === null ? '' : input.timeoutAt.toISOString();
  return {
    APIFY_TOKEN: input.token,
    APIFY_API_BASE_URL: input.apiBaseUrl,
    APIFY_API_PUBLIC_BASE_URL: input.apiBaseUrl,
    APIFY_DEFAULT_KEY_VALUE_STORE_ID: input.defaultKeyValueStoreId,
    APIFY_DEFAULT_DATASET_ID: input.defaultDatasetId,
    APIFY_DEFAULT_REQUEST_QUEUE_ID: input.defaultRequestQueueId,
    APIFY_INPUT_KEY: input.inputKey,
    APIFY_ACTOR_ID: input.actorId,
    APIFY_ACTOR_RUN_ID: input.runId,
    APIFY_ACTOR_BUILD_ID: input.buildId,
    APIFY_USER_ID: input.userId,
    APIFY_MEMORY_MBYTES: String(input.memoryMbytes),
    APIFY_TIMEOUT_AT: timeoutAt,
    APIFY_IS_AT_HOME: '1',
    ACTOR_DEFAULT_KEY_VALUE_STORE_ID: input.defaultKeyValueStoreId,
    ACTOR_DEFAULT_DATASET_ID: input.defaultDatasetId,
    ACTOR_INPUT_KEY: input.inputKey,
    ACTOR_RUN_ID: input.runId,
    ACTOR_ID: input.actorId,
    ACTOR_BUILD_ID: input.buildId,
    ACTOR_MEMORY_MBYTES: String(input.memoryMbytes),
    ACTOR_TIMEOUT_AT: timeoutAt,
    PATH: input.path,
    HOME: input.home,
    NODE_OPTIONS: `--max-old-space-size=${input.memoryMbytes}`,
  };
}

export interface ActorProcess {
  /** Resolves once the process has exited and its output has been delivered. */
  readonly exited: Promise<ProcessExit>;
  /** Signals the process and everything it started (it leads its own process group). */
  kill(signal: NodeJS.Signals): void;
}

export interface SpawnNodeOptions {
  mainFile: string;
  cwd: string;
  env: Record<string, string>;
  onOutput(text: string): void;
  /** Arguments for node before the file (the build runs `node --check <file>`). */
  nodeArgs?: string[];
}

export function spawnNode(options: SpawnNodeOptions): ActorProcess {
  let id = 0;
  let exited = false;
  const exitedPromise = new Promise<ProcessExit>((resolve) => {
    const request = { args: [...(options.nodeArgs ?? []), options.mainFile], cwd: options.cwd, env: options.env };
    id = spawner().spawn(request, options.onOutput, (exit) => {
      exited = true;
      resolve(exit);
    });
  });
  return {
    exited: exitedPromise,
    kill(signal) {
      if (!exited) spawner().kill(id, signal);
    },
  };
}
