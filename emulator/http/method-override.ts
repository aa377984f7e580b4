// "All API endpoints support the `method` query parameter that can override the HTTP method." The override is applied
// to the raw request before Fastify routes it, so the overridden method is routed, limited and answered like a real one.
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { invalidParameter } from '../errors.ts';

const OVERRIDABLE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** Sets the request's method from its `method` query parameter when that names a known method. */
export function applyMethodOverride(request: IncomingMessage): void {
  const url = request.url ?? '';
  const queryStart = url.indexOf('?');
  if (queryStart === -1 || !url.includes('method=', queryStart)) return;
  const method = new URLSearchParams(url.slice(queryStart + 1)).get('method')?.toUpperCase();
  if (method !== undefined && isOverridableMethod(method)) request.method = method;
}

export function isOverridableMethod(method: string): boolean {
  return (OVERRIDABLE_METHODS as readonly string[]).includes(method.toUpperCase());
}

/** An unknown `method` value is refused rather than silently ignored (onRequest hook). */
export function registerMethodOverrideCheck(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const method = (request.query as Record<string, unknown>).method;
    if (method === undefined || (typeof method === 'string' && isOverridableMethod(method))) return done();
    done(invalidParameter(`Parameter "method" must be one of ${OVERRIDABLE_METHODS.join(', ')}, got ${JSON.stringify(method)}`));
  });
}
