// The transactions Dredd 14 must compile from spec/, in document order: the ones the project's own reading of the spec
// (common/spec-contract.ts) finds, with their methods and statuses. Two independent readers of the same files (ours and
// Dredd's compiler) must agree, so neither can silently drop or misname a documented pair.
import { readSpecContract, transactionNames } from '../../common/spec-contract.ts';

export interface ExpectedTransaction {
  /** As Dredd names it from several files: `Apify API > <group> > <resource> > <action>[ > Example <n>]`. */
  name: string;
  method: string;
  status: number;
}

const contract = readSpecContract();
const names = transactionNames(contract);

export const EXPECTED_TRANSACTIONS: readonly ExpectedTransaction[] = contract.actions
  .flatMap((action) => action.responses.map((response) => ({ method: action.method, status: response.status })))
  .map((pair, index) => ({ name: names[index]!, ...pair }));

/**
 * The documented request/response pairs of the groups the spec covers: Actors (22 actions, 26 pairs), Key-value stores
 * (9 actions, 11 pairs), Datasets (7 actions, 8 pairs), Request queues (10 actions, 11 pairs).
 */
export const MIN_TRANSACTIONS = 26 + 11 + 8 + 11;
