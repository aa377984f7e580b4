// Versions of an actor: list (not paginated), create, get, partial update, delete.
import type { FastifyInstance } from 'fastify';
import { recordNotFound, versionAlreadyExists } from '../errors.ts';
import { touchActor } from '../state/actors.ts';
import type { Actor, Version } from '../state/types.ts';
import { createVersion, updateVersion, type VersionInput } from '../state/versions.ts';
import { actorIdParams } from './actors.ts';
import type { RoutePluginOptions } from './context.ts';
import { findActor } from './lookup.ts';
import { checkVersionInput, type NewVersionInput, newVersionInputSchema, versionInputSchema } from './version-input.ts';
import { versionView } from './views.ts';

const versionParams = {
  type: 'object',
  required: ['actorId', 'versionNumber'],
  properties: { ...actorIdParams.properties, versionNumber: { type: 'string' } },
} as const;

const createSchema = { params: actorIdParams, body: newVersionInputSchema } as const;
const updateSchema = { params: versionParams, body: versionInputSchema } as const;

interface VersionParams {
  actorId: string;
  versionNumber: string;
}

export async function versionRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  const { state } = context;
  // Fault secret-value-returned: the versions' own endpoints answer secret values too.
  const view = (version: Version) => versionView(version, context.faults.has('secret-value-returned'));

  app.get<{ Params: { actorId: string } }>('/:actorId/versions', { schema: { params: actorIdParams } }, async (request) => {
    const actor = findActor(context, request, request.params.actorId, 'read');
    const items = actor.versions.map((version) => view(version));
    // Fault versions-list-missing-total: the list is answered without its total; versions-total-off-by-one: one too many.
    if (context.faults.has('versions-list-missing-total')) return { data: { items } };
    return { data: { total: items.length + (context.faults.has('versions-total-off-by-one') ? 1 : 0), items } };
  });

  app.post<{ Params: { actorId: string }; Body: NewVersionInput }>('/:actorId/versions', { schema: createSchema }, async (request, reply) => {
    const actor = findActor(context, request, request.params.actorId, 'write');
    ensureVersionIsFree(actor, request.body.versionNumber);
    checkVersionInput(request.body, undefined);
    // Fault create-version-drops-build-tag: the given buildTag is not stored; the default takes its place.
    const version = createVersion(context.faults.has('create-version-drops-build-tag') ? { ...request.body, buildTag: undefined } : request.body);
    actor.versions.push(version);
    touchActor(state, actor);
    reply.code(context.faults.has('create-version-200') ? 200 : 201);
    reply.header('location', `${context.baseUrl()}${app.prefix}/${actor.id}/versions/${version.versionNumber}`);
    return { data: view(version) };
  });

  app.get<{ Params: VersionParams }>('/:actorId/versions/:versionNumber', { schema: { params: versionParams } }, async (request) => {
    const actor = findActor(context, request, request.params.actorId, 'read');
    const answer = view(findVersion(actor, request.params.versionNumber));
    // Fault get-version-missing-source-type: this endpoint's view of a version leaves sourceType out.
    if (context.faults.has('get-version-missing-source-type')) delete answer.sourceType;
    return { data: answer };
  });

  app.put<{ Params: VersionParams; Body: VersionInput }>('/:actorId/versions/:versionNumber', { schema: updateSchema }, async (request) => {
    const actor = findActor(context, request, request.params.actorId, 'write');
    const version = findVersion(actor, request.params.versionNumber);
    const renamedTo = request.body.versionNumber;
    if (renamedTo !== undefined && renamedTo !== version.versionNumber) ensureVersionIsFree(actor, renamedTo);
    checkVersionInput(request.body, version);
    // Fault update-version-wipes-fields: PUT replaces the version, so what the body leaves out goes back to its default.
    if (context.faults.has('update-version-wipes-fields')) {
      Object.assign(version, createVersion({ versionNumber: version.versionNumber, sourceType: version.sourceType, ...request.body }));
    } else {
      updateVersion(version, request.body);
    }
    touchActor(state, actor);
    return { data: view(version) };
  });

  app.delete<{ Params: VersionParams }>('/:actorId/versions/:versionNumber', { schema: { params: versionParams } }, async (request, reply) => {
    const actor = findActor(context, request, request.params.actorId, 'write');
    const version = findVersion(actor, request.params.versionNumber);
    actor.versions.splice(actor.versions.indexOf(version), 1);
    touchActor(state, actor);
    // Fault delete-version-200-with-body: the deleted version is echoed back with 200.
    if (context.faults.has('delete-version-200-with-body')) return { data: view(version) };
    return reply.code(204).send();
  });
}

export function findVersion(actor: Actor, versionNumber: string): Version {
  const version = actor.versions.find((candidate) => candidate.versionNumber === versionNumber);
  if (version === undefined) throw recordNotFound(`Version ${versionNumber} of the actor`);
  return version;
}

function ensureVersionIsFree(actor: Actor, versionNumber: string): void {
  if (actor.versions.some((version) => version.versionNumber === versionNumber)) {
    throw versionAlreadyExists(versionNumber);
  }
}
