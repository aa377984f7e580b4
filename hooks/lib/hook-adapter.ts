import { describeFailure } from '../../common/inconclusive.ts';
import type { AllTransactionsHook, DreddTransaction, TransactionHook } from './dredd-types.ts';

/**
 * Dredd only waits for a hook that takes a `done` callback, and ignores anything passed to `done`. These adapters let a
 * hook body be async: Dredd waits for it, and an error (thrown or rejected) goes to `onError`, which fails the
 * transaction(s), instead of becoming an unhandled rejection that Dredd never sees.
 */

export function transactionHook(
  body: (transaction: DreddTransaction) => Promise<void> | void,
  onError: (transaction: DreddTransaction, message: string) => void,
): TransactionHook {
  return (transaction, done) => {
    settle(
      () => body(transaction),
      (message) => onError(transaction, message),
      done,
    );
  };
}

export function allTransactionsHook(
  body: (transactions: DreddTransaction[]) => Promise<void> | void,
  onError: (transactions: DreddTransaction[], message: string) => void,
): AllTransactionsHook {
  return (transactions, done) => {
    settle(
      () => body(transactions),
      (message) => onError(transactions, message),
      done,
    );
  };
}

function settle(run: () => Promise<void> | void, onError: (message: string) => void, done: () => void): void {
  Promise.resolve()
    .then(run)
    .catch((error: unknown) => onError(describeFailure(error)))
    // An exception in onError itself must not leave Dredd waiting forever.
    .catch((error: unknown) => process.stderr.write(`[conformance hooks] error while reporting an error: ${describeFailure(error)}\n`))
    .finally(done);
}
