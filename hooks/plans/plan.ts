import type { ActionName } from '../../common/response-schemas.ts';
import type { DreddTransaction } from '../lib/dredd-types.ts';
import type { HookFixtures } from '../lib/fixtures.ts';

/**
 * How the hooks make one documented action testable on a real target: `prepare` creates what the request needs and
 * puts the fixtures' ids (and bodies where the example would collide or cannot work) into the request; `settle` runs
 * after the transaction, whatever its verdict and whether or not a response came: it registers what the request
 * created, for cleanup, and gives back what `prepare` held.
 */
export interface TransactionPlan {
  prepare(transaction: DreddTransaction, fixtures: HookFixtures): Promise<void>;
  settle?(transaction: DreddTransaction, fixtures: HookFixtures): Promise<void>;
}

/** One plan per documented action (the keys of common/response-schemas.ts), so the two cannot drift apart. */
export type PlanTable = Record<ActionName, TransactionPlan>;

/** The `data.id` (or another member) of a JSON response, if the response has one. */
export function responseData(transaction: DreddTransaction): Record<string, unknown> | undefined {
  const body = transaction.real?.body;
  if (body === undefined || body === '') return undefined;
  try {
    const parsed = JSON.parse(body) as { data?: unknown };
    return parsed.data !== null && typeof parsed.data === 'object' ? (parsed.data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
