// Correct variations: ways an implementation may legitimately differ from the emulator's defaults, switched on by
// EMULATOR_VARIATIONS. The gate must pass every one of them (npm run selftest); failing one would make it reject a
// correct server.

export interface VariationDefinition {
  id: string;
  description: string;
}

/** The page size the small-page-size variation enforces. */
export const SMALL_PAGE_SIZE = 7;
/** The sporadic-429 variation refuses every this-many-th request to each endpoint. */
export const SPORADIC_429_EVERY = 7;
/** The latency variation delays every answer by this much. */
export const ADDED_LATENCY_MS = 40;
/** The platform variation: how long a build stays RUNNING at least (a platform build pulls an image and installs packages). */
export const PLATFORM_BUILD_MS = 2000;
/** The platform variation: how long a run stays READY, waiting for a worker, before its code starts. */
export const PLATFORM_READY_MS = 300;
/** The platform variation: how long an aborted job stays ABORTING at least before it is ABORTED. */
export const PLATFORM_ABORTING_MS = 1000;
/** The platform variation's memory quota unless EMULATOR_MEMORY_QUOTA_MBYTES says otherwise: a Free account's. */
export const PLATFORM_MEMORY_QUOTA_MBYTES = 16_384;

export const VARIATIONS = [
  { id: 'extra-fields', description: 'every object of every JSON answer, errors included, carries undocumented extra members, as the live API does' },
  { id: 'small-page-size', description: `the maximum page size is ${SMALL_PAGE_SIZE} instead of 1000 (the docs say it may change)` },
  { id: 'charset', description: 'JSON answers say Content-Type: application/json; charset=utf-8' },
  { id: 'reordered-keys', description: 'the members of every JSON object come in reverse order' },
  {
    id: 'sporadic-429',
    description: `every ${SPORADIC_429_EVERY}th request to each endpoint (method and path) is refused with 429 rate-limit-exceeded, which a client that backs off survives`,
  },
  { id: 'latency', description: `every request is answered ${ADDED_LATENCY_MS} ms later` },
  {
    id: 'platform',
    description:
      `the live platform's timing, limits and vocabulary: builds RUNNING at least ${PLATFORM_BUILD_MS} ms, runs READY ${PLATFORM_READY_MS} ms, ` +
      `aborts ABORTING at least ${PLATFORM_ABORTING_MS} ms, a memory quota of ${PLATFORM_MEMORY_QUOTA_MBYTES} MB (402 actor-memory-limit-exceeded), ` +
      'usageTotalUsd on runs and builds, X-RateLimit-Limit on every answer, and 404 record-or-token-not-found for unknown actors and key-value stores and for anonymous actor reads',
  },
  // Request queues
  {
    id: 'short-head',
    description: 'the head of a request queue shows only the first half of what it could (it is eventually consistent on the platform)',
  },
] as const satisfies readonly VariationDefinition[];

export type VariationId = (typeof VARIATIONS)[number]['id'];

export const VARIATION_IDS: readonly string[] = VARIATIONS.map((v) => v.id);
