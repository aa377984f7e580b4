// The fault catalogue: small, realistic ways to get the documented contract wrong, switched on by EMULATOR_FAULTS.
// Each one is a named switch at the place in the emulator where the correct behaviour lives (grep for its id), so a
// faulty emulator behaves the way a buggy server would. The self-test (npm run selftest) runs the gate against the
// emulator with each fault alone and expects the gate to fail.

/** The check families of suites/, plus `transactions`: the Dredd layer (spec/*.apib and the hooks). */
export const CHECK_FAMILIES = [
  'pagination',
  'method-override',
  'rate-limit',
  'wait-for-finish',
  'abort',
  'lifecycle',
  'run-sync',
  'auth',
  'errors',
  'round-trip',
  'transactions',
  'request-queues',
  'key-value-stores',
  'datasets',
  'tasks',
  'webhooks',
  'last-run',
  'logs',
  'users',
  'paths',
] as const;

export type CheckFamily = (typeof CHECK_FAMILIES)[number];

export interface FaultDefinition {
  /** kebab-case, stable: reports and EMULATOR_FAULTS refer to it. */
  id: string;
  /** The check family that must notice it: the self-test runs only that family's checks against it. */
  family: CheckFamily;
  /** The documented action it breaks, "<resource> > <action>" as in the spec. */
  action: string;
  /** What the faulty server does, in one line. */
  description: string;
  /**
   * The checks whose rule it breaks (ids of the family's checks): each must fail against it, and every check of the
   * suites is named by some fault, which proves each check can fail. Absent for a fault of the `transactions` family
   * (some transaction of `action` must fail) and for one no single rule owns (sporadic-503: any check of the family).
   */
  breaks?: readonly string[];
  /** The wait cap the self-test judges it under, when its rule shows only with a longer cap than the emulator profile's. */
  capSecs?: number;
}

const fault = <Id extends string>(id: Id, family: CheckFamily, action: string, description: string, breaks?: readonly string[]) => ({
  id,
  family,
  action,
  description,
  ...(breaks === undefined ? {} : { breaks }),
});

/** The sporadic-503 fault fails every this-many-th request. */
export const SPORADIC_503_EVERY = 10;

const ACTORS = 'Actor collection > Get list of actors';
const CREATE_ACTOR = 'Actor collection > Create actor';
const GET_ACTOR = 'Actor object > Get actor';
const RUNS = 'Run collection > Get list of runs';
const RUN_ACTOR = 'Run collection > Run actor';
const GET_RUN = 'Run object > Get run';
const GET_BUILD = 'Build object > Get build';
const BUILD_ACTOR = 'Build collection > Build actor';
const METAMORPH = 'Metamorph run > Metamorph run';
const RUN_SYNC_INPUT = 'Run actor synchronously > With input';
const RQ_LIST = 'Queue collection > Get list of request queues';
const RQ_CREATE = 'Queue collection > Create request queue';
const RQ_GET = 'Queue > Get request queue';
const RQ_ADD = 'Request collection > Add request';
const RQ_HEAD = 'Queue head > Get head';
const LIST_KEYS = 'Key collection > Get list of keys';
const CREATE_STORE = 'Store collection > Create key-value store';
const GET_ITEMS = 'Item collection > Get items';
const PUT_ITEMS = 'Item collection > Put items';

