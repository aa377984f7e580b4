// What the job managers share: the state they update, the waiters they wake and the directory they work in.
import type { Faults } from '../faults/faults.ts';
import type { EmulatorState } from '../state/store.ts';
import type { JobBehaviour } from './job-behaviour.ts';
import type { JobEvents } from './job-events.ts';
import type { JobWaiters } from './wait-for-finish.ts';
import type { Workspace } from './workspace.ts';

export interface JobContext {
  faults: Faults;
  state: EmulatorState;
  waiters: JobWaiters;
  workspace: Workspace;
  /** Their pace and memory quota. */
  behaviour: JobBehaviour;
  /** Where run and build events go (the webhooks). */
  events: JobEvents;
  /** The API root the actors call back (set once the server listens). */
  apiBaseUrl(): string;
}
