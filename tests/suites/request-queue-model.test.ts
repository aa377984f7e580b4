// The model-based check of request queues (suites/request-queues/model.test.ts) finds each fault of the emulator's
// catalogue that breaks the 2020 queue operations, on its own, against the emulator with only that fault; and it
// finds nothing wrong with the clean emulator, shrinks what it finds and tells it with what replays it.

import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { RequestQueue } from '../../common/api-types.ts';
import { createApiClient } from '../../common/http.ts';
import { createRedactor } from '../../common/redact.ts';
import { startEmulator } from '../../emulator/index.ts';
import { describeDisagreement, findDisagreement, type PropertyRun } from '../../suites/request-queues/model/find-disagreement.ts';
import { runSequence } from '../../suites/request-queues/model/run-sequence.ts';
import { operationSequences } from '../../suites/request-queues/model/sequences.ts';

const TOKEN = 'modelTestToken000000000001';
/** Eight sequences of 40 intents from a fixed seed (every fault below shows in one of them), shrunk as the check does. */
const RUN: PropertyRun = { seed: 1, sequences: 8, length: 40, shrinkReplays: 12 };

/** The queue faults the sequence's operations can reveal (the others break names, lists, locks, batches or users). */
const MODEL_FAULTS = [
  'rq-dedup-ignored',
  'rq-already-handled-wrong',
  'rq-forefront-ignored',
  'rq-handled-count-stale',
  'rq-pending-not-decremented',
  'rq-delete-keeps-count',
  'rq-head-shows-handled',
  'rq-head-limit-ignored',
  'rq-multiple-clients-never',
  'rq-get-request-loses-user-data',
];

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

async function target(faults: string[]) {
  const emulator = await startEmulator({ port: 0, token: TOKEN, faults, rateLimitDefault: 0, rateLimitHigh: 0 });
  closers.push(() => emulator.close());
  const api = createApiClient({ baseUrl: emulator.url, token: TOKEN, redactor: createRedactor([TOKEN]) });
  const newQueue = async () =>
    ((await api.request<{ data: RequestQueue }>({ method: 'POST', path: '/v2/request-queues' })).body as { data: RequestQueue }).data;
  return { api, newQueue };
}

describe('the model-based request-queue check', () => {
  it('agrees with the clean emulator on every sequence', async () => {
    const { api, newQueue } = await target([]);
    expect(await findDisagreement(api, newQueue, RUN)).toBeUndefined();
  });

  it.each(MODEL_FAULTS)('finds %s alone, shrinks it, and tells the seed, the path and the sequence', async (fault) => {
    const { api, newQueue } = await target([fault]);
    const found = await findDisagreement(api, newQueue, RUN);
    expect(found, `no sequence of seed ${RUN.seed} revealed ${fault}`).toBeDefined();
    const { sequence, failedAt, seed, path } = found!;
    // The smallest sequence ends with the operation that failed, and fails there again.
    expect(failedAt).toBe(sequence.length - 1);
    expect(await runSequence(api, newQueue, sequence)).toMatchObject({ ok: false, failedAt });
    // The seed and path draw it again (followed by what played no part in the failure).
    const replayed = fc.sample(operationSequences(RUN.length), { seed, path, numRuns: 1 })[0]!;
    expect(replayed.slice(0, sequence.length)).toEqual(sequence);
    const message = describeDisagreement(found!);
    expect(message).toContain(`fast-check seed ${seed}, path "${path}"`);
    for (const [index, operation] of sequence.entries()) expect(message).toContain(`${index + 1}. ${JSON.stringify(operation)}`);
  });

  it('draws the same sequences from the same seed, and only valid ones', () => {
    const draw = (seed: number) => fc.sample(operationSequences(30), { seed, numRuns: 5 });
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });
});
