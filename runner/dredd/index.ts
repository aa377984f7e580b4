export { runDredd, type RunDreddOptions } from './run-dredd.ts';
export type { DreddOutcome, DreddRunResult, DreddTransactionResult } from './result.ts';
