import { requestJson, setPathParams, setRequestJson } from '../lib/request-rewrite.ts';
import { responseData, type TransactionPlan } from './plan.ts';

const VERSIONS_PATH = '/v2/acts/{actorId}/versions';
const VERSION_PATH = '/v2/acts/{actorId}/versions/{versionNumber}';

/** The version of the main actor that Get version and Update version address; the fixture creates it. */
const EXISTING_VERSION = '1.0';

export const versionPlans = {
  'Version collection > Get list of versions': {
    async prepare(transaction, fixtures) {
      setPathParams(transaction, VERSIONS_PATH, { actorId: (await fixtures.mainActor()).id });
    },
  },

  'Version collection > Create version': {
    // The documented body under a version number no fixture uses (the example's 1.0 already exists).
    async prepare(transaction, fixtures) {
      const actor = await fixtures.mainActor();
      setPathParams(transaction, VERSIONS_PATH, { actorId: actor.id });
      const body = requestJson(transaction);
      if (body === undefined) throw new Error('the spec documents no request body for Create version');
      setRequestJson(transaction, { ...body, versionNumber: fixtures.nextVersionNumber() });
    },
    async settle(transaction, fixtures) {
      const created = responseData(transaction);
      if (typeof created?.versionNumber === 'string') fixtures.session.registry.trackVersion((await fixtures.mainActor()).id, created.versionNumber);
    },
  },

  'Version object > Get version': {
    async prepare(transaction, fixtures) {
      setPathParams(transaction, VERSION_PATH, { actorId: (await fixtures.mainActor()).id, versionNumber: EXISTING_VERSION });
    },
  },

  'Version object > Update version': {
    // Version 1.0 is never built, so the documented change cannot disturb runs; the body must not rename it.
    async prepare(transaction, fixtures) {
      setPathParams(transaction, VERSION_PATH, { actorId: (await fixtures.mainActor()).id, versionNumber: EXISTING_VERSION });
      const body = requestJson(transaction);
      if (body !== undefined && 'versionNumber' in body) setRequestJson(transaction, { ...body, versionNumber: EXISTING_VERSION });
    },
  },

  'Version object > Delete version': {
    async prepare(transaction, fixtures) {
      const { actor, versionNumber } = await fixtures.throwawayVersion();
      setPathParams(transaction, VERSION_PATH, { actorId: actor.id, versionNumber });
    },
  },
} satisfies Record<string, TransactionPlan>;
