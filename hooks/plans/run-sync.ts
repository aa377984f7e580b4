import { isDeepStrictEqual } from 'node:util';
import { PLAIN_RECIPE } from '../../common/fixtures/index.ts';
import type { DreddTransaction } from '../lib/dredd-types.ts';
import type { HookFixtures } from '../lib/fixtures.ts';
import { setPathParams, setQueryParams, setRequestJson } from '../lib/request-rewrite.ts';
import { recordProblem } from '../lib/verdict.ts';
import type { TransactionPlan } from './plan.ts';

const RUN_SYNC_PATH = '/v2/acts/{actorId}/run-sync';

/**
 * Each run-sync example names its outcome by the documented status, and the plan makes the target really produce it:
 * 201 runs the shared actor (it echoes its input as OUTPUT); 400 runs an actor that exits with code 1; 408 runs an actor
 * that sleeps past the target's cap (CONFORMANCE_MAX_WAIT_SECS), with a run timeout longer than that, so the answer
 * must come from the cap and not from the run timing out. With input, the body is the instruction; without input,
 * the actor's built-in defaults are.
 */
async function prepareRunSync(transaction: DreddTransaction, fixtures: HookFixtures, withInput: boolean): Promise<void> {
  switch (transaction.expected.statusCode) {
    case '201': {
      setPathParams(transaction, RUN_SYNC_PATH, { actorId: (await fixtures.runnable()).actor.id });
      return;
    }
    case '400': {
      const { actor } = await fixtures.failingActor();
      setPathParams(transaction, RUN_SYNC_PATH, { actorId: actor.id });
      if (withInput) setRequestJson(transaction, { exitCode: 1 });
      return;
    }
    case '408': {
      const { actor } = await fixtures.slowActor();
      setPathParams(transaction, RUN_SYNC_PATH, { actorId: actor.id });
      setQueryParams(transaction, { timeout: fixtures.outlivesCapTimeoutSecs() });
      if (withInput) setRequestJson(transaction, fixtures.outlivesCap());
      return;
    }
    default:
      throw new Error(`the hooks know run-sync outcomes 201, 400 and 408, not ${String(transaction.expected.statusCode)}`);
  }
}

/**
 * The 201 body is the record the run wrote (the document: "answers with the OUTPUT record, as it was stored"), not just
 * any body of the example's shape: the shared actor writes its input as OUTPUT, and without input what its recipe's
 * defaults say.
 */
async function checkOutputRecord(transaction: DreddTransaction, withInput: boolean): Promise<void> {
  if (transaction.expected.statusCode !== '201' || transaction.real?.statusCode !== 201) return;
  const written = withInput ? parseJson(transaction.request.body) : PLAIN_RECIPE.defaults?.output;
  const answered = parseJson(transaction.real.body);
  if (!isDeepStrictEqual(answered, written)) {
    recordProblem(
      transaction,
      `the 201 body is not the OUTPUT record the run wrote: expected ${JSON.stringify(written)}, got ${transaction.real.body?.slice(0, 300) || '(empty)'}`,
    );
  }
}

function parseJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return text;
  }
}

export const runSyncPlans = {
  'Run actor synchronously > With input': {
    prepare: (transaction, fixtures) => prepareRunSync(transaction, fixtures, true),
    settle: (transaction) => checkOutputRecord(transaction, true),
  },
  'Run actor synchronously > Without input': {
    prepare: (transaction, fixtures) => prepareRunSync(transaction, fixtures, false),
    settle: (transaction) => checkOutputRecord(transaction, false),
  },
} satisfies Record<string, TransactionPlan>;
