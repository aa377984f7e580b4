import { MEMORY_QUOTA_FULL, refusalOf } from '../../common/fixtures/quota.ts';
import { INCONCLUSIVE_MARK } from '../../common/inconclusive.ts';
import type { DreddTransaction } from './dredd-types.ts';

/**
 * A start (Build actor, Run actor, run-sync, ...) that the account's memory quota refused while the run's other jobs held
 * it: 402 actor-memory-limit-exceeded, where the spec documents no 402. The target never reached the rule the
 * transaction is about, and Dredd cannot send the start again (a write is resent only after a 429), so the transaction
 * is inconclusive, with the platform's message; the fixtures wait such refusals out instead (common/fixtures/quota.ts).
 */
export function quotaRefusal(transaction: DreddTransaction): string | undefined {
  const real = transaction.real;
  if (real === undefined || real.statusCode !== 402 || transaction.expected.statusCode === '402') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(real.body ?? '');
  } catch {
    return undefined;
  }
  const { type, message } = refusalOf(body);
  if (type !== MEMORY_QUOTA_FULL) return undefined;
  return `${INCONCLUSIVE_MARK} the account's memory quota refused the start while the run's other jobs held it (HTTP 402 ${type}: ${message})`;
}
