// What each route declares about itself (its `config`), and what the request carries once the hooks have run.
import type { User } from '../state/types.ts';

export type AuthRequirement = 'required' | 'optional';
export type RateLimitClass = 'default' | 'high' | 'none';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Whether the endpoint needs a token (default: required). A wrong token is rejected either way. */
    auth?: AuthRequirement;
    /** Which rate limit applies (default: the default limit). */
    rateLimit?: RateLimitClass;
    /** Path parameter naming a storage: such endpoints are rate limited per storage, not per user. */
    rateLimitPerParam?: string;
    /** Keep the body as raw bytes with its content type (run input, records) instead of parsing JSON. */
    rawBody?: boolean;
    /** Marks the routes that only answer 405 for a path's other methods. */
    methodNotAllowed?: boolean;
  }
  interface FastifyRequest {
    /** The caller, identified by the token; null when anonymous. */
    user: User | null;
  }
}
