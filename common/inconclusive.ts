/**
 * The target kept a check from reaching its verdict (every build ended before its abort arrived, the account's quota
 * stayed full): reported as `inconclusive`, never as passed. The suites' reporter knows it by its name. A Dredd
 * transaction's failure is a string, so the hooks begin it with INCONCLUSIVE_MARK, which the runner reads.
 */
export class Inconclusive extends Error {
  override readonly name = 'Inconclusive';
}

export const INCONCLUSIVE_MARK = '[inconclusive]';

/** A failure message that keeps the mark of an Inconclusive error, for the layers that pass messages only. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.name === 'Inconclusive' ? `${INCONCLUSIVE_MARK} ${error.message}` : error.message;
}
