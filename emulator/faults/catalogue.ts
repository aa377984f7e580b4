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
  'key-value-stores',
  'datasets',
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
const LIST_KEYS = 'Key collection > Get list of keys';
const CREATE_STORE = 'Store collection > Create key-value store';
const GET_ITEMS = 'Item collection > Get items';
const PUT_ITEMS = 'Item collection > Put items';

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
  // Key-value stores and datasets (emulator/routes/storages.ts, key-value-stores.ts, datasets.ts, item-selection.ts,
  // emulator/http/body-parsing.ts)
  fault('kvs-keys-unsorted', 'key-value-stores', LIST_KEYS, 'keys are listed in the order they were first written, not in byte order'),
  fault('kvs-exclusive-start-key-inclusive', 'key-value-stores', LIST_KEYS, 'a page of keys starts at exclusiveStartKey instead of after it'),
  fault('kvs-keys-never-truncated', 'key-value-stores', LIST_KEYS, 'isTruncated is false even when more keys follow the page'),
  fault('kvs-record-content-type-lost', 'key-value-stores', 'Record > Get record', 'every record is served as application/octet-stream'),
  fault('kvs-gzip-record-stored-compressed', 'key-value-stores', 'Record > Put record', 'a gzip-encoded upload is stored as its compressed bytes'),
  fault('kvs-delete-record-keeps-it', 'key-value-stores', 'Record > Delete record', 'Delete record answers 204 and the record stays'),
  fault('kvs-create-duplicates-named', 'key-value-stores', CREATE_STORE, 'creating a store with a name the user already has makes a second store'),
  fault('kvs-list-shows-unnamed', 'key-value-stores', 'Store collection > Get list of key-value stores', 'unnamed stores are listed without unnamed=1'),
  fault('kvs-rename-ignored', 'key-value-stores', 'Store object > Update store', 'Update store answers 200 and keeps the old name'),
  fault('create-store-existing-201', 'transactions', CREATE_STORE, 'creating a store with a name the user already has answers 201 instead of 200'),
  fault('delete-store-200-with-body', 'transactions', 'Store object > Delete store', 'Delete store answers 200 with the store instead of an empty 204'),
  fault('ds-desc-ignored', 'datasets', GET_ITEMS, 'desc=1 is accepted and the items still come oldest first'),
  fault('ds-fields-in-item-order', 'datasets', GET_ITEMS, 'fields keeps the item order of the fields, not the order fields names them'),
  fault('ds-skip-hidden-ignored', 'datasets', GET_ITEMS, 'clean and skipHidden leave the hidden (#) fields in'),
  fault('ds-unwind-ignored', 'datasets', GET_ITEMS, 'unwind is accepted and does nothing'),
  fault('ds-pagination-total-is-count', 'datasets', GET_ITEMS, 'X-Apify-Pagination-Total counts the page instead of the dataset'),
  fault('ds-xml-root-ignored', 'datasets', GET_ITEMS, 'xmlRoot is accepted and the root element stays <items>'),
  fault('ds-item-count-stale', 'datasets', 'Dataset > Get dataset', 'itemCount stays 0 whatever was pushed'),
  fault('ds-push-partial-on-error', 'datasets', PUT_ITEMS, 'a push with a bad item stores the items before it, then answers 400'),
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
] as const satisfies readonly FaultDefinition[];

export type FaultId = (typeof FAULTS)[number]['id'];

export const FAULT_IDS: readonly string[] = FAULTS.map((f) => f.id);
