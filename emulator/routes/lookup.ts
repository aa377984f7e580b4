// Finding the resource a path names, with the access rules: an actor is named by id, `username~name` or (with a
// token) `~name`; another user's private actor is invisible (404); a visible actor that is not yours cannot be changed
// (403). Runs and builds are found by their hard-to-guess id without a token; changing them needs their owner's token.
// With the platform variation a lookup that fails answers as the live API does (objectNotFound).
import type { FastifyRequest } from 'fastify';
import { type ApiError, insufficientPermissions, recordNotFound, recordOrTokenNotFound, tokenNotProvided } from '../errors.ts';
import type { Actor, Build, Run, User } from '../state/types.ts';
import type { EmulatorContext } from './context.ts';

/** read: visible to the caller; write: owned by the caller; any: found by a secret id, no visibility check. */
export type ActorAccess = 'read' | 'write' | 'any';

/**
 * What the live API is known to answer with record-or-token-not-found when it cannot find one, not telling a missing
 * object from a missing or powerless token: actors (apify-client-js commit d494afa5) and key-value stores (the live
 * profile's expectations). A missing run keeps record-not-found ("Actor run was not found"), as do the others.
 */
const TOKEN_AMBIGUOUS_ON_PLATFORM = new Set(['Actor', 'Key-value store']);

/** An actor, run, build, task or storage the caller cannot reach: 404, of the type the platform variation calls for. */
export function objectNotFound(context: EmulatorContext, what: string): ApiError {
  const ambiguous = context.options.variations.includes('platform') && TOKEN_AMBIGUOUS_ON_PLATFORM.has(what);
  return ambiguous ? recordOrTokenNotFound(what) : recordNotFound(what);
}

export function findActor(context: EmulatorContext, request: FastifyRequest, actorId: string, access: ActorAccess): Actor {
  const actor = actorByReference(context, request, actorId);
  if (actor === undefined) throw objectNotFound(context, 'Actor');
  if (access === 'any') return actor;
  const caller = request.user;
  // Fault other-user-actor-visible: whoever names an actor is treated as its owner.
  const owned = (caller !== null && actor.userId === caller.id) || context.faults.has('other-user-actor-visible');
  if (!owned && !actor.isPublic) throw objectNotFound(context, 'Actor');
  if (access === 'write' && !owned) throw insufficientPermissions();
  return actor;
}

function actorByReference(context: EmulatorContext, request: FastifyRequest, reference: string): Actor | undefined {
  // Fault tilde-name-not-resolved: every reference is taken as an id.
  const tilde = context.faults.has('tilde-name-not-resolved') ? -1 : reference.indexOf('~');
  if (tilde === -1) return context.state.actors.get(reference);
  const username = reference.slice(0, tilde);
  const name = reference.slice(tilde + 1);
  let owner: User | undefined;
  // Fault tilde-name-ignores-username: the name is looked up among the caller's actors, whoever the username names.
  if (username === '' || (context.faults.has('tilde-name-ignores-username') && request.user !== null)) {
    // `~name` means the token's owner: without a token the platform answers that no such actor is found.
    if (request.user === null) throw context.options.variations.includes('platform') ? recordOrTokenNotFound('Actor') : tokenNotProvided();
    owner = request.user;
  } else {
    owner = context.state.userByName(username);
  }
  return owner === undefined ? undefined : context.state.actorByName(owner.id, name);
}

export function findRun(context: EmulatorContext, runId: string): Run {
  const run = context.state.runs.get(runId);
  if (run === undefined) throw objectNotFound(context, 'Actor run');
  return run;
}

/** A run of `actor` by id, or `last`: the caller's latest run of it, optionally with a given status. */
export function findActorRun(context: EmulatorContext, request: FastifyRequest, actor: Actor, runId: string, status?: string): Run {
  if (runId === 'last') {
    const caller = request.user;
    if (caller === null) throw tokenNotProvided();
    for (let index = actor.runs.length - 1; index >= 0; index -= 1) {
      const run = actor.runs[index];
      if (run.userId === caller.id && (status === undefined || run.status === status)) return run;
    }
    throw objectNotFound(context, 'Actor run');
  }
  const run = context.state.runs.get(runId);
  if (run === undefined || !actor.runs.includes(run)) throw objectNotFound(context, 'Actor run');
  return run;
}

export function findBuild(context: EmulatorContext, buildId: string): Build {
  const build = context.state.builds.get(buildId);
  if (build === undefined) throw objectNotFound(context, 'Actor build');
  return build;
}

export function findActorBuild(context: EmulatorContext, actor: Actor, buildId: string): Build {
  const build = context.state.builds.get(buildId);
  if (build === undefined || build.actId !== actor.id) throw objectNotFound(context, 'Actor build');
  return build;
}

/** Changing a run or build needs its owner's token. */
export function requireOwner(request: FastifyRequest, resource: { userId: string }): User {
  const caller = request.user;
  if (caller === null) throw tokenNotProvided();
  if (caller.id !== resource.userId) throw insufficientPermissions();
  return caller;
}
