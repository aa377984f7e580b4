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
  'tasks',
  'webhooks',
  'last-run',
  'logs',
  'users',
] as const;

export type CheckFamily = (typeof CHECK_FAMILIES)[number];

export interface FaultDefinition {
  /** kebab-case, stable: reports and EMULATOR_FAULTS refer to it. */
  id: string;
  /** The check family meant to notice it. */
  family: CheckFamily;
  /** The documented action it breaks, "<resource> > <action>" as in the spec (its transaction names without "Actors > "). */
  action: string;
  /** What the faulty server does, in one line. */
  description: string;
}

const fault = (id: string, family: CheckFamily, action: string, description: string) => ({ id, family, action, description }) as const;

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

export const FAULTS = [
  // Pagination (emulator/http/pagination.ts and the list routes)
  fault('pagination-count-off-by-one', 'pagination', ACTORS, 'count is one more than the number of items returned'),
  fault('pagination-offset-ignored', 'pagination', RUNS, 'offset is echoed but no item is skipped'),
  fault('pagination-desc-ignored', 'pagination', RUNS, 'desc=1 is echoed but the order stays ascending'),
  fault('pagination-limit-not-clamped', 'pagination', ACTORS, 'a limit above the maximum page size is echoed back unclamped'),
  fault('pagination-total-is-page-size', 'pagination', RUNS, 'total counts only the items of the page, not the whole list'),
  fault('pagination-desc-not-echoed', 'pagination', 'Webhook collection > Get list of webhooks', 'desc is always echoed as false'),
  fault('actors-my-ignored', 'pagination', ACTORS, "my=1 is ignored and the list also shows other users' actors"),
  fault('builds-list-newest-first', 'pagination', 'Build collection > Get list of builds', 'builds are listed newest first unless desc=1 is given'),
  // Method override and 405 (emulator/app.ts, emulator/http/not-found.ts)
  fault(
    'method-override-ignored',
    'method-override',
    'Actor object > Delete actor',
    'the method query parameter is ignored: GET ?method=DELETE reads instead of deleting',
  ),
  fault('method-not-allowed-as-404', 'method-override', RUNS, 'a method an endpoint does not serve answers 404 instead of 405'),
  // Rate limits (emulator/app.ts, emulator/http/rate-limit.ts)
  fault('rate-limit-off', 'rate-limit', GET_ACTOR, 'no request is ever rate limited'),
  fault('rate-limit-wrong-type', 'rate-limit', GET_ACTOR, '429 answers carry the error type too-many-requests instead of rate-limit-exceeded'),
  // waitForFinish (emulator/jobs/wait-for-finish.ts, emulator/routes/builds.ts)
  fault('wait-for-finish-ignored', 'wait-for-finish', GET_RUN, 'waitForFinish never holds the request'),
  fault('wait-for-finish-cap-not-applied', 'wait-for-finish', GET_RUN, 'waitForFinish above the cap waits as long as asked'),
  fault('wait-for-finish-returns-early', 'wait-for-finish', GET_RUN, 'waitForFinish holds the request for only half the time asked'),
  fault('wait-for-finish-above-cap-rejected', 'wait-for-finish', GET_BUILD, 'waitForFinish above the cap answers 400 instead of being clamped'),
  fault('wait-for-finish-build-ignored', 'wait-for-finish', GET_BUILD, 'Get build ignores waitForFinish (runs honour it)'),
  // Abort (emulator/jobs/runs.ts, emulator/jobs/builds.ts)
  fault('abort-finished-run-changes-status', 'abort', 'Abort run > Abort run', 'aborting a run that already ended sets it ABORTED'),
  fault('abort-does-not-stop-code', 'abort', 'Abort run > Abort run', 'an aborted run is reported ABORTED while its code keeps running'),
  fault('abort-finished-build-changes-status', 'abort', 'Abort build > Abort build', 'aborting a build that already ended sets it ABORTED'),
  // Lifecycle and metamorph (emulator/jobs/runs.ts, emulator/routes/runs.ts)
  fault('finished-at-missing-on-terminal', 'lifecycle', GET_RUN, 'finishedAt stays null when a run has ended'),
  fault('finished-at-set-while-running', 'lifecycle', RUN_ACTOR, 'finishedAt is stamped when the run starts'),
  fault('status-skips-back', 'lifecycle', GET_RUN, 'a running run is moved to another worker once and reported READY again meanwhile'),
  fault('exit-code-ignored', 'lifecycle', GET_RUN, 'a run whose code exits non-zero ends SUCCEEDED'),
  fault('timeout-not-enforced', 'lifecycle', RUN_ACTOR, 'the run timeout is never enforced'),
  fault('input-content-type-lost', 'lifecycle', RUN_ACTOR, 'the INPUT record is stored as text/plain whatever Content-Type was sent'),
  fault('metamorph-new-run-id', 'lifecycle', METAMORPH, 'metamorph starts the target as a new run (new id, input under INPUT) and aborts the old one'),
  fault('metamorph-forgets-input', 'lifecycle', METAMORPH, 'metamorph does not store the new input as INPUT-METAMORPH-1'),
  // Run-sync (emulator/routes/run-sync.ts)
  fault('run-sync-200', 'run-sync', RUN_SYNC_INPUT, 'run-sync answers 200 instead of 201'),
  fault('run-sync-failed-as-201', 'run-sync', RUN_SYNC_INPUT, 'a run-sync run that failed answers 201 with whatever output it left instead of 400 run-failed'),
  fault(
    'run-sync-returns-run-object',
    'run-sync',
    'Run actor synchronously > Without input',
    'run-sync answers with the run object instead of the output record',
  ),
  fault('run-sync-timeout-as-200', 'run-sync', RUN_SYNC_INPUT, 'a run-sync run still going at the cap answers 200 with the run instead of 408'),
  fault('run-sync-ignores-output-record-key', 'run-sync', RUN_SYNC_INPUT, 'outputRecordKey is ignored: the OUTPUT record is always returned'),
  // Authentication and isolation (emulator/http/auth.ts, emulator/routes/lookup.ts)
  fault('token-not-required', 'auth', ACTORS, 'a call without a token acts as the first user'),
  fault('invalid-token-accepted', 'auth', ACTORS, 'an unknown token acts as the first user instead of answering 401'),
  fault('other-user-actor-visible', 'auth', GET_ACTOR, "another user's private actor can be read and changed"),
  fault('run-requires-token', 'auth', GET_RUN, 'Get run and Get build refuse calls without a token'),
  fault('bearer-not-accepted', 'auth', GET_ACTOR, 'the Authorization: Bearer header is ignored; only ?token= works'),
  // Errors and bad input (emulator/errors.ts, emulator/http/error-handler.ts, emulator/http/body-parsing.ts)
  fault('not-found-wrong-type', 'errors', GET_ACTOR, 'unknown ids answer 404 with the error type not-found instead of record-not-found'),
  fault('errors-not-json', 'errors', GET_ACTOR, 'error answers are plain text instead of the JSON error envelope'),
  fault('malformed-json-accepted', 'errors', 'Actor object > Update actor', 'a malformed JSON body is read as an empty object'),
  fault('non-object-body-accepted', 'errors', 'Version object > Update version', 'a JSON body that is not an object is read as an empty object'),
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
  fault(
    'update-actor-wipes-fields',
    'round-trip',
    'Actor object > Update actor',
    'Update actor replaces the actor: title, description, isPublic and restartOnError left out of the body are reset',
  ),
  fault(
    'update-version-wipes-fields',
    'round-trip',
    'Version object > Update version',
    'Update version replaces the version: buildTag, envVars and sources left out of the body are reset',
  ),
  fault('tilde-name-not-resolved', 'round-trip', GET_ACTOR, 'username~name does not find the actor'),
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
  fault('task-input-wrapped', 'tasks', 'Task input object > Get task input', 'Get task input wraps the input in a data member'),
  fault(
    'task-input-update-replaces',
    'tasks',
    'Task input object > Update task input',
    'Update task input replaces the whole input instead of the keys it names',
  ),
  fault('task-input-not-merged', 'tasks', 'Task run collection > Run task', "a run's own input replaces the task input instead of overriding it key by key"),
  fault('task-run-forgets-task', 'tasks', 'Task run collection > Run task', 'a run started through a task does not record the task (actorTaskId null)'),
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
  fault('webhook-idempotency-ignored', 'webhooks', 'Webhook list > Create webhook', 'a create repeating an idempotency key makes a second webhook'),
  fault('webhook-list-without-condition', 'transactions', 'Webhook list > Get list of webhooks', "the webhook list leaves out each webhook's condition"),
  fault('webhook-get-without-data', 'transactions', 'Webhook object > Get webhook', 'Get webhook answers the webhook without the data envelope'),
  fault('webhook-update-204', 'transactions', 'Webhook object > Update webhook', 'Update webhook answers 204 with no body instead of the webhook'),
  fault('webhook-delete-200', 'transactions', 'Webhook object > Delete webhook', 'Delete webhook answers 200 with the deleted webhook instead of 204'),
  fault(
    'webhook-condition-ignored',
    'webhooks',
    'Dispatches collection > Get list of dispatches',
    'a webhook fires for runs of every actor of its user, whatever its condition',
  ),
  fault('webhook-fires-twice', 'webhooks', 'Dispatches collection > Get list of dispatches', 'each event is delivered twice, as two dispatches'),
  fault(
    'webhook-fires-on-every-end',
    'webhooks',
    'Dispatches collection > Get list of dispatches',
    'every end of a run fires ACTOR.RUN.SUCCEEDED, a failed one included',
  ),
  fault('webhook-not-retried', 'webhooks', 'Webhook dispatch object > Get webhook dispatch', 'a failed webhook call is never retried'),
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
  ),
  fault('dispatch-status-lowercase', 'transactions', 'Webhook dispatch object > Get webhook dispatch', 'a dispatch says its status in lower case (succeeded)'),
  fault('log-as-json', 'transactions', 'Log > Get log', 'the log is answered as a JSON string in a data member'),
  fault('log-stream-ignored', 'logs', 'Log > Get log', 'stream=1 answers the log as it is now and closes at once'),
  fault('user-public-data-leaks-private', 'users', 'Public data > Get public user data', 'the public data of a user include the email and the proxy password'),
  fault('users-me-is-first-user', 'users', 'Private data > Get private user data', 'users/me answers the first user whatever the token'),
] as const satisfies readonly FaultDefinition[];

export type FaultId = (typeof FAULTS)[number]['id'];

export const FAULT_IDS: readonly string[] = FAULTS.map((f) => f.id);
