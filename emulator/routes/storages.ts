// What key-value stores and datasets share: the collection (the user's storages listed by createdAt, named ones unless
// `unnamed`; get-or-create by name) and the object (get, rename, delete), and finding a storage by id,
// `username~name` or `~name`. A storage's id is its secret: reading by id needs no token; changing needs the owner's.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidInput, invalidParameter, storageNameNotUnique, tokenNotProvided } from '../errors.ts';
import type { FaultId } from '../faults/catalogue.ts';
import { callerOf } from '../http/auth.ts';
import { type PaginationQuery, pageLimits, paginate, paginationQuerySchema } from '../http/pagination.ts';
import { queryBoolean, queryString } from '../http/query.ts';
import { renameStorage, storageByName, touchStorage } from '../state/storages.ts';
import type { EmulatorState } from '../state/store.ts';
import type { StorageBase, User } from '../state/types.ts';
import type { EmulatorContext } from './context.ts';
import { objectNotFound, requireOwner } from './lookup.ts';

/** Storage names: letters, digits and dashes, at most 63 characters (the platform's limit). */
export const STORAGE_NAME_PATTERN = '^[a-zA-Z0-9-]{1,63}$';
const STORAGE_NAME = new RegExp(STORAGE_NAME_PATTERN);

/** One kind of storage, as the shared routes need it. */
export interface StorageKind<T extends StorageBase> {
  /** For messages: `Key-value store`, `Dataset`. */
  what: string;
  /** The path parameter naming one storage: `storeId`, `datasetId`. */
  param: string;
  storages(state: EmulatorState): Map<string, T>;
  create(state: EmulatorState, userId: string, name: string | null): T;
  view(storage: T): Record<string, unknown>;
  /** Faults that bend the shared routes for this kind. */
  faults: {
    listShowsUnnamed?: FaultId;
    createDuplicatesNamed?: FaultId;
    createExisting201?: FaultId;
    listNotPaginated?: FaultId;
    renameIgnored?: FaultId;
    updateAnswersNoData?: FaultId;
    delete200WithBody?: FaultId;
    getMissingUserId?: FaultId;
  };
}

/** The storage a path names: its id, `username~name`, or `~name` (the caller's; needs a token). */
export function findStorage<T extends StorageBase>(context: EmulatorContext, request: FastifyRequest, kind: StorageKind<T>, reference: string): T {
  const storages = kind.storages(context.state);
  const tilde = reference.indexOf('~');
  let storage: T | undefined;
  if (tilde === -1) {
    storage = storages.get(reference);
  } else {
    const username = reference.slice(0, tilde);
    let owner: User | undefined;
    if (username === '') {
      if (request.user === null) throw tokenNotProvided();
      owner = request.user;
    } else {
      owner = context.state.userByName(username);
    }
    storage = owner === undefined ? undefined : storageByName(storages, owner.id, reference.slice(tilde + 1));
  }
  if (storage === undefined) throw objectNotFound(context, kind.what);
  return storage;
}

function checkName(name: string, refuse: (message: string) => Error): void {
  if (!STORAGE_NAME.test(name)) throw refuse(`The name "${name}" is not valid: use 1 to 63 letters, digits and dashes`);
}

interface CollectionQuery extends PaginationQuery {
  unnamed?: boolean;
  name?: string;
}

export async function registerStorageRoutes<T extends StorageBase>(app: FastifyInstance, context: EmulatorContext, kind: StorageKind<T>): Promise<void> {
  const { state, faults } = context;
  const has = (id: FaultId | undefined) => id !== undefined && faults.has(id);
  const idParams = { type: 'object', required: [kind.param], properties: { [kind.param]: { type: 'string', minLength: 1, maxLength: 200 } } };
  const referenceOf = (request: FastifyRequest) => (request.params as Record<string, string>)[kind.param]!;

  app.get<{ Querystring: CollectionQuery }>(
    '',
    { schema: { querystring: { type: 'object', properties: { ...paginationQuerySchema, unnamed: queryBoolean } } } },
    async (request) => {
      const caller = callerOf(request);
      const withUnnamed = request.query.unnamed === true || has(kind.faults.listShowsUnnamed);
      const own = [...kind.storages(state).values()].filter((storage) => storage.userId === caller.id && (withUnnamed || storage.name !== null));
      const page = paginate(own, request.query, pageLimits(context), kind.view);
      return { data: has(kind.faults.listNotPaginated) ? page.items : page };
    },
  );

  app.post<{ Querystring: CollectionQuery }>('', { schema: { querystring: { type: 'object', properties: { name: queryString } } } }, async (request, reply) => {
    const caller = callerOf(request);
    const { name } = request.query;
    // Fault storage-invalid-name-accepted: any name is taken as it comes.
    if (name !== undefined && !context.faults.has('storage-invalid-name-accepted')) checkName(name, invalidParameter);
    const existing = name === undefined || has(kind.faults.createDuplicatesNamed) ? undefined : storageByName(kind.storages(state), caller.id, name);
    if (existing !== undefined) {
      // The platform answers 200 with the existing storage (apify-docs, the current OpenAPI of both collections).
      reply.code(has(kind.faults.createExisting201) ? 201 : 200);
      return { data: kind.view(existing) };
    }
    const storage = kind.create(state, caller.id, name ?? null);
    reply.code(201).header('location', `${context.baseUrl()}${app.prefix}/${storage.id}`);
    return { data: kind.view(storage) };
  });

  const objectPath = `/:${kind.param}`;

  app.get(objectPath, { schema: { params: idParams }, config: { auth: 'optional' } }, async (request) => {
    const storage = findStorage(context, request, kind, referenceOf(request));
    touchStorage(state, storage);
    if (has(kind.faults.getMissingUserId)) {
      const { userId: _left, ...view } = kind.view(storage);
      return { data: view };
    }
    return { data: kind.view(storage) };
  });

  app.put<{ Body: { name: string | null } }>(
    objectPath,
    {
      schema: {
        params: idParams,
        body: { type: 'object', required: ['name'], properties: { name: { type: ['string', 'null'] } } },
      },
    },
    async (request) => {
      const storage = findStorage(context, request, kind, referenceOf(request));
      requireOwner(request, storage);
      const { name } = request.body;
      if (name !== null) {
        checkName(name, invalidInput);
        const holder = storageByName(kind.storages(state), storage.userId, name);
        if (holder !== undefined && holder !== storage) throw storageNameNotUnique(kind.what, name);
      }
      if (!has(kind.faults.renameIgnored)) renameStorage(state, storage, name);
      return has(kind.faults.updateAnswersNoData) ? {} : { data: kind.view(storage) };
    },
  );

  app.delete(objectPath, { schema: { params: idParams } }, async (request, reply) => {
    const storage = findStorage(context, request, kind, referenceOf(request));
    requireOwner(request, storage);
    kind.storages(state).delete(storage.id);
    if (has(kind.faults.delete200WithBody)) return reply.code(200).send({ data: kind.view(storage) });
    return reply.code(204).send();
  });
}
