// The rate limiter: a burst of N passes, the next request within the second is refused, tokens come back at N/s.
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../emulator/http/rate-limit.ts';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('lets a burst of exactly the limit through, then refuses', () => {
    const time = clock();
    const limiter = new RateLimiter(time.now);
    const results = Array.from({ length: 31 }, () => limiter.take('user:a GET /v2/acts', 30));
    expect(results.filter(Boolean)).toHaveLength(30);
    expect(results[30]).toBe(false);
  });

  it('refills at the limit per second', () => {
    const time = clock();
    const limiter = new RateLimiter(time.now);
    for (let index = 0; index < 10; index += 1) limiter.take('k', 10);
    expect(limiter.take('k', 10)).toBe(false);
    time.advance(100);
    expect(limiter.take('k', 10)).toBe(true);
    expect(limiter.take('k', 10)).toBe(false);
    time.advance(1000);
    expect(Array.from({ length: 11 }, () => limiter.take('k', 10)).filter(Boolean)).toHaveLength(10);
  });

  it('counts each key separately', () => {
    const limiter = new RateLimiter(clock().now);
    expect(limiter.take('a', 1)).toBe(true);
    expect(limiter.take('a', 1)).toBe(false);
    expect(limiter.take('b', 1)).toBe(true);
  });

  it('forgets idle buckets so memory stays bounded', () => {
    const time = clock();
    const limiter = new RateLimiter(time.now);
    for (let index = 0; index < 100; index += 1) limiter.take(`ip:${index}`, 5);
    expect(limiter.size).toBe(100);
    time.advance(10_000);
    limiter.take('fresh', 5);
    expect(limiter.size).toBe(1);
  });
});
