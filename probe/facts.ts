import type { SchemaName } from '../common/schemas.ts';

/**
 * The facts file of `npm run probe` (reports/probe/facts.json by default): what the target answered, with no value a
 * caller could not already see in the spec. Objects are described by their member names only, never their values (the
 * private user data holds an e-mail address and a proxy password).
 */
export interface ProbeFacts {
  /** Bumped when a member changes meaning, so a reader can refuse a file of another shape. */
  schemaVersion: 1;
  /** The API root probed. */
  target: string;
  /** The profile the facts were compared with. */
  profile: string;
  startedAt: string;
  finishedAt: string;
  /** Whether the probe was allowed to create an actor and start a build and a run (`--with-runs`). */
  withRuns: boolean;
  errors: ErrorFact[];
  waitForFinish: WaitCapFact;
  rateLimits: RateLimitFact[];
  objects: ObjectFact[];
  /** What `--with-runs` created, what it cost and how it was removed; null without it or when it was not needed. */
  created: CreatedFact | null;
  /** Reads that did not answer as a read should, and objects the account has none of. */
  notes: string[];
}

/** How the target answered one error situation (an unknown id, a missing or bad token). */
export type ErrorFact =
  | {
      situation: string;
      what: string;
      /** `METHOD /path?query` as sent (credentials masked). */
      request: string;
      status: number;
      /** `error.type` of the body, when it has the error envelope. */
      type?: string;
      message?: string;
    }
  | { situation: string; what: string; notAsked: string };

/** The waitForFinish cap, as a held request showed it. */
export interface WaitCapFact {
  measured: boolean;
  /** Which run was waited on: one the account had running already, or one the probe started (`--with-runs`). */
  source?: 'unfinished-run-of-the-account' | 'probe-run';
  request?: string;
  /** How long the answer was held, in milliseconds (client side). */
  heldMs?: number;
  /** The run's status in the answer; a status that is not terminal means the wait ended at the cap. */
  statusAfter?: string;
  /** The cap in whole seconds, when the answer came with the run unfinished. */
  capSecs?: number;
  note: string;
}

/** Rate-limit headers (X-RateLimit-*, Retry-After) of the first answer from one endpoint that carried any. */
export interface RateLimitFact {
  /** `METHOD /path/{param}`. */
  endpoint: string;
  headers: Record<string, string>;
}

/** One object read from the account, compared with its schema. */
export interface ObjectFact {
  /** What was read, e.g. `the newest actor`. */
  object: string;
  request: string;
  schema: SchemaName;
  /** Every member path of the body, e.g. `data.stats.totalRuns`, `data.items[].id`. */
  members: string[];
  /** The member paths whose value was null. */
  nullMembers: string[];
  gaps: SchemaGap[];
}

/** Where a body and its schema part: a member the schema does not declare, a required one missing, a null it forbids. */
export interface SchemaGap {
  kind: 'undeclared' | 'missing-required' | 'null-not-allowed';
  /** The schema file the member belongs to, e.g. `run.json`. */
  schema: string;
  /** The member's path inside that schema's object, e.g. `stats.memAvgBytes`. */
  member: string;
  /** The member's path in the body, e.g. `data.stats.memAvgBytes`. */
  at: string;
}

export interface CreatedFact {
  actor: string;
  buildId: string;
  runId: string;
  /** As the build and the run reported them once ended (the platform may still correct them later). */
  buildComputeUnits: number | null;
  runComputeUnits: number | null;
  removed: string[];
  /** What could not be removed (`npm run conformance -- --sweep` removes it later). */
  leftovers: string[];
}
