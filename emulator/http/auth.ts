// Who is calling: the token from `Authorization: Bearer` or `?token=`. A wrong token is always a 401; a missing one
// only where the route requires it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidToken, recordNotFound, recordOrTokenNotFound, tokenNotProvided } from '../errors.ts';
import type { Faults } from '../faults/faults.ts';
import type { EmulatorState } from '../state/store.ts';
import type { User } from '../state/types.ts';
import './route-config.ts';

function tokenOf(request: FastifyRequest, faults: Faults): string | undefined {
  // Fault bearer-not-accepted: only the query parameter is read.
  const header = faults.has('bearer-not-accepted') ? undefined : request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match !== null) return match[1];
  }
  const query = request.query as Record<string, unknown> | undefined;
  const token = query?.token;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/**
 * `anonymousActorCalls`: how a call that names an actor answers without a token. `unauthorized`: 401 token-not-provided,
 * as documented; `not-found`: 404 record-or-token-not-found, as the live API does for an actor lookup (the platform
 * variation), since it cannot tell a missing actor from a missing token.
 */
export function registerAuth(app: FastifyInstance, state: EmulatorState, faults: Faults, anonymousActorCalls: 'unauthorized' | 'not-found'): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', (request, _reply, done) => {
    const token = tokenOf(request, faults);
    // Fault run-requires-token: every route requires a token, Get run and Get build included.
    const auth = faults.has('run-requires-token') ? 'required' : (request.routeOptions.config.auth ?? 'required');
    // Faults token-not-required and invalid-token-accepted: a development fallback to the first user left switched on.
    const fallback = state.users[0] ?? null;
    if (token !== undefined) {
      const user = state.userByToken(token) ?? (faults.has('invalid-token-accepted') ? fallback : undefined);
      if (user === undefined || user === null) return done(invalidToken());
      request.user = user;
    } else if (faults.has('token-not-required')) {
      request.user = fallback;
    } else if (!request.is404 && auth === 'required') {
      const namesActor = typeof (request.params as Record<string, unknown> | undefined)?.actorId === 'string';
      const notFound = anonymousActorCalls === 'not-found' && namesActor;
      if (notFound) return done(recordOrTokenNotFound('Actor'));
      // Fault anonymous-change-404: a change without a token hides the actor instead of asking for a token.
      if (faults.has('anonymous-change-404') && request.method !== 'GET' && namesActor) return done(recordNotFound('Actor'));
      return done(tokenNotProvided());
    }
    done();
  });
}

/** The caller, for handlers of routes that require a token (the hook has already rejected anonymous calls). */
export function callerOf(request: FastifyRequest): User {
  if (request.user === null) throw tokenNotProvided();
  return request.user;
}
