import { INCONCLUSIVE_MARK } from '../../common/inconclusive.ts';
import { actionLink, type SpecContract, transactionAction, transactionFeatures, transactionSelectable } from '../../common/spec-contract.ts';
import { type CheckResult, cleanupFailed } from '../results.ts';
import type { DreddRunResult, DreddTransactionResult } from './result.ts';

/** Each Dredd transaction as a check of the `transactions` family, identified by its transaction name. */
export function dreddCheckResults(run: DreddRunResult, contract: SpecContract): CheckResult[] {
  const ran = new Map(run.transactions.map((t) => [t.name, t]));
  const names = run.specTransactions ?? run.transactions.map((t) => t.name);
  const results = names.map((name) => {
    const transaction = ran.get(name);
    const described = transactionCheck(name, contract);
    return transaction ? { ...described, ...fromTransaction(transaction) } : { ...described, ...notRun(run) };
  });
  const failures = run.cleanup?.failures ?? [];
  return failures.length === 0 ? results : [...results, cleanupFailed({ id: 'the Dredd hooks', layer: 'dredd', family: 'transactions' }, failures)];
}

/** `Apify API > Actors > Run actor synchronously > With input > Example 2` -> `Run actor synchronously > With input`. */
export function documentedAction(transactionName: string): string {
  const parts = transactionName.split(' > ');
  const start = parts[0] === 'Apify API' ? 2 : 1;
  return parts.slice(start, start + 2).join(' > ');
}

function fromTransaction(t: DreddTransactionResult): Pick<CheckResult, 'status' | 'durationMs' | 'message' | 'exchange'> {
  // A fixture the target would not let the hooks make (its quota stayed full) is no verdict on the transaction.
  const status = t.status === 'pass' ? 'passed' : t.status !== 'fail' ? 'skipped' : t.message.includes(INCONCLUSIVE_MARK) ? 'inconclusive' : 'failed';
  return {
    status,
    durationMs: Math.round(t.durationMs),
    message: t.message,
    exchange: { request: t.request, expected: t.expected, actual: t.actual },
  };
}

// A transaction the spec defines that Dredd never reported: the suite broke (or was interrupted) before it.
function notRun(run: DreddRunResult): Pick<CheckResult, 'status' | 'durationMs' | 'message'> {
  const why = run.brokenReasons.length > 0 ? run.brokenReasons.join('; ') : 'Dredd did not report it';
  return { status: 'error', durationMs: 0, message: `not run: ${why}` };
}

/** What a transaction is as a check, before it runs; its spec file is a tag, so `--tag spec/01-actors.apib` selects the file. */
export function transactionCheck(
  name: string,
  contract: SpecContract,
): Pick<CheckResult, 'id' | 'family' | 'title' | 'spec' | 'features' | 'tags'> & { layer: 'dredd' } {
  const action = documentedAction(name);
  const documented = transactionAction(contract, name);
  return {
    ...transactionSelectable(contract, name),
    layer: 'dredd',
    title: `${action} answers as documented`,
    spec: documented ? actionLink(documented) : 'spec/',
    features: transactionFeatures(contract, name),
  };
}
