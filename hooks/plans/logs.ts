import { setPathParams } from '../lib/request-rewrite.ts';
import type { TransactionPlan } from './plan.ts';

export const logPlans = {
  'Log > Get log': {
    // The log of the shared finished run: it has ended, so the log is complete.
    async prepare(transaction, fixtures) {
      setPathParams(transaction, '/v2/logs/{buildOrRunId}', { buildOrRunId: (await fixtures.finishedRun()).id });
    },
  },
} satisfies Record<string, TransactionPlan>;
