// The model-based property: every sequence fast-check draws gets, at every step, the reference model's answer from the
// target. A disagreement is shrunk to the smallest sequence fast-check can find within a bounded number of replays
// (each replay is a new queue on the target), and told with the seed and path that replay it.
import fc from 'fast-check';
import type { RequestQueue } from '../../../common/api-types.ts';
import type { ApiClient } from '../../../common/http.ts';
import { MAIN_CLIENT, runSequence } from './run-sequence.ts';
import { operationSequences, type QueueOperation } from './sequences.ts';

export interface PropertyRun {
  seed: number;
  /** How many sequences to draw. */
  sequences: number;
  /** Intents per sequence (as many operations, but for the rare skip). */
  length: number;
  /** Replays on the target allowed for shrinking, after the first failure. */
  shrinkReplays: number;
}

export interface Disagreement {
  seed: number;
  /** fast-check's path to the smallest failing sequence: with the seed, it draws it again. */
  path: string;
  /** The smallest failing sequence found, up to the operation that failed, and how it failed. */
  sequence: QueueOperation[];
  failedAt: number;
  message: string;
}

/** The smallest disagreement found between the target and the model, or undefined when every sequence agreed. */
export async function findDisagreement(api: ApiClient, newQueue: () => Promise<RequestQueue>, run: PropertyRun): Promise<Disagreement | undefined> {
  let smallest: Omit<Disagreement, 'seed' | 'path'> | undefined;
  let replays = 0;
  const agrees = async (sequence: QueueOperation[]) => {
    // Once the budget is spent, every further candidate counts as agreeing, which ends the shrinking where it stands.
    if (smallest !== undefined && replays >= run.shrinkReplays) return true;
    if (smallest !== undefined) replays += 1;
    const outcome = await runSequence(api, newQueue, sequence);
    // What follows the failing operation plays no part in it (the queue is new, the model deterministic).
    if (!outcome.ok) smallest = { sequence: sequence.slice(0, outcome.failedAt + 1), failedAt: outcome.failedAt, message: outcome.message };
    return outcome.ok;
  };
  const result = await fc.check(fc.asyncProperty(operationSequences(run.length), agrees), { seed: run.seed, numRuns: run.sequences });
  if (!result.failed || smallest === undefined) return undefined;
  return { seed: result.seed, path: result.counterexamplePath ?? '', ...smallest };
}

/** The failure message of the check: the seed and path, the step, and the smallest sequence operation by operation. */
export function describeDisagreement(found: Disagreement): string {
  return [
    `the target and the model disagree at the last step of the smallest failing sequence found (fast-check seed ${found.seed}, path "${found.path}"): ${found.message}`,
    `  the sequence (${found.sequence.length} operations, each with clientKey ${MAIN_CLIENT} unless named):`,
    ...found.sequence.map((operation, index) => `    ${index + 1}. ${JSON.stringify(operation)}`),
  ].join('\n');
}