export const FAULTS = [
  // Pagination (emulator/http/pagination.ts and the list routes)
  fault('pagination-count-off-by-one', 'pagination', ACTORS, 'count is one more than the number of items returned', [
    'pagination.actors-count-equals-items',
    'pagination.builds-count-equals-items',
    'pagination.runs-count-equals-items',
    'pagination.webhooks-count-equals-items',
  ]),
  fault('pagination-offset-ignored', 'pagination', RUNS, 'offset is echoed but no item is skipped', [
    'pagination.builds-pages-concatenate',
    'pagination.runs-pages-concatenate',
    'pagination.webhooks-pages-concatenate',
  ]),
  fault('pagination-desc-per-page', 'pagination', RUNS, 'desc=1 reverses each page, cut from the ascending order, instead of the list', [
    'pagination.builds-desc-pages-reverse',
    'pagination.runs-desc-pages-reverse',
    'pagination.webhooks-desc-pages-reverse',
  ]),
  fault('pagination-desc-ignored', 'pagination', RUNS, 'desc=1 is echoed but the order stays ascending', [
    'pagination.actors-ordered-and-desc-reverses',
    'pagination.builds-desc-pages-reverse',
    'pagination.builds-ordered-and-desc-reverses',
    'pagination.runs-desc-pages-reverse',
    'pagination.runs-ordered-and-desc-reverses',
    'pagination.webhooks-desc-pages-reverse',
    'pagination.webhooks-ordered-and-desc-reverses',
  ]),
  fault('pagination-limit-not-clamped', 'pagination', ACTORS, 'a limit above the maximum page size is echoed back unclamped', [
    'pagination.actors-limit-clamped',
    'pagination.builds-limit-clamped',
    'pagination.runs-limit-clamped',
    'pagination.webhooks-limit-clamped',
  ]),
  fault('pagination-total-is-page-size', 'pagination', RUNS, 'total counts only the items of the page, not the whole list', [
    'pagination.actors-total-counts-all',
    'pagination.builds-total-counts-all',
    'pagination.runs-total-counts-all',
    'pagination.webhooks-total-counts-all',
  ]),
  fault('pagination-desc-not-echoed', 'pagination', 'Webhook collection > Get list of webhooks', 'desc is always echoed as false', [
    'pagination.actors-offset-and-desc-echo',
    'pagination.builds-offset-and-desc-echo',
    'pagination.runs-offset-and-desc-echo',
    'pagination.webhooks-offset-and-desc-echo',
  ]),
  fault('actors-list-own-only', 'pagination', ACTORS, "without my the list still holds only the user's own actors, not the public ones they used", [
    'pagination.without-my-lists-used-actors',
  ]),
  fault('actors-my-ignored', 'pagination', ACTORS, "my=1 is ignored and the list also shows other users' actors", ['pagination.my-keeps-only-own']),
  fault('builds-list-newest-first', 'pagination', 'Build collection > Get list of builds', 'builds are listed newest first unless desc=1 is given', [
    'pagination.builds-ordered-and-desc-reverses',
    'pagination.builds-pages-concatenate',
  ]),
  // Method override and 405 (emulator/app.ts, emulator/http/not-found.ts)
  fault(
    'method-override-ignored',
    'method-override',
    'Actor object > Delete actor',
    'the method query parameter is ignored: GET ?method=DELETE reads instead of deleting',
    [
      'method-override.delete-deletes-actor',
      'method-override.post-aborts-run',
      'method-override.post-delete-deletes-actor',
      'method-override.post-starts-run',
      'method-override.put-updates-actor',
    ],
  ),
  fault(
    'method-override-get-only',
    'method-override',
    'Actor object > Delete actor',
    'the method query parameter is honoured on GET only: POST ?method=DELETE is answered as a POST',
    ['method-override.post-delete-deletes-actor'],
  ),
  fault('method-not-allowed-as-404', 'method-override', RUNS, 'a method an endpoint does not serve answers 404 instead of 405', [
    'method-override.disallowed-method-405',
  ]),
  // Rate limits (emulator/app.ts, emulator/http/rate-limit.ts)
  fault('rate-limit-off', 'rate-limit', GET_ACTOR, 'no request is ever rate limited', ['rate-limit.backoff-succeeds', 'rate-limit.burst-gets-429']),
  // Errors no check may resend away (emulator/app.ts)
  fault('sporadic-503', 'errors', GET_ACTOR, `every ${SPORADIC_503_EVERY}th request fails with 503, which a check must report, not resend`),
  fault('rate-limit-far-below', 'rate-limit', GET_ACTOR, 'a quarter of the documented rate limit is enforced (and announced)', [
    'rate-limit.half-rate-never-limited',
  ]),
  fault('rate-limit-header-mismatch', 'rate-limit', GET_ACTOR, 'X-RateLimit-Limit announces twice the limit that is enforced', [
    'rate-limit.half-rate-never-limited',
  ]),
  fault('rate-limit-wrong-type', 'rate-limit', GET_ACTOR, '429 answers carry the error type too-many-requests instead of rate-limit-exceeded', [
    'rate-limit.burst-gets-429',
  ]),
  // waitForFinish (emulator/jobs/wait-for-finish.ts, emulator/routes/builds.ts)
  fault(
    'wait-for-finish-stale-snapshot',
    'wait-for-finish',
    RUN_ACTOR,
    'the job is read before the wait, which is slept through whole: a job that ended meanwhile is answered as it was',
    ['wait-for-finish.run-terminal-when-job-ends-first'],
  ),
  fault('wait-for-finish-ignored', 'wait-for-finish', GET_RUN, 'waitForFinish never holds the request', [
    'wait-for-finish.build-held-until-end-or-wait',
    'wait-for-finish.run-returns-when-wait-ends',
    'wait-for-finish.run-terminal-when-job-ends-first',
  ]),
  fault(
    'wait-for-finish-default-is-cap',
    'wait-for-finish',
    GET_RUN,
    'without waitForFinish, Run actor, Get run, Build actor and Get build hold the answer for the whole cap',
    ['wait-for-finish.build-default-returns-at-once', 'wait-for-finish.run-default-returns-at-once'],
  ),
  fault('wait-for-finish-cap-not-applied', 'wait-for-finish', GET_RUN, 'waitForFinish above the cap waits as long as asked', [
    'wait-for-finish.run-clamped-to-cap',
  ]),
  fault('wait-for-finish-returns-early', 'wait-for-finish', GET_RUN, 'waitForFinish holds the request for only half the time asked', [
    'wait-for-finish.run-returns-when-wait-ends',
  ]),
  {
    ...fault(
      'wait-for-finish-short-wait-held-late',
      'wait-for-finish',
      GET_RUN,
      'a waitForFinish shorter than the cap is answered almost a tenth of the cap late: a slack that grows with the cap, not with the wait',
      ['wait-for-finish.run-returns-when-wait-ends'],
    ),
    // At the emulator profile's 3 s cap the lateness is a fraction of a second; at 60 s it is 5.5 s on a 1 s wait.
    capSecs: 60,
  },
  fault('wait-for-finish-above-cap-rejected', 'wait-for-finish', GET_BUILD, 'waitForFinish above the cap answers 400 instead of being clamped', [
    'wait-for-finish.build-clamped-to-cap',
    'wait-for-finish.run-clamped-to-cap',
  ]),
  fault('wait-for-finish-build-ignored', 'wait-for-finish', GET_BUILD, 'Get build ignores waitForFinish (runs honour it)', [
    'wait-for-finish.build-clamped-to-cap',
  ]),
  // Abort (emulator/jobs/runs.ts, emulator/jobs/builds.ts)
  fault('abort-finished-run-changes-status', 'abort', 'Abort run > Abort run', 'aborting a run that already ended sets it ABORTED', [
    'abort.aborted-run-unchanged',
    'abort.failed-run-unchanged',
    'abort.succeeded-run-unchanged',
    'abort.timed-out-run-unchanged',
  ]),
  fault(
    'abort-graceful-never-stops',
    'abort',
    'Abort run > Abort run',
    'a graceful abort marks the run ABORTING and never stops its code, not even after the 30 s grace',
    ['abort.graceful-run-ends-aborted'],
  ),
  fault(
    'abort-finished-run-sets-message',
    'abort',
    'Abort run > Abort run',
    'aborting a run that already ended keeps its status but rewrites its statusMessage',
    ['abort.aborted-run-unchanged', 'abort.failed-run-unchanged', 'abort.succeeded-run-unchanged', 'abort.timed-out-run-unchanged'],
  ),
  fault('abort-run-ignored', 'abort', 'Abort run > Abort run', 'aborting a running run answers it unchanged, and it runs on', [
    'abort.running-run-ends-aborted',
    'abort.started-run-ends-aborted',
  ]),
  fault('abort-build-ignored', 'abort', 'Abort build > Abort build', 'aborting a running build answers it unchanged, and it builds on', [
    'abort.running-build-ends-aborted',
  ]),
  fault('abort-does-not-stop-code', 'abort', 'Abort run > Abort run', 'an aborted run is reported ABORTED while its code keeps running', [
    'abort.aborted-code-stops',
  ]),
  fault('abort-finished-build-changes-status', 'abort', 'Abort build > Abort build', 'aborting a build that already ended sets it ABORTED', [
    'abort.finished-build-unchanged',
  ]),
  // Lifecycle and metamorph (emulator/jobs/runs.ts, emulator/routes/runs.ts)
  fault('finished-at-missing-on-terminal', 'lifecycle', GET_RUN, 'finishedAt stays null when a run has ended', ['lifecycle.finished-at-when-terminal']),
  fault('finished-at-set-while-running', 'lifecycle', RUN_ACTOR, 'finishedAt is stamped when the run starts', ['lifecycle.finished-at-when-terminal']),
  fault('status-skips-back', 'lifecycle', GET_RUN, 'a running run is moved to another worker once and reported READY again meanwhile', [
    'lifecycle.statuses-move-forward',
  ]),
  fault('exit-code-ignored', 'lifecycle', GET_RUN, 'a run whose code exits non-zero ends SUCCEEDED', ['lifecycle.exit-code-decides']),
  fault('timeout-not-enforced', 'lifecycle', RUN_ACTOR, 'the run timeout is never enforced', ['lifecycle.timeout-times-out']),
  fault('input-content-type-lost', 'lifecycle', RUN_ACTOR, 'the INPUT record is stored as text/plain whatever Content-Type was sent', [
    'lifecycle.input-stored-with-content-type',
  ]),
  fault('run-memory-ignored', 'lifecycle', RUN_ACTOR, "Run actor ignores memory: the run gets the actor's default", ['lifecycle.memory-option-applied']),
  fault('run-build-ignored', 'lifecycle', RUN_ACTOR, 'Run actor ignores build: the run uses the default build (latest) whatever tag or number was asked', [
    'lifecycle.build-option-applied',
  ]),
  fault('metamorph-new-run-id', 'lifecycle', METAMORPH, 'metamorph starts the target as a new run (new id, input under INPUT) and aborts the old one', [
    'lifecycle.metamorph-keeps-run-id',
  ]),
  fault('metamorph-forgets-input', 'lifecycle', METAMORPH, 'metamorph does not store the new input as INPUT-METAMORPH-1', ['lifecycle.metamorph-stores-input']),
  // Run-sync (emulator/routes/run-sync.ts)
  fault('run-sync-200', 'run-sync', RUN_SYNC_INPUT, 'run-sync answers 200 instead of 201', [
    'run-sync.get-runs-without-input',
    'run-sync.keeps-record-content-type',
    'run-sync.output-record-key',
    'run-sync.post-returns-output-record',
  ]),
  fault('run-sync-failed-as-201', 'run-sync', RUN_SYNC_INPUT, 'a run-sync run that failed answers 201 with whatever output it left instead of 400 run-failed', [
    'run-sync.failed-run-400',
  ]),
  fault(
    'run-sync-timed-out-as-201',
    'run-sync',
    RUN_SYNC_INPUT,
    'a run-sync run that timed out or was aborted answers 201 with whatever it left: only FAILED counts as not succeeding',
    ['run-sync.aborted-run-400', 'run-sync.timed-out-run-400'],
  ),
  fault(
    'run-sync-returns-run-object',
    'run-sync',
    'Run actor synchronously > Without input',
    'run-sync answers with the run object instead of the output record',
    ['run-sync.get-runs-without-input', 'run-sync.post-returns-output-record'],
  ),
  fault('run-sync-201-empty-object', 'transactions', RUN_SYNC_INPUT, 'run-sync answers 201 with an empty object instead of the OUTPUT record the run wrote'),
  fault('run-sync-timeout-as-200', 'run-sync', RUN_SYNC_INPUT, 'a run-sync run still going at the cap answers 200 with the run instead of 408', [
    'run-sync.timeout-408',
  ]),
  fault('run-sync-ignores-output-record-key', 'run-sync', RUN_SYNC_INPUT, 'outputRecordKey is ignored: the OUTPUT record is always returned', [
    'run-sync.output-record-key',
  ]),
  // The current path families (emulator/routes/index.ts, emulator/routes/runs.ts)
  fault('actors-path-unrouted', 'paths', GET_ACTOR, 'only the legacy /v2/acts family is routed: /v2/actors/... answers 404', [
    'paths.actors-alias-answers-alike',
    'paths.run-lifecycle-by-id',
  ]),
  fault('run-by-id-short-form', 'paths', GET_RUN, 'a run read by id under /v2/actor-runs is the short list form, without options, stats and storages', [
    'paths.jobs-by-id-answer-alike',
  ]),
  fault('abort-by-id-ignored', 'paths', 'Abort run > Abort run', 'POST /v2/actor-runs/{runId}/abort answers the run as it is and aborts nothing', [
    'paths.run-lifecycle-by-id',
  ]),
  // Authentication and isolation (emulator/http/auth.ts, emulator/routes/lookup.ts)
  fault('token-not-required', 'auth', ACTORS, 'a call without a token acts as the first user', [
    'auth.token-required',
    'auth.anonymous-change-refused',
    'auth.anonymous-change-401',
  ]),
  fault('anonymous-change-404', 'auth', ACTORS, 'a change without a token is refused with 404 record-not-found, hiding the actor, instead of 401', [
    'auth.anonymous-change-401',
  ]),
  fault('invalid-token-accepted', 'auth', ACTORS, 'an unknown token acts as the first user instead of answering 401', ['auth.invalid-token-rejected']),
  fault('other-user-actor-visible', 'auth', GET_ACTOR, "another user's private actor can be read and changed", [
    'auth.other-users-actor-invisible',
    'auth.other-users-actor-unchangeable',
  ]),
  fault('run-requires-token', 'auth', GET_RUN, 'Get run and Get build refuse calls without a token', ['auth.run-and-build-readable-without-token']),
  fault('bearer-not-accepted', 'auth', GET_ACTOR, 'the Authorization: Bearer header is ignored; only ?token= works', ['auth.query-and-bearer']),
  // Errors and bad input (emulator/errors.ts, emulator/http/error-handler.ts, emulator/http/body-parsing.ts)
  fault('not-found-wrong-type', 'errors', GET_ACTOR, 'unknown ids answer 404 with the error type not-found instead of record-not-found', [
    'errors.abort-unknown-run-404',
    'errors.unknown-actor-404',
    'errors.unknown-build-404',
    'errors.unknown-run-404',
    'errors.unknown-version-404',
  ]),
  fault('errors-not-json', 'errors', GET_ACTOR, 'error answers are plain text instead of the JSON error envelope', [
    'errors.incomplete-version-400',
    'errors.malformed-json-400',
    'errors.non-object-body-400',
    'errors.abort-unknown-run-404',
    'errors.unknown-actor-404',
    'errors.unknown-build-404',
    'errors.unknown-run-404',
    'errors.unknown-version-404',
    'errors.unknown-path-404',
  ]),
  fault('malformed-json-accepted', 'errors', 'Actor object > Update actor', 'a malformed JSON body is read as an empty object', ['errors.malformed-json-400']),
  fault('non-object-body-accepted', 'errors', 'Version object > Update version', 'a JSON body that is not an object is read as an empty object', [
    'errors.non-object-body-400',
  ]),
  // Documented responses: status codes, headers, shapes (the routes, emulator/state/clock.ts, emulator/jobs/builds.ts)
  fault('create-actor-no-location', 'transactions', CREATE_ACTOR, 'Create actor answers 201 without a Location header'),
  fault('create-actor-200', 'transactions', CREATE_ACTOR, 'Create actor answers 200 instead of 201'),
  fault('delete-actor-204-with-body', 'transactions', 'Actor object > Delete actor', 'Delete actor answers 204 with a JSON body'),
  fault(
    'delete-version-200-with-body',
    'transactions',
    'Version object > Delete version',
    'Delete version answers 200 with a JSON body instead of an empty 204',
  ),
  fault('create-version-200', 'transactions', 'Version collection > Create version', 'Create version answers 200 instead of 201'),
  fault('dates-not-iso', 'transactions', GET_ACTOR, 'createdAt, modifiedAt and startedAt are written in the Date.toString() format'),
  fault('ids-wrong-shape', 'transactions', BUILD_ACTOR, 'build ids are 16 characters long instead of 17'),
  fault('versions-list-missing-total', 'transactions', 'Version collection > Get list of versions', 'the version list has no total'),
  fault('webhooks-list-not-paginated', 'transactions', 'Webhook collection > Get list of webhooks', 'the webhook list is a bare array instead of a page'),
  fault('build-actor-200', 'transactions', BUILD_ACTOR, 'Build actor answers 200 instead of 201'),
  fault('run-actor-200', 'transactions', RUN_ACTOR, 'Run actor answers 200 instead of 201'),
  fault('get-actor-wrong-content-type', 'transactions', GET_ACTOR, 'Get actor answers its JSON with Content-Type text/plain'),
  fault('get-version-missing-source-type', 'transactions', 'Version object > Get version', 'Get version leaves out sourceType'),
  fault('get-build-missing-status', 'transactions', GET_BUILD, 'Get build leaves out status'),
  // Round trips and partial updates (emulator/routes/actors.ts, emulator/routes/versions.ts, emulator/routes/lookup.ts)
  fault('create-actor-drops-description', 'round-trip', CREATE_ACTOR, 'Create actor does not store the description', ['round-trip.actor-create-read']),
  fault('create-version-drops-build-tag', 'round-trip', 'Version collection > Create version', 'Create version does not store the buildTag given', [
    'round-trip.version-create-read',
  ]),
  fault(
    'update-actor-wipes-fields',
    'round-trip',
    'Actor object > Update actor',
    'Update actor replaces the actor: title, description, isPublic and restartOnError left out of the body are reset',
    ['round-trip.actor-partial-update'],
  ),
  fault(
    'update-version-wipes-fields',
    'round-trip',
    'Version object > Update version',
    'Update version replaces the version: buildTag, envVars and sources left out of the body are reset',
    ['round-trip.version-partial-update'],
  ),
  fault('create-actor-location-wrong-id', 'round-trip', CREATE_ACTOR, "Create actor answers a Location with another id than the new actor's", [
    'round-trip.create-location-names-actor',
  ]),
  fault('versions-total-off-by-one', 'round-trip', 'Version collection > Get list of versions', 'the versions list counts one version more than it holds', [
    'round-trip.versions-list-total',
  ]),
  fault(
    'secret-value-returned',
    'round-trip',
    'Version object > Get version',
    'Create version, Get version and the versions list show the value of a secret variable',
    ['round-trip.secret-value-never-returned'],
  ),
  fault('tilde-name-ignores-username', 'round-trip', GET_ACTOR, "username~name is looked up by the name among the caller's actors, whatever the username", [
    'round-trip.tilde-name-needs-owner',
  ]),
  fault('tilde-name-not-resolved', 'round-trip', GET_ACTOR, 'username~name does not find the actor', ['round-trip.tilde-name-resolves']),
  // Request queues (emulator/state/request-queues.ts, emulator/routes/request-queues.ts). Operations the 2020 document
  // lacks (locks, batches, the request list) name the documented action nearest to them.
  fault('rq-list-unnamed-shown', 'request-queues', RQ_LIST, 'the queue list shows unnamed queues without unnamed=1', [
    'request-queues.list-named-unless-unnamed',
  ]),
  fault(
    'rq-create-existing-name-new',
    'request-queues',
    RQ_CREATE,
    'creating a queue under a taken name makes a second queue instead of answering the existing one',
    ['request-queues.create-by-name-returns-existing'],
  ),
  fault('rq-handled-count-stale', 'request-queues', RQ_GET, 'handledRequestCount stays 0 when requests are marked handled', ['request-queues.counts-add-up']),
  fault('rq-rename-ignored', 'request-queues', 'Queue > Update request queue', 'Update request queue answers 200 and keeps the old name', [
    'request-queues.rename',
  ]),
  fault('rq-deleted-queue-readable', 'request-queues', 'Queue > Delete request queue', 'Delete request queue answers 204 and the queue stays', [
    'request-queues.delete-queue',
  ]),
  fault('rq-dedup-ignored', 'request-queues', RQ_ADD, 'adding a uniqueKey already in the queue adds a second request', [
    'request-queues.dedup-returns-existing',
  ]),
  fault('rq-already-handled-wrong', 'request-queues', RQ_ADD, 'adding the uniqueKey of a handled request says wasAlreadyHandled: false', [
    'request-queues.dedup-of-handled',
  ]),
  fault('rq-forefront-ignored', 'request-queues', RQ_ADD, 'forefront=true adds the request at the end of the queue', ['request-queues.forefront-first']),
  fault('rq-missing-url-accepted', 'request-queues', RQ_ADD, 'a request without url is added', ['request-queues.incomplete-request-400']),
  fault('rq-other-user-can-write', 'request-queues', RQ_ADD, "another user's token may add, change and delete requests of the queue", [
    'request-queues.other-user-changes-nothing',
  ]),
  fault('rq-get-request-loses-user-data', 'request-queues', 'Request > Get request', 'Get request leaves out userData', [
    'request-queues.request-as-last-written',
  ]),
  fault('rq-pending-not-decremented', 'request-queues', 'Request > Update request', 'marking a request handled leaves pendingRequestCount as it was', [
    'request-queues.counts-add-up',
    'request-queues.model-random-sequence',
  ]),
  fault('rq-delete-keeps-count', 'request-queues', 'Request > Delete request', 'a deleted request still counts in totalRequestCount', [
    'request-queues.counts-add-up',
  ]),
  fault('rq-head-shows-handled', 'request-queues', RQ_HEAD, 'the head also lists handled requests', ['request-queues.head-hides-handled']),
  fault('rq-head-limit-ignored', 'request-queues', RQ_HEAD, 'the head lists every pending request whatever the limit', ['request-queues.head-honours-limit']),
  fault('rq-multiple-clients-never', 'request-queues', RQ_HEAD, 'hadMultipleClients stays false whoever calls', ['request-queues.multiple-clients']),
  fault('rq-lock-ignored', 'request-queues', RQ_HEAD, 'head/lock hands out requests another client holds locked', [
    'request-queues.lock-hides-from-other-clients',
  ]),
  fault('rq-lock-never-expires', 'request-queues', RQ_HEAD, 'an expired lock keeps hiding its request from head/lock', ['request-queues.lock-expires']),
  fault('rq-lock-any-client', 'request-queues', 'Request > Update request', "any client may prolong or delete another client's lock", [
    'request-queues.lock-holder-only',
  ]),
  fault('rq-unlock-all-clients', 'request-queues', RQ_HEAD, "unlock releases every client's locks, not only the caller's", [
    'request-queues.unlock-own-locks-only',
  ]),
  fault('rq-lock-input-unchecked', 'request-queues', RQ_HEAD, 'head/lock without lockSecs locks for a minute, and takes any limit', [
    'request-queues.lock-bad-input-400',
  ]),
  fault('rq-batch-no-limit', 'request-queues', RQ_ADD, 'a batch of more than 25 requests is accepted', ['request-queues.batch-over-25-400']),
  fault(
    'rq-batch-drops-duplicates',
    'request-queues',
    RQ_ADD,
    'a batch leaves requests already in the queue out of both processedRequests and unprocessedRequests',
    ['request-queues.batch-reports-every-request'],
  ),
  fault('rq-list-start-inclusive', 'request-queues', 'Request > Get request', 'listing requests after exclusiveStartId repeats that request', [
    'request-queues.list-visits-each-once',
  ]),
  // Key-value stores and datasets (emulator/routes/storages.ts, key-value-stores.ts, datasets.ts, item-selection.ts,
  // emulator/http/body-parsing.ts)
  fault('kvs-keys-unsorted', 'key-value-stores', LIST_KEYS, 'keys are listed in the order they were first written, not in byte order', [
    'key-value-stores.keys-byte-order',
  ]),
  fault('kvs-exclusive-start-key-inclusive', 'key-value-stores', LIST_KEYS, 'a page of keys starts at exclusiveStartKey instead of after it', [
    'key-value-stores.keys-start-after-any-key',
  ]),
  fault('kvs-keys-never-truncated', 'key-value-stores', LIST_KEYS, 'isTruncated is false even when more keys follow the page', [
    'key-value-stores.keys-pages-visit-each-once',
  ]),
  fault('kvs-record-content-type-lost', 'key-value-stores', 'Record > Get record', 'every record is served as application/octet-stream', [
    'key-value-stores.records-round-trip',
  ]),
  fault('kvs-gzip-record-stored-compressed', 'key-value-stores', 'Record > Put record', 'a gzip-encoded upload is stored as its compressed bytes', [
    'key-value-stores.records-gzip-upload',
  ]),
  fault('kvs-delete-record-keeps-it', 'key-value-stores', 'Record > Delete record', 'Delete record answers 204 and the record stays', [
    'key-value-stores.records-delete',
  ]),
  fault('kvs-create-duplicates-named', 'key-value-stores', CREATE_STORE, 'creating a store with a name the user already has makes a second store', [
    'key-value-stores.get-or-create-by-name',
  ]),
  fault('kvs-list-shows-unnamed', 'key-value-stores', 'Store collection > Get list of key-value stores', 'unnamed stores are listed without unnamed=1', [
    'key-value-stores.unnamed-listed-on-request',
  ]),
  fault('kvs-rename-ignored', 'key-value-stores', 'Store object > Update store', 'Update store answers 200 and keeps the old name', [
    'key-value-stores.rename',
  ]),
  fault('create-store-existing-201', 'transactions', CREATE_STORE, 'creating a store with a name the user already has answers 201 instead of 200'),
  fault('delete-store-200-with-body', 'transactions', 'Store object > Delete store', 'Delete store answers 200 with the store instead of an empty 204'),
  fault('ds-desc-ignored', 'datasets', GET_ITEMS, 'desc=1 is accepted and the items still come oldest first', ['datasets.offset-limit-desc']),
  fault('ds-fields-in-item-order', 'datasets', GET_ITEMS, 'fields keeps the item order of the fields, not the order fields names them', [
    'datasets.fields-and-omit',
  ]),
  fault('ds-skip-hidden-ignored', 'datasets', GET_ITEMS, 'clean and skipHidden leave the hidden (#) fields in', ['datasets.clean']),
  fault('ds-unwind-ignored', 'datasets', GET_ITEMS, 'unwind is accepted and does nothing', ['datasets.unwind']),
  fault('ds-pagination-total-is-count', 'datasets', GET_ITEMS, 'X-Apify-Pagination-Total counts the page instead of the dataset', [
    'datasets.pagination-headers',
  ]),
  fault('ds-xml-root-ignored', 'datasets', GET_ITEMS, 'xmlRoot is accepted and the root element stays <items>', ['datasets.formats-options']),
  fault('ds-item-count-stale', 'datasets', 'Dataset > Get dataset', 'itemCount stays 0 whatever was pushed', ['datasets.items-in-order']),
  fault('ds-push-partial-on-error', 'datasets', PUT_ITEMS, 'a push with a bad item stores the items before it, then answers 400', [
    'datasets.bad-items-store-nothing',
  ]),
  fault('put-items-no-location', 'transactions', PUT_ITEMS, 'Put items answers 201 without a Location header'),
  fault(
    'create-dataset-existing-201',
    'transactions',
    'Dataset collection > Create dataset',
    'creating a dataset with a taken name answers 201 instead of 200',
  ),
  fault('datasets-list-not-paginated', 'transactions', 'Dataset collection > Get list of datasets', 'the dataset list is a bare array instead of a page'),
  fault('update-dataset-no-data', 'transactions', 'Dataset > Update dataset', 'Update dataset answers {} without the data member'),
  fault('delete-dataset-200-with-body', 'transactions', 'Dataset > Delete dataset', 'Delete dataset answers 200 with the dataset instead of an empty 204'),
  fault('get-store-missing-user-id', 'transactions', 'Store object > Get store', 'Get store leaves out userId'),
  // Actor tasks, resurrect and last run, webhooks and their dispatches, logs, users (emulator/routes/tasks.ts,
  // runs.ts, run-start.ts, webhooks.ts, webhook-dispatches.ts, logs.ts, users.ts; emulator/jobs/runs.ts, webhook-dispatcher.ts)
  fault(
    'resurrect-finished-run-refused',
    'transactions',
    'Resurrect run > Resurrect run',
    'Resurrect run refuses a finished run, as if only a running one could be resurrected',
  ),
  fault(
    'last-run-ignores-status',
    'last-run',
    'Last run object and its storages > Get last run',
    'runs/last is the newest run whatever status the status parameter asks for',
    ['last-run.status-filter'],
  ),
  fault(
    'task-last-run-not-found',
    'transactions',
    'Last task run object and its storages > Get last run',
    "a task's runs/last is looked up as a run id and never found",
  ),
  fault('task-create-200', 'transactions', 'Task collection > Create task', 'Create task answers 200 instead of 201'),
  fault('task-list-not-paginated', 'transactions', 'Task collection > Get list of tasks', 'the task list is a bare array instead of a page'),
  fault('task-get-without-data', 'transactions', 'Task object > Get task', 'Get task answers the task without the data envelope'),
  fault('task-update-204', 'transactions', 'Task object > Update task', 'Update task answers 204 with no body instead of the task'),
  fault('task-delete-200', 'transactions', 'Task object > Delete task', 'Delete task answers 200 with the deleted task instead of 204'),
  fault('task-input-wrapped', 'tasks', 'Task input object > Get task input', 'Get task input wraps the input in a data member', [
    'tasks.input-is-bare',
    'tasks.input-update-merges',
  ]),
  fault(
    'task-input-update-replaces',
    'tasks',
    'Task input object > Update task input',
    'Update task input replaces the whole input instead of the keys it names',
    ['tasks.input-update-merges'],
  ),
  fault('task-input-not-merged', 'tasks', 'Task run collection > Run task', "a run's own input replaces the task input instead of overriding it key by key", [
    'tasks.run-input-overrides-task-input',
    'tasks.run-sync-answers-like-actor',
  ]),
  fault('task-run-forgets-task', 'tasks', 'Task run collection > Run task', 'a run started through a task does not record the task (actorTaskId null)', [
    'tasks.run-input-overrides-task-input',
    'tasks.run-records-task',
  ]),
  fault(
    'task-webhooks-list-not-paginated',
    'transactions',
    'Task webhook collection > Get list of webhooks',
    'the task webhook list is a bare array instead of a page',
  ),
  fault('task-runs-list-not-paginated', 'transactions', 'Task run collection > Get list of task runs', 'the task run list is a bare array instead of a page'),
  fault(
    'task-run-sync-post-200',
    'transactions',
    'Run task synchronously > Run task synchronously (POST)',
    'Run task synchronously (POST) answers 200 instead of 201',
  ),
  fault(
    'task-run-sync-get-ignores-task-input',
    'transactions',
    'Run task synchronously > Run task synchronously (GET)',
    'Run task synchronously (GET) runs the actor without the task input',
  ),
  fault('webhook-create-200', 'transactions', 'Webhook list > Create webhook', 'Create webhook answers 200 instead of 201'),
  fault('webhook-idempotency-ignored', 'webhooks', 'Webhook list > Create webhook', 'a create repeating an idempotency key makes a second webhook', [
    'webhooks.idempotency-key-one-webhook',
  ]),
  fault('webhook-list-without-condition', 'transactions', 'Webhook list > Get list of webhooks', "the webhook list leaves out each webhook's condition"),
  fault('webhook-get-without-data', 'transactions', 'Webhook object > Get webhook', 'Get webhook answers the webhook without the data envelope'),
  fault('webhook-update-204', 'transactions', 'Webhook object > Update webhook', 'Update webhook answers 204 with no body instead of the webhook'),
  fault('webhook-delete-200', 'transactions', 'Webhook object > Delete webhook', 'Delete webhook answers 200 with the deleted webhook instead of 204'),
  fault(
    'webhook-condition-ignored',
    'webhooks',
    'Dispatches collection > Get list of dispatches',
    'a webhook fires for runs of every actor of its user, whatever its condition',
    ['webhooks.condition-of-another-actor-silent'],
  ),
  fault('webhook-fires-twice', 'webhooks', 'Dispatches collection > Get list of dispatches', 'each event is delivered twice, as two dispatches', [
    'webhooks.failed-call-retried',
    'webhooks.failed-fires-failed-only',
    'webhooks.succeeded-fires-once',
  ]),
  fault(
    'webhook-fires-on-every-end',
    'webhooks',
    'Dispatches collection > Get list of dispatches',
    'every end of a run fires ACTOR.RUN.SUCCEEDED, a failed one included',
    ['webhooks.failed-fires-failed-only'],
  ),
  fault('webhook-not-retried', 'webhooks', 'Webhook dispatch object > Get webhook dispatch', 'a failed webhook call is never retried', [
    'webhooks.failed-call-retried',
  ]),
  fault(
    'dispatches-list-not-paginated',
    'transactions',
    'Dispatches collection > Get list of dispatches',
    'the dispatches of a webhook are a bare array instead of a page',
  ),
  fault(
    'dispatches-of-other-users-listed',
    'webhooks',
    'Webhook dispatches collection > Get list of webhook dispatches',
    'the dispatch list holds the dispatches of every user',
    ['webhooks.dispatches-private'],
  ),
  fault('dispatch-status-lowercase', 'transactions', 'Webhook dispatch object > Get webhook dispatch', 'a dispatch says its status in lower case (succeeded)'),
  fault('log-as-json', 'transactions', 'Log > Get log', 'the log is answered as a JSON string in a data member'),
  fault('log-stream-ignored', 'logs', 'Log > Get log', 'stream=1 answers the log as it is now and closes at once', ['logs.stream-follows-run']),
  fault('user-public-data-leaks-private', 'users', 'Public data > Get public user data', 'the public data of a user include the email and the proxy password', [
    'users.public-data-without-private',
  ]),
  fault('users-me-is-first-user', 'users', 'Private data > Get private user data', 'users/me answers the first user whatever the token', [
    'users.me-is-token-user',
  ]),
  // Faults that make the last of the storage and dispatch checks fail (emulator/routes/storages.ts, datasets.ts,
  // key-value-stores.ts, webhook-dispatches.ts)
  fault(
    'storage-invalid-name-accepted',
    'datasets',
    'Dataset collection > Create dataset',
    'a storage name with spaces, slashes or over 63 characters is accepted',
    ['datasets.invalid-names-4xx'],
  ),
  fault('ds-unknown-format-as-json', 'datasets', 'Item collection > Get items', 'an unknown format is answered as JSON', ['datasets.unknown-format-400']),
  fault('ds-csv-header-dropped', 'datasets', 'Item collection > Get items', 'csv comes without its header row, whatever skipHeaderRow says', [
    'datasets.formats-parse-back',
  ]),
  fault('kvs-missing-record-empty-200', 'key-value-stores', 'Record > Get record', 'a key never stored answers 200 with an empty body', [
    'key-value-stores.records-not-found',
  ]),
  fault(
    'dispatch-object-stale',
    'webhooks',
    'Webhook dispatch object > Get webhook dispatch',
    'a dispatch read by id is answered as when it was created: ACTIVE, no calls',
    ['webhooks.dispatch-list-and-object-agree'],
  ),
] as const satisfies readonly FaultDefinition[];

export type FaultId = (typeof FAULTS)[number]['id'];

export const FAULT_IDS: readonly string[] = FAULTS.map((f) => f.id);
