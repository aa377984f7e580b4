import type { CheckResult } from '../results.ts';
import type { DreddRunResult, DreddTransactionResult } from './result.ts';

/** Each Dredd transaction as a check of the `transactions` family, identified by its transaction name. */
export function dreddCheckResults(run: DreddRunResult): CheckResult[] {
  const ran = new Map(run.transactions.map((t) => [t.name, t]));
  const names = run.specTransactions ?? run.transactions.map((t) => t.name);
  return names.map((name) => {
    const transaction = ran.get(name);
    return transaction ? fromTransaction(transaction) : notRun(name, run);
  });
}

/** `Apify API > Actors > Run actor synchronously > With input > Example 2` -> `Run actor synchronously > With input`. */
export function documentedAction(transactionName: string): string {
  const parts = transactionName.split(' > ');
  const start = parts[0] === 'Apify API' ? 2 : 1;
  return parts.slice(start, start + 2).join(' > ');
}

function fromTransaction(t: DreddTransactionResult): CheckResult {
  const status = t.status === 'pass' ? 'passed' : t.status === 'fail' ? 'failed' : 'skipped';
  return {
    ...describe(t.name),
    status,
    durationMs: Math.round(t.durationMs),
    message: t.message,
    exchange: { request: t.request, expected: t.expected, actual: t.actual },
  };
}

// A transaction the spec defines that Dredd never reported: the suite broke (or was interrupted) before it.
function notRun(name: string, run: DreddRunResult): CheckResult {
  const why = run.brokenReasons.length > 0 ? run.brokenReasons.join('; ') : 'Dredd did not report it';
  return { ...describe(name), status: 'error', durationMs: 0, message: `not run: ${why}` };
}

function describe(name: string): Pick<CheckResult, 'id' | 'layer' | 'family' | 'title' | 'spec' | 'tags'> {
  const action = documentedAction(name);
  const resource = action.split(' > ')[0] ?? action;
  return {
    id: name,
    layer: 'dredd',
    family: 'transactions',
    title: `${action} answers as documented`,
    spec: `spec/apify-v2-actors.apib#${resource.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    tags: ['dredd'],
  };
}
