// The fault catalogue: small, realistic ways to get the documented contract wrong, switched on by EMULATOR_FAULTS.
// The self-test (npm run selftest) runs the gate against the emulator with each one and expects the gate to fail.
// `family` is the check family meant to notice it; `action` the documented action it breaks.

export interface FaultDefinition {
  id: string;
  family: string;
  action: string;
  description: string;
}

const fault = (id: string, family: string, action: string, description: string): FaultDefinition => ({ id, family, action, description });

export const FAULTS = [
  fault('pagination-count-off-by-one', 'pagination', 'Actor collection > Get list of actors', 'count is one more than the items returned'),
  fault('pagination-offset-ignored', 'pagination', 'Run collection > Get list of runs', 'offset is echoed but no item is skipped'),
  fault('pagination-desc-ignored', 'pagination', 'Run collection > Get list of runs', 'desc=1 is echoed but the order stays ascending'),
  fault('pagination-limit-not-clamped', 'pagination', 'Actor collection > Get list of actors', 'a limit above the maximum is echoed back unclamped'),
  fault('pagination-total-is-page-size', 'pagination', 'Run collection > Get list of runs', 'total counts only the page, not the whole list'),
  fault('pagination-desc-not-echoed', 'pagination', 'Webhook collection > Get list of webhooks', 'desc is always echoed as false'),
  fault('actors-my-ignored', 'pagination', 'Actor collection > Get list of actors', 'my=1 still lists actors of other users'),
  fault('builds-list-newest-first', 'pagination', 'Build collection > Get list of builds', 'builds are listed newest first by default'),
  fault('method-override-ignored', 'method-override', 'Actor object > Delete actor', 'the method query parameter is ignored'),
  fault('method-not-allowed-as-404', 'method-override', 'Run collection > Get list of runs', 'a method an endpoint does not allow answers 404 instead of 405'),
  fault('rate-limit-off', 'rate-limit', 'Actor object > Get actor', 'no request is ever rate limited'),
  fault('rate-limit-wrong-type', 'rate-limit', 'Actor object > Get actor', '429 answers carry the error type too-many-requests'),
  fault('wait-for-finish-ignored', 'wait-for-finish', 'Run object > Get run', 'waitForFinish never holds the request'),
  fault('wait-for-finish-cap-not-applied', 'wait-for-finish', 'Run object > Get run', 'waitForFinish above the cap waits as long as asked'),
  fault('wait-for-finish-returns-early', 'wait-for-finish', 'Run object > Get run', 'waitForFinish holds the request for half the time asked'),
  fault('wait-for-finish-above-cap-rejected', 'wait-for-finish', 'Build object > Get build', 'waitForFinish above the cap answers 400 instead of being clamped'),
  fault('abort-finished-run-changes-status', 'abort', 'Abort run > Abort run', 'aborting a finished run sets it ABORTED'),
  fault('abort-does-not-stop-code', 'abort', 'Abort run > Abort run', 'an aborted run is reported ABORTED while its code keeps running'),
  fault('abort-finished-build-changes-status', 'abort', 'Abort build > Abort build', 'aborting a finished build sets it ABORTED'),
  fault('finished-at-missing-on-terminal', 'lifecycle', 'Run object > Get run', 'finishedAt stays null when a run has ended'),
  fault('finished-at-set-while-running', 'lifecycle', 'Run collection > Run actor', 'finishedAt is set while the run is still going'),
  fault('status-skips-back', 'lifecycle', 'Run object > Get run', 'a run that just SUCCEEDED is reported RUNNING again for a moment'),
  fault('exit-code-ignored', 'lifecycle', 'Run object > Get run', 'a run whose code exits non-zero ends SUCCEEDED'),
  fault('timeout-not-enforced', 'lifecycle', 'Run collection > Run actor', 'the run timeout is never enforced'),
  fault('input-content-type-lost', 'lifecycle', 'Run collection > Run actor', 'the INPUT record is stored as text/plain whatever was sent'),
  fault('metamorph-new-run-id', 'lifecycle', 'Metamorph run > Metamorph run', 'metamorph answers with a new run id'),
  fault('metamorph-forgets-input', 'lifecycle', 'Metamorph run > Metamorph run', 'metamorph does not store the new input as INPUT-METAMORPH-1'),
  fault('run-sync-200', 'run-sync', 'Run actor synchronously > With input', 'run-sync answers 200 instead of 201'),
  fault('run-sync-failed-as-201', 'run-sync', 'Run actor synchronously > With input', 'a failed run-sync run answers 201 instead of 400 run-failed'),
  fault('run-sync-returns-run-object', 'run-sync', 'Run actor synchronously > Without input', 'run-sync answers with the run object instead of the output record'),
  fault('run-sync-timeout-as-200', 'run-sync', 'Run actor synchronously > With input', 'a run-sync run past the cap answers 200 with the run instead of 408'),
  fault('run-sync-ignores-output-record-key', 'run-sync', 'Run actor synchronously > With input', 'outputRecordKey is ignored: OUTPUT is always returned'),
  fault('token-not-required', 'auth', 'Actor collection > Get list of actors', 'a call without a token acts as the first user'),
  fault('other-user-actor-visible', 'auth', 'Actor object > Get actor', "another user's private actor can be read and changed"),
  fault('run-requires-token', 'auth', 'Run object > Get run', 'Get run and Get build refuse calls without a token'),
  fault('bearer-not-accepted', 'auth', 'Actor object > Get actor', 'the Authorization: Bearer header is ignored'),
  fault('not-found-wrong-type', 'errors', 'Actor object > Get actor', 'unknown ids answer 404 with the error type not-found'),
  fault('errors-not-json', 'errors', 'Actor object > Get actor', 'error answers are plain text, not the JSON error envelope'),
  fault('malformed-json-accepted', 'errors', 'Actor collection > Create actor', 'a malformed JSON body is read as an empty object'),
  fault('create-actor-no-location', 'transactions', 'Actor collection > Create actor', 'Create actor answers 201 without a Location header'),
  fault('create-actor-200', 'transactions', 'Actor collection > Create actor', 'Create actor answers 200 instead of 201'),
  fault('delete-actor-200-with-body', 'transactions', 'Actor object > Delete actor', 'Delete actor answers 200 with a JSON body instead of an empty 204'),
  fault('delete-version-200-with-body', 'transactions', 'Version object > Delete version', 'Delete version answers 200 with a JSON body instead of an empty 204'),
  fault('create-version-200', 'transactions', 'Version collection > Create version', 'Create version answers 200 instead of 201'),
  fault('update-actor-wipes-fields', 'round-trip', 'Actor object > Update actor', 'Update actor clears every property the body does not name'),
  fault('update-version-wipes-fields', 'round-trip', 'Version object > Update version', 'Update version clears every property the body does not name'),
  fault('dates-not-iso', 'transactions', 'Actor object > Get actor', 'timestamps are written in the Date.toString() format'),
  fault('ids-wrong-shape', 'transactions', 'Build collection > Build actor', 'build ids are 16 characters long'),
  fault('tilde-name-not-resolved', 'round-trip', 'Actor object > Get actor', 'username~name does not find the actor'),
  fault('versions-list-missing-total', 'transactions', 'Version collection > Get list of versions', 'the version list has no total'),
  fault('webhooks-list-not-paginated', 'transactions', 'Webhook collection > Get list of webhooks', 'the webhook list is a bare array'),
  fault('build-actor-200', 'transactions', 'Build collection > Build actor', 'Build actor answers 200 instead of 201'),
  fault('run-actor-200', 'transactions', 'Run collection > Run actor', 'Run actor answers 200 instead of 201'),
  fault('get-actor-wrong-content-type', 'transactions', 'Actor object > Get actor', 'Get actor answers with Content-Type text/plain'),
  fault('get-version-missing-source-type', 'transactions', 'Version object > Get version', 'Get version leaves out sourceType'),
  fault('get-build-missing-status', 'transactions', 'Build object > Get build', 'Get build leaves out status'),
] as const satisfies readonly FaultDefinition[];

export type FaultId = (typeof FAULTS)[number]['id'];

export const FAULT_IDS: readonly string[] = FAULTS.map((f) => f.id);
