import { resourceName } from '../../common/fixtures/index.ts';
import { requestJson, setPathParams, setRequestJson } from '../lib/request-rewrite.ts';
import { responseData, type TransactionPlan } from './plan.ts';

const ACTOR_PATH = '/v2/acts/{actorId}';

export const actorPlans = {
  'Actor collection > Get list of actors': {
    // The documented query (my, offset, limit, desc) is sent as is; the target's own actors make up the list.
    async prepare() {},
  },

  'Actor collection > Create actor': {
    // The documented body, under a name unique to this run (actor names are unique per user).
    async prepare(transaction, fixtures) {
      const body = requestJson(transaction);
      if (body === undefined) throw new Error('the spec documents no request body for Create actor');
      setRequestJson(transaction, { ...body, name: resourceName(fixtures.session.context.config, 'created') });
    },
    async settle(transaction, fixtures) {
      const created = responseData(transaction);
      if (typeof created?.id === 'string') fixtures.session.registry.trackActor({ id: created.id, name: String(created.name) });
    },
  },

  'Actor object > Get actor': {
    async prepare(transaction, fixtures) {
      setPathParams(transaction, ACTOR_PATH, { actorId: (await fixtures.mainActor()).id });
    },
  },

  'Actor object > Update actor': {
    // A throwaway actor, so the update cannot disturb fixtures other transactions use.
    async prepare(transaction, fixtures) {
      const actor = await fixtures.throwawayActor('updated');
      setPathParams(transaction, ACTOR_PATH, { actorId: actor.id });
      const body = requestJson(transaction);
      if (body !== undefined && 'name' in body) setRequestJson(transaction, { ...body, name: resourceName(fixtures.session.context.config, 'renamed') });
    },
  },

  'Actor object > Delete actor': {
    async prepare(transaction, fixtures) {
      setPathParams(transaction, ACTOR_PATH, { actorId: (await fixtures.throwawayActor('deleted')).id });
    },
    // Still registered: cleanup finds it gone (404) if the delete worked, and deletes it if it did not.
  },
} satisfies Record<string, TransactionPlan>;
