// Rate limits as documented: N requests per second per endpoint, counted per user, per storage for storage endpoints,
// and per IP address for anonymous callers. Each counter is a token bucket holding at most N tokens and refilled at
// N per second, so a burst of N passes and the (N+1)-th request within the same second gets a 429.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorOptions } from '../config.ts';
import { rateLimitExceeded } from '../errors.ts';
import type { Faults } from '../faults/faults.ts';
import './route-config.ts';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const PRUNE_INTERVAL_MS = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastPrune: number;

  constructor(private readonly now: () => number = Date.now) {
    this.lastPrune = now();
  }

  /** Takes one token from the bucket of `key`; false when it is empty. */
  take(key: string, limitPerSecond: number): boolean {
    const now = this.now();
    if (now - this.lastPrune >= PRUNE_INTERVAL_MS) this.prune(now);
    const bucket = this.buckets.get(key);
    if (bucket === undefined) {
      this.buckets.set(key, { tokens: limitPerSecond - 1, updatedAt: now });
      return true;
    }
    const refilled = Math.min(limitPerSecond, bucket.tokens + ((now - bucket.updatedAt) * limitPerSecond) / 1000);
    bucket.updatedAt = now;
    if (refilled < 1) {
      bucket.tokens = refilled;
      return false;
    }
    bucket.tokens = refilled - 1;
    return true;
  }

  get size(): number {
    return this.buckets.size;
  }

  /** A bucket untouched for a second is full again, the same as no bucket: forget it so memory stays bounded. */
  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedAt >= 1000) this.buckets.delete(key);
    }
    this.lastPrune = now;
  }
}

/** The endpoint a request counts against: the /v2/actors alias counts as /v2/acts. */
export function endpointKey(request: FastifyRequest): string {
  return `${request.method} ${(request.routeOptions.url ?? '').replace(/^\/v2\/actors(?=\/|$)/, '/v2/acts')}`;
}

export function callerKey(request: FastifyRequest): string {
  const param = request.routeOptions.config.rateLimitPerParam;
  if (param !== undefined) return `storage:${(request.params as Record<string, string>)[param]}`;
  return request.user !== null ? `user:${request.user.id}` : `ip:${request.ip}`;
}

type Limits = Pick<EmulatorOptions, 'rateLimitDefault' | 'rateLimitHigh'>;

/** The limit per second of the endpoint a request counts against (0: limiting is off); unknown paths have the default. */
export function endpointLimit(request: FastifyRequest, options: Limits): number {
  const limitClass = request.is404 ? 'default' : (request.routeOptions.config.rateLimit ?? 'default');
  return limitClass === 'high' ? options.rateLimitHigh : options.rateLimitDefault;
}

export function registerRateLimit(app: FastifyInstance, options: EmulatorOptions, faults: Faults, limiter = new RateLimiter()): void {
  // Fault rate-limit-wrong-type: the 429 carries a type of the server's own.
  const type = faults.has('rate-limit-wrong-type') ? 'too-many-requests' : 'rate-limit-exceeded';
  app.addHook('onRequest', (request, reply, done) => {
    if (request.is404 || request.routeOptions.config.rateLimit === 'none') return done();
    const limit = endpointLimit(request, options);
    if (limit === 0) return done();
    // Fault rate-limit-far-below: a quarter of the documented limit is enforced; rate-limit-header-mismatch: twice it is
    // announced.
    const enforced = faults.has('rate-limit-far-below') ? Math.max(1, Math.floor(limit / 4)) : limit;
    reply.header('x-ratelimit-limit', String(faults.has('rate-limit-header-mismatch') ? limit * 2 : enforced));
    if (!limiter.take(`${endpointKey(request)} ${callerKey(request)}`, enforced)) return done(rateLimitExceeded(enforced, type));
    done();
  });
}
