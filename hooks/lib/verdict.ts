import type { DreddTransaction } from './dredd-types.ts';

/**
 * How the hooks fail a transaction. Before the request, `transaction.fail` stops Dredd from sending it. After the
 * response, problems are collected and merged into Dredd's own test result at the end of `afterEach`, so a response
 * that Gavel already failed keeps Gavel's message and gains ours.
 */

const problems = new WeakMap<DreddTransaction, string[]>();

/** Fails the transaction before its request is sent; Dredd reports "Failed in before hook: <reason>". */
export function failBeforeRequest(transaction: DreddTransaction, reason: string): void {
  transaction.fail = typeof transaction.fail === 'string' ? `${transaction.fail}; ${reason}` : reason;
}

/** Records a problem found in the response; `applyProblems` turns it into a failure. */
export function recordProblem(transaction: DreddTransaction, problem: string): void {
  const list = problems.get(transaction) ?? [];
  list.push(problem);
  problems.set(transaction, list);
}

export function problemsOf(transaction: DreddTransaction): readonly string[] {
  return problems.get(transaction) ?? [];
}

/** Marks the transaction's test failed with every recorded problem appended to its message. */
export function applyProblems(transaction: DreddTransaction): void {
  const list = problems.get(transaction);
  if (!list || list.length === 0) return;
  problems.delete(transaction);
  const test = transaction.test;
  // Without a test record the request itself errored, and Dredd reports that error already.
  if (test === undefined) return;
  test.valid = false;
  test.status = 'fail';
  test.message = [test.message.trim(), ...list].filter((line) => line !== '').join('\n');
}
