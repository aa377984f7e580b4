// Unknown paths (404 page-not-found) and known paths called with a method they do not serve (405 method-not-allowed).
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { methodNotAllowed, pageNotFound } from '../errors.ts';
import './route-config.ts';

const ANSWERED_METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export function registerNotFound(app: FastifyInstance): void {
  app.setNotFoundHandler(() => {
    throw pageNotFound();
  });
}

/**
 * Records the methods of every route as it is added. `registerMethodNotAllowed` (called once all routes are in) then
 * answers each path's other methods with 405, naming the allowed ones.
 */
export function collectRouteMethods(app: FastifyInstance): Map<string, Set<string>> {
  const methodsByUrl = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    if (route.config?.methodNotAllowed === true) return;
    const methods = methodsByUrl.get(route.url) ?? new Set<string>();
    for (const method of [route.method].flat()) methods.add(method);
    methodsByUrl.set(route.url, methods);
  });
  return methodsByUrl;
}

export function registerMethodNotAllowed(app: FastifyInstance, methodsByUrl: Map<string, Set<string>>): void {
  for (const [url, methods] of methodsByUrl) {
    const missing = ANSWERED_METHODS.filter((method) => !methods.has(method));
    if (missing.length === 0) continue;
    const allowed = [...methods].filter((method) => method !== 'HEAD').join(', ');
    app.route({
      method: missing,
      url,
      config: { auth: 'optional', rateLimit: 'none', methodNotAllowed: true },
      handler: async () => {
        throw methodNotAllowed(allowed);
      },
    });
  }
}
