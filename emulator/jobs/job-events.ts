// The events of builds and runs that webhooks listen to, as the job managers report them.
import type { Build, Run } from '../state/types.ts';

export type RunEventType =
  | 'ACTOR.RUN.CREATED'
  | 'ACTOR.RUN.SUCCEEDED'
  | 'ACTOR.RUN.FAILED'
  | 'ACTOR.RUN.ABORTED'
  | 'ACTOR.RUN.TIMED_OUT'
  | 'ACTOR.RUN.RESURRECTED';

export type BuildEventType = 'ACTOR.BUILD.CREATED' | 'ACTOR.BUILD.SUCCEEDED' | 'ACTOR.BUILD.FAILED' | 'ACTOR.BUILD.ABORTED' | 'ACTOR.BUILD.TIMED_OUT';

export type JobEvent = { type: RunEventType; run: Run } | { type: BuildEventType; build: Build };

export interface JobEvents {
  emit(event: JobEvent): void;
}

/** The event of a job that has just reached a terminal status. */
export function terminalEventSuffix(status: string): 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT' | undefined {
  switch (status) {
    case 'SUCCEEDED':
    case 'FAILED':
    case 'ABORTED':
      return status;
    case 'TIMED-OUT':
      return 'TIMED_OUT';
    default:
      return undefined;
  }
}
