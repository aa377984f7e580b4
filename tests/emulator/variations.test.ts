import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index.ts';
import { SPORADIC_429_EVERY } from '../../emulator/variations/catalogue.ts';

// The sporadic-429 variation refuses every 7th request to each endpoint, as a per-endpoint limit would: repeated calls to
// one endpoint meet it, while a run's calls to its own records (each path once or twice) go through.

const TOKEN = 'variationsTestToken000000';
let emulator: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
  emulator = await startEmulator({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    username: 'variations-user',
    token2: null,
    username2: null,
    rateLimitDefault: 0,
    variations: ['sporadic-429'],
  });
});

afterAll(async () => {
  await emulator?.close();
});

const get = async (path: string) => (await fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } })).status;

describe('the sporadic-429 variation', () => {
  it(`refuses every ${SPORADIC_429_EVERY}th request to one endpoint, whatever its query, with 429`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < SPORADIC_429_EVERY * 2; i += 1) statuses.push(await get(`/v2/acts?limit=${i + 1}`));
    expect(statuses.map((status, i) => (status === 429 ? i + 1 : 0)).filter(Boolean)).toEqual([SPORADIC_429_EVERY, SPORADIC_429_EVERY * 2]);
  });

  it('counts each endpoint apart: requests spread over other paths are not refused', async () => {
    const statuses = await Promise.all(Array.from({ length: SPORADIC_429_EVERY * 2 }, (_, i) => get(`/v2/key-value-stores/no-store-${i}/records/INPUT`)));
    expect(statuses.filter((status) => status === 429)).toEqual([]);
  });
});
