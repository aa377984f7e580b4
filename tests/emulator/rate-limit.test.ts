// Rate limits (spec/00-overview.apib#rate-limits; emulator/README.md "What it serves"): a default limit per second and
// a higher one for run and storage endpoints, counted per user (per storage for storage endpoints, per IP when
// anonymous), 429 rate-limit-exceeded, limits set by EMULATOR_RATE_LIMIT_DEFAULT / _HIGH (0 = off). Small limits keep
// bursts short; counts are judged with a tolerance of one extra window, since a burst may straddle two.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { createBuiltActor, startRun, waitForJob } from './helpers/fixtures.ts';
import { type ApiResponse, dataOf, expectApiError } from './helpers/http.ts';
import type { Actor, Run } from './helpers/types.ts';

const DEFAULT_LIMIT = 5;
const HIGH_LIMIT = 25;

let limited: TestEmulator;
/** The same emulator, but every fixture step retries 429 like a real client, so setup never trips the limiter. */
let patient: TestEmulator;
let actor: Actor;

beforeAll(async () => {
  limited = await startTestEmulator({ rateLimitDefault: DEFAULT_LIMIT, rateLimitHigh: HIGH_LIMIT });
  patient = { ...limited, api: limited.api.withBackoff(), api2: limited.api2.withBackoff() };
  ({ actor } = await createBuiltActor(patient, 'scripted'));
});
afterAll(async () => {
  await limited?.close();
});

async function burst(count: number, send: (index: number) => Promise<ApiResponse>): Promise<ApiResponse[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => send(index)));
}

function tally(responses: ApiResponse[]): { ok: number; limited: number; other: ApiResponse[] } {
  const ok = responses.filter((res) => res.status >= 200 && res.status < 300).length;
  const rateLimited = responses.filter((res) => res.status === 429);
  return { ok, limited: rateLimited.length, other: responses.filter((res) => res.status !== 429 && (res.status < 200 || res.status >= 300)) };
}

/** Waits until the limiter lets a request through again, proving the limit is per time window. */
async function untilAllowed(send: () => Promise<ApiResponse>, timeoutMs = 5_000): Promise<ApiResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await send();
    if (res.status !== 429 || Date.now() > deadline) return res;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('rate limits: the default limit', () => {
  test('a burst above the default limit gets 429 rate-limit-exceeded naming the limit; the rest passes', async () => {
    const responses = await burst(DEFAULT_LIMIT * 4, () => limited.api.get(`/v2/acts/${actor.id}`));
    const counts = tally(responses);
    expect(counts.other.map((res) => `${res.request} -> ${res.status}`)).toEqual([]);
    expect(counts.ok, 'requests within the limit pass').toBeGreaterThanOrEqual(1);
    expect(counts.ok, `at most ${DEFAULT_LIMIT} per second pass (twice that if the burst straddles two windows)`).toBeLessThanOrEqual(DEFAULT_LIMIT * 2);
    expect(counts.limited, 'requests beyond the limit are refused').toBeGreaterThan(0);
    const refusal = responses.find((res) => res.status === 429);
    if (!refusal) throw new Error('no 429 in the burst');
    const error = expectApiError(refusal, 429, 'rate-limit-exceeded');
    expect(error.message).toContain(String(DEFAULT_LIMIT));
  });

  test('after a 429 the same request passes again once the window has moved on', async () => {
    await burst(DEFAULT_LIMIT * 4, () => limited.api.get(`/v2/acts/${actor.id}`));
    const res = await untilAllowed(() => limited.api.get(`/v2/acts/${actor.id}`));
    expect(dataOf<Actor>(res).id).toBe(actor.id);
  });

  test('the limit is counted per user: one user at the limit does not block another', async () => {
    // The second user sends nothing before this, so a burst just under the limit must pass in full.
    const first = tally(await burst(DEFAULT_LIMIT * 4, () => limited.api.get('/v2/acts')));
    expect(first.limited, 'the first user is over the limit').toBeGreaterThan(0);
    const second = tally(await burst(DEFAULT_LIMIT - 1, () => limited.api2.get('/v2/acts')));
    expect(second.limited, 'the second user has a counter of their own').toBe(0);
    expect(second.ok).toBe(DEFAULT_LIMIT - 1);
  });

  test('anonymous requests are limited too (per IP)', async () => {
    const run = await startRun(patient, actor.id, { input: {} });
    await waitForJob<Run>(patient, 'run', run.id);
    const counts = tally(await burst(DEFAULT_LIMIT * 4, () => limited.api.anonymous().get(`/v2/actor-runs/${run.id}`)));
    expect(counts.other).toEqual([]);
    expect(counts.limited).toBeGreaterThan(0);
    expect(counts.ok).toBeLessThanOrEqual(DEFAULT_LIMIT * 2);
  });
});

describe('rate limits: the higher limit of run and storage endpoints', () => {
  test('starting runs is allowed the higher limit: a burst above the default limit all passes', async () => {
    const responses = await burst(DEFAULT_LIMIT * 2, () => limited.api.post(`/v2/acts/${actor.id}/runs`, {}));
    const counts = tally(responses);
    expect(counts.limited, `${DEFAULT_LIMIT * 2} run starts are under the high limit of ${HIGH_LIMIT}`).toBe(0);
    expect(counts.ok).toBe(DEFAULT_LIMIT * 2);
    for (const res of responses) await waitForJob<Run>(patient, 'run', dataOf<Run>(res, 201).id);
  });

  test('pushing dataset items is limited per storage, at the higher limit', async () => {
    const [one, two] = await Promise.all([startRun(patient, actor.id, { input: {} }), startRun(patient, actor.id, { input: {} })]);
    await Promise.all([waitForJob<Run>(patient, 'run', one.id), waitForJob<Run>(patient, 'run', two.id)]);
    const push = (datasetId: string, index: number) => limited.api.post(`/v2/datasets/${datasetId}/items`, { index });

    const underHigh = tally(await burst(DEFAULT_LIMIT * 2, (index) => push(one.defaultDatasetId, index)));
    expect(underHigh.limited, 'pushes above the default limit but under the high one all pass').toBe(0);

    const overHigh = tally(await burst(HIGH_LIMIT * 3, (index) => push(one.defaultDatasetId, index)));
    expect(overHigh.limited, 'pushes above the high limit are refused').toBeGreaterThan(0);
    expect(overHigh.ok).toBeLessThanOrEqual(HIGH_LIMIT * 2);

    const otherStore = await push(two.defaultDatasetId, 0);
    expect(otherStore.status, 'another dataset has a counter of its own').toBe(201);
  });
});

describe('rate limits: configuration', () => {
  test('EMULATOR_RATE_LIMIT_DEFAULT=0 turns rate limiting off', async () => {
    const unlimited = await startTestEmulator({ rateLimitDefault: 0, rateLimitHigh: 0 });
    try {
      const counts = tally(await burst(150, () => unlimited.api.get('/v2/acts')));
      expect(counts.limited).toBe(0);
      expect(counts.ok).toBe(150);
    } finally {
      await unlimited.close();
    }
  });
});
