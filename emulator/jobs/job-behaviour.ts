// How builds and runs behave in time and memory: the emulator's own pace, or the live platform's (the platform
// variation, emulator/variations/catalogue.ts); the memory quota comes from the settings either way.
import type { EmulatorOptions } from '../config.ts';
import { PLATFORM_ABORTING_MS, PLATFORM_BUILD_MS, PLATFORM_READY_MS } from '../variations/catalogue.ts';

export interface JobBehaviour {
  /** Every build stays RUNNING at least this long. */
  minBuildMs: number;
  /** A new run stays READY this long before its code starts. */
  readyMs: number;
  /** An aborted job stays ABORTING at least this long; with 0 an immediate abort answers once the job is ABORTED. */
  minAbortingMs: number;
  /** The most memory, in MB, a user's unfinished runs and builds may hold together; 0: no quota. */
  memoryQuotaMbytes: number;
  /** Whether run and build records carry the platform's usageTotalUsd. */
  usageMembers: boolean;
}

// A platform build pulls an image and installs packages, so it is RUNNING for many seconds. Here a build of sources
// already checked would end within milliseconds, before any client could see it RUNNING or abort it.
const MIN_BUILD_MS = 500;

export function jobBehaviourOf(options: EmulatorOptions): JobBehaviour {
  const platform = options.variations.includes('platform');
  return {
    minBuildMs: platform ? PLATFORM_BUILD_MS : MIN_BUILD_MS,
    readyMs: platform ? PLATFORM_READY_MS : 0,
    minAbortingMs: platform ? PLATFORM_ABORTING_MS : 0,
    memoryQuotaMbytes: options.memoryQuotaMbytes,
    usageMembers: platform,
  };
}
