import { compileSpec } from '../../schemas/compiled-spec.ts';

/**
 * The transaction names the spec defines, compiled straight from its files with the library Dredd uses (not through
 * runner/dredd), so a test can hold the runner's count against it.
 */
export async function specTransactionNames(): Promise<string[]> {
  const compiled = await compileSpec();
  if (compiled.annotations.length > 0) {
    throw new Error(`the spec has annotations: ${compiled.annotations.map((a) => `${a.type}: ${a.message}`).join('; ')}`);
  }
  return compiled.transactions.map((transaction) => transaction.name);
}
