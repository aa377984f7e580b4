// The features of the API a target may implement: the one list that spec `Features:` lines, checks, profiles and the
// report's feature matrix name. A dotted id is a part of its parent that a target may lack while having the parent
// (a local storage client has request queues without locks). Ids are stable: profiles refer to them.

export const FEATURES = {
  actors: 'create, list, read, update and delete actors',
  'actors.versions': "an actor's versions: create, list, read, update and delete",
  builds: 'build an actor, list and read its builds',
  runs: 'start a run, list and read runs, the run lifecycle and its default storages',
  'runs.sync': 'run an actor and answer with its output in the same request',
  'runs.metamorph': 'a run that turns into a run of another actor',
  'runs.resurrect': 'start a finished run again, with the same id and storages',
  'runs.last': "an actor's or task's last run, and its storages",
  abort: 'abort a build or a run',
  'wait-for-finish': 'the waitForFinish parameter of builds and runs',
  tasks: 'actor tasks: CRUD, their input, their runs',
  webhooks: 'webhooks: CRUD and the lists of an actor or a task',
  'webhooks.dispatches': 'webhooks that fire on events, and the record of each dispatch',
  logs: 'the log of a build or a run, complete or streamed',
  users: "a user's public data, and the private data of the token's user",
  'key-value-stores': 'key-value stores, their keys and records',
  datasets: 'datasets and their items as JSON',
  'datasets.formats': 'dataset items as jsonl, csv, html, xml, rss and xlsx',
  'request-queues': 'request queues, their requests and head, as documented in 2020',
  'request-queues.locks': 'the head with locks: lock, prolong, delete and unlock',
  'request-queues.batch': 'adding and deleting requests in batches',
  'request-queues.list': 'listing the requests of a queue',
  pagination: 'paginated lists: offset, limit, desc, total and count',
  'method-override': 'the method query parameter, and 405 for an undocumented method',
  'rate-limit': 'rate limiting: 429 with rate-limit-exceeded, and recovery',
  auth: 'the token, as a query parameter or a bearer header',
  'auth.isolation': "one user cannot see or change another user's resources",
  errors: 'the error envelope and the documented error types',
  'current-paths': 'the path families current clients use: /v2/actors (alias of /v2/acts), /v2/actor-runs/{id}, /v2/actor-builds/{id}',
} as const satisfies Record<string, string>;

export type Feature = keyof typeof FEATURES;

export function isFeature(name: string): name is Feature {
  return Object.hasOwn(FEATURES, name);
}

/** The part a dotted feature belongs to (`request-queues` for `request-queues.locks`); undefined for a top-level one. */
export function parentFeature(feature: Feature): Feature | undefined {
  const dot = feature.lastIndexOf('.');
  return dot < 0 ? undefined : (feature.slice(0, dot) as Feature);
}

/** What is wrong with a list of features a target claims (an unknown id, a dotted one without its parent), if anything. */
export function featureListProblem(list: readonly string[]): string | undefined {
  const unknown = list.filter((feature) => !isFeature(feature));
  if (unknown.length > 0) return `unknown feature(s) ${unknown.map((f) => `"${f}"`).join(', ')}`;
  const orphans = (list as Feature[]).filter((feature) => {
    const parent = parentFeature(feature);
    return parent !== undefined && !list.includes(parent);
  });
  if (orphans.length > 0) return orphans.map((f) => `"${f}" without "${parentFeature(f)}"`).join(', ');
  return undefined;
}

/** The form a feature list must have, for messages about a bad one. */
export const FEATURE_LIST_FORM = 'feature ids (`--list-features` prints them), each dotted one with its parent (runs with runs.sync)';

/**
 * The features a check or transaction needs that the target does not implement: empty when the check applies.
 * `supported` undefined means the target claims every feature (the default: judged on the whole contract).
 */
export function missingFeatures(needed: readonly string[], supported: readonly string[] | undefined): string[] {
  return supported === undefined ? [] : needed.filter((feature) => !supported.includes(feature));
}

/** Whether a target that implements `supported` (undefined: every feature) implements all of `needed`. */
export function implementsAll(needed: readonly string[], supported: readonly string[] | undefined): boolean {
  return missingFeatures(needed, supported).length === 0;
}

/** Why a check or transaction of a feature the target lacks is not run; the runner reports it `not-supported`. */
export function notSupportedReason(missing: readonly string[]): string {
  return `not supported by the target: needs ${missing.join(', ')} (CONFORMANCE_FEATURES, or the profile's features)`;
}
