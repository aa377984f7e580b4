import type { ConformanceConfig } from '../common/config.ts';
import { CleanupRegistry, type CleanupReport } from '../common/fixtures/index.ts';
import type { ApiClient } from '../common/http.ts';

/** At start, leftovers of crashed runs older than this are removed; a younger one may belong to a run in progress. */
export const STALE_AFTER_MS = 2 * 60 * 60 * 1000;

/**
 * Removes actors (and aborts their jobs) that earlier runs left behind: only actors of the token's user whose name
 * starts with CONFORMANCE_RESOURCE_PREFIX; nothing without the prefix is touched. `createdBefore` spares recent ones.
 */
export function sweepLeftovers(api: ApiClient, config: ConformanceConfig, createdBefore?: Date): Promise<CleanupReport> {
  return new CleanupRegistry(api, { sweepPrefix: config.resourcePrefix, sweepCreatedBefore: createdBefore }).cleanup();
}

/** Removes whatever this run created (its names carry the run id), e.g. after an interruption. */
export function sweepThisRun(api: ApiClient, config: ConformanceConfig): Promise<CleanupReport> {
  return new CleanupRegistry(api, { sweepPrefix: `${config.resourcePrefix}${config.runId}-` }).cleanup();
}
