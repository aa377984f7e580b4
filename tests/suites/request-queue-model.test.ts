// The model-based check of request queues (suites/request-queues/model.test.ts) finds each fault of the emulator's
// catalogue that breaks the 2020 queue operations, on its own, against the emulator with only that fault; and it
// finds nothing wrong with the clean emulator. A stopgap generator with shrinking by prefix stands in for fast-check.
import { afterAll, describe, expect, it } from 'vitest';
import type { RequestQueue } from '../../common/api-types.ts';
import { createApiClient } from '../../common/http.ts';
import { createRedactor } from '../../common/redact.ts';
import { startEmulator } from '../../emulator/index.ts';
import { randomOperations, shrinkByPrefix } from '../../suites/request-queues/model/random-sequence.ts';
import { runSequence } from '../../suites/request-queues/model/run-sequence.ts';

const TOKEN = 'modelTestToken000000000001';
const OPERATIONS = 60;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

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
  it('agrees with the clean emulator on every seed', async () => {
    const { api, newQueue } = await target([]);
    for (const seed of SEEDS) expect(await runSequence(api, newQueue, randomOperations(seed, OPERATIONS)), `seed ${seed}`).toEqual({ ok: true });
  });

  it.each(MODEL_FAULTS)('finds %s alone, and shrinks the sequence to a prefix that still fails', async (fault) => {
    const { api, newQueue } = await target([fault]);
    let found: { seed: number; failedAt: number } | undefined;
    for (const seed of SEEDS) {
      const outcome = await runSequence(api, newQueue, randomOperations(seed, OPERATIONS));
      if (!outcome.ok) {
        found = { seed, failedAt: outcome.failedAt };
        break;
      }
    }
    expect(found, `no seed of ${SEEDS.join(', ')} revealed ${fault}`).toBeDefined();
    const operations = randomOperations(found!.seed, OPERATIONS);
    const smallest = await shrinkByPrefix(operations, found!.failedAt, async (candidate) => !(await runSequence(api, newQueue, candidate)).ok, 12);
    expect(smallest.length).toBeLessThanOrEqual(found!.failedAt + 1);
    expect((await runSequence(api, newQueue, smallest)).ok).toBe(false);
  });

  it('generates the same sequence from the same seed', () => {
    expect(randomOperations(42, 30)).toEqual(randomOperations(42, 30));
    expect(randomOperations(42, 30)).not.toEqual(randomOperations(43, 30));
  });
});
