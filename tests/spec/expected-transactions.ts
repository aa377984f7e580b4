// The transactions Dredd 14 compiles from spec/apify-v2-actors.apib, in document order, with the names that
// `dredd ... --names` prints and that hooks are matched against. Dredd drops the API name ("Apify API > ") from
// the names when it reads a single description; dredd-transactions' own compile() still carries it.
//
// A change to the spec that adds, drops, renames or reorders a transaction must change this list on purpose,
// together with the hooks written against these names.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ExpectedTransaction {
  name: string;
  method: HttpMethod;
  status: number;
}

/** The title of the API Blueprint, which dredd-transactions puts in front of every name. */
export const API_NAME = 'Apify API';

export const EXPECTED_TRANSACTIONS: readonly ExpectedTransaction[] = [
  { name: 'Actors > Actor collection > Get list of actors', method: 'GET', status: 200 },
  { name: 'Actors > Actor collection > Create actor', method: 'POST', status: 201 },
  { name: 'Actors > Actor object > Get actor', method: 'GET', status: 200 },
  { name: 'Actors > Actor object > Update actor', method: 'PUT', status: 200 },
  { name: 'Actors > Actor object > Delete actor', method: 'DELETE', status: 204 },
  { name: 'Actors > Version collection > Get list of versions', method: 'GET', status: 200 },
  { name: 'Actors > Version collection > Create version', method: 'POST', status: 201 },
  { name: 'Actors > Version object > Get version', method: 'GET', status: 200 },
  { name: 'Actors > Version object > Update version', method: 'PUT', status: 200 },
  { name: 'Actors > Version object > Delete version', method: 'DELETE', status: 204 },
  { name: 'Actors > Webhook collection > Get list of webhooks', method: 'GET', status: 200 },
  { name: 'Actors > Build collection > Get list of builds', method: 'GET', status: 200 },
  { name: 'Actors > Build collection > Build actor', method: 'POST', status: 201 },
  { name: 'Actors > Build object > Get build', method: 'GET', status: 200 },
  { name: 'Actors > Abort build > Abort build', method: 'POST', status: 200 },
  { name: 'Actors > Run collection > Get list of runs', method: 'GET', status: 200 },
  { name: 'Actors > Run collection > Run actor', method: 'POST', status: 201 },
  { name: 'Actors > Run actor synchronously > With input > Example 1', method: 'POST', status: 201 },
  { name: 'Actors > Run actor synchronously > With input > Example 2', method: 'POST', status: 400 },
  { name: 'Actors > Run actor synchronously > With input > Example 3', method: 'POST', status: 408 },
  { name: 'Actors > Run actor synchronously > Without input > Example 1', method: 'GET', status: 201 },
  { name: 'Actors > Run actor synchronously > Without input > Example 2', method: 'GET', status: 400 },
  { name: 'Actors > Run actor synchronously > Without input > Example 3', method: 'GET', status: 408 },
  { name: 'Actors > Run object > Get run', method: 'GET', status: 200 },
  { name: 'Actors > Abort run > Abort run', method: 'POST', status: 200 },
  { name: 'Actors > Metamorph run > Metamorph run', method: 'POST', status: 200 },
];

/** Every documented request/response pair of the 2020 document (transactions.md: 22 actions, 26 pairs). */
export const MIN_TRANSACTIONS = 26;
