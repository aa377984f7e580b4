// Actor collection and actor object: list (paginated by createdAt, `my`), create, get, partial update, delete.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorNameNotUnique, invalidInput } from '../errors.ts';
import { callerOf } from '../http/auth.ts';
import { type PaginationQuery, pageLimits, paginate, paginationQuerySchema } from '../http/pagination.ts';
import { queryBoolean } from '../http/query.ts';
import { type ActorInput, createActor, deleteActor, updateActor } from '../state/actors.ts';
import type { Actor } from '../state/types.ts';
import type { EmulatorContext, RoutePluginOptions } from './context.ts';
import { findActor } from './lookup.ts';
import { checkVersionInput, type NewVersionInput, newVersionInputSchema } from './version-input.ts';
import { actorShortView, actorView } from './views.ts';

export const actorIdParams = {
  type: 'object',
  required: ['actorId'],
  properties: { actorId: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

const nullableString = { type: ['string', 'null'], maxLength: 100_000 } as const;

const actorInputProperties = {
  name: { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$' },
  title: nullableString,
  description: nullableString,
  isPublic: { type: 'boolean' },
  restartOnError: { type: ['boolean', 'null'] },
  versions: { type: 'array', maxItems: 100, items: newVersionInputSchema },
  defaultRunOptions: {
    type: 'object',
    additionalProperties: false,
    properties: {
      build: { type: 'string', minLength: 1 },
      timeoutSecs: { type: 'integer', minimum: 0 },
      memoryMbytes: { type: 'integer', minimum: 128, maximum: 32768 },
    },
  },
} as const;

// Fields of the Actor object that clients cannot set: accepted and ignored, so that an object read with GET can be sent
// back with changes. Any other unknown field is refused.
const readOnlyActorProperties = { id: {}, userId: {}, username: {}, createdAt: {}, modifiedAt: {}, stats: {}, taggedBuilds: {} } as const;

const actorBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { ...actorInputProperties, ...readOnlyActorProperties },
} as const;

const listSchema = { querystring: { type: 'object', properties: { ...paginationQuerySchema, my: queryBoolean } } } as const;
const createSchema = { body: { ...actorBodySchema, required: ['name'] } } as const;
const updateSchema = { params: actorIdParams, body: actorBodySchema } as const;

interface ActorParams {
  actorId: string;
}

export async function actorRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  const { state } = context;

  app.get<{ Querystring: PaginationQuery & { my?: boolean } }>('', { schema: listSchema }, async (request) => {
    const caller = callerOf(request);
    // Fault actors-list-own-only: `my` is taken as always on, so actors the user only used are never listed.
    const onlyOwn = request.query.my === true || context.faults.has('actors-list-own-only');
    // Fault actors-my-ignored: the list is built from every user's actors and `my` is never looked at.
    const actors = context.faults.has('actors-my-ignored')
      ? state.actorList
      : state.actorList.filter((actor) => actor.userId === caller.id || (!onlyOwn && actor.isPublic && caller.usedActorIds.has(actor.id)));
    return { data: paginate(actors, request.query, pageLimits(context), actorShortView) };
  });

  app.post<{ Body: ActorInput & { name: string } }>('', { schema: createSchema }, async (request, reply) => {
    const caller = callerOf(request);
    checkActorInput(request.body);
    ensureNameIsFree(context, caller.id, request.body.name);
    // Fault create-actor-drops-description: the description is not stored.
    const input = context.faults.has('create-actor-drops-description') ? { ...request.body, description: undefined } : request.body;
    const actor = createActor(state, caller, input);
    reply.code(context.faults.has('create-actor-200') ? 200 : 201);
    // Fault create-actor-location-wrong-id: the Location names another id than the actor's.
    const locatedId = context.faults.has('create-actor-location-wrong-id') ? `${actor.id.slice(1)}X` : actor.id;
    if (!context.faults.has('create-actor-no-location')) reply.header('location', `${context.baseUrl()}${app.prefix}/${locatedId}`);
    return { data: actorView(actor) };
  });

  app.get<{ Params: ActorParams }>('/:actorId', { schema: { params: actorIdParams } }, async (request, reply) => {
    const body = { data: actorView(findActor(context, request, request.params.actorId, 'read')) };
    // Fault get-actor-wrong-content-type: the handler serialises the body itself and forgets the media type.
    if (context.faults.has('get-actor-wrong-content-type')) return reply.type('text/plain').send(JSON.stringify(body));
    return body;
  });

  app.put<{ Params: ActorParams; Body: ActorInput }>('/:actorId', { schema: updateSchema }, async (request) => {
    const actor = findActor(context, request, request.params.actorId, 'write');
    checkActorInput(request.body, actor);
    if (request.body.name !== undefined && request.body.name !== actor.name) {
      ensureNameIsFree(context, actor.userId, request.body.name);
    }
    // Fault update-actor-wipes-fields: PUT replaces the actor, so what the body leaves out goes back to its default.
    const replaced = context.faults.has('update-actor-wipes-fields');
    updateActor(state, actor, replaced ? { title: null, description: null, isPublic: false, restartOnError: false, ...request.body } : request.body);
    return { data: actorView(actor) };
  });

  app.delete<{ Params: ActorParams }>('/:actorId', { schema: { params: actorIdParams } }, async (request, reply) => {
    const actor = findActor(context, request, request.params.actorId, 'write');
    await removeActor(context, actor);
    if (context.faults.has('delete-actor-204-with-body')) return sendNoContentWithBody(reply);
    return reply.code(204).send();
  });
}

function ensureNameIsFree(context: EmulatorContext, userId: string, name: string): void {
  if (context.state.actorByName(userId, name) !== undefined) {
    throw actorNameNotUnique(name);
  }
}

function checkActorInput(input: ActorInput, actor?: Actor): void {
  const numbers = new Set<string>();
  (input.versions ?? []).forEach((version: NewVersionInput, index) => {
    if (numbers.has(version.versionNumber)) {
      throw invalidInput(`Field "versions" names version ${version.versionNumber} twice`);
    }
    numbers.add(version.versionNumber);
    const previous = actor?.versions.find((old) => old.versionNumber === version.versionNumber);
    checkVersionInput(version, previous, `versions[${index}].`);
  });
}

/** Stops the actor's builds and runs, then deletes it with everything that belongs to it. */
export async function removeActor(context: EmulatorContext, actor: Actor): Promise<void> {
  deleteActor(context.state, actor);
  await Promise.all([context.runs.forget(actor.runs), context.builds.forget(actor.builds)]);
}

/**
 * Fault delete-actor-204-with-body: a 204 that still carries the JSON of the deleted record. Node's HTTP server drops
 * a 204's body, so it is written to the socket directly, as a server without that safeguard would send it.
 */
function sendNoContentWithBody(reply: FastifyReply): void {
  const body = '{"data":{}}';
  reply.hijack();
  reply.raw.socket?.end(`HTTP/1.1 204 No Content\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
}
