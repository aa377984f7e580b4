// What every route plugin receives: the configuration, the state and the job managers.
import type { EmulatorOptions } from '../config.ts';
import type { Faults } from '../faults/faults.ts';
import type { BuildJobs } from '../jobs/builds.ts';
import type { RunJobs } from '../jobs/runs.ts';
import type { JobWaiters } from '../jobs/wait-for-finish.ts';
import type { EmulatorState } from '../state/store.ts';

export interface EmulatorContext {
  options: EmulatorOptions;
  state: EmulatorState;
  builds: BuildJobs;
  runs: RunJobs;
  waiters: JobWaiters;
  /** Faults switched on for the self-test (none in normal use). */
  faults: Faults;
  /** The emulator's own root URL (no /v2), for Location headers; known once the server listens. */
  baseUrl(): string;
}

export interface RoutePluginOptions {
  context: EmulatorContext;
}
