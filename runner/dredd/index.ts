export type { DreddOutcome, DreddRunResult, DreddTransactionResult } from './result.ts';
export { type RunDreddOptions, runDredd } from './run-dredd.ts';
