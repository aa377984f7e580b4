import { setPathParams } from '../lib/request-rewrite.ts';
import { responseData, type TransactionPlan } from './plan.ts';

const BUILDS_PATH = '/v2/acts/{actorId}/builds';
const BUILD_PATH = '/v2/acts/{actorId}/builds/{buildId}';

export const buildPlans = {
  'Build collection > Get list of builds': {
    // The shared actor's list, which holds its build.
    async prepare(transaction, fixtures) {
      setPathParams(transaction, BUILDS_PATH, { actorId: (await fixtures.runnable()).actor.id });
    },
  },

  'Build collection > Build actor': {
    // Builds the main actor's version 0.0 (the documented `version` example): the one build Dredd starts to see it start.
    async prepare(transaction, fixtures) {
      setPathParams(transaction, BUILDS_PATH, { actorId: (await fixtures.mainActor()).id });
    },
    async settle(transaction, fixtures) {
      const build = responseData(transaction);
      const actor = await fixtures.mainActor();
      if (typeof build?.id === 'string') fixtures.session.registry.trackBuild(actor.id, build.id);
    },
  },

  'Build object > Get build': {
    async prepare(transaction, fixtures) {
      const { actor, build } = await fixtures.runnable();
      setPathParams(transaction, BUILD_PATH, { actorId: actor.id, buildId: build.id });
    },
  },

  'Abort build > Abort build': {
    // A build of its own, started just before: aborting it is the point (a build that ended first is returned unchanged).
    async prepare(transaction, fixtures) {
      const { actor, build } = await fixtures.startedBuild();
      setPathParams(transaction, `${BUILD_PATH}/abort`, { actorId: actor.id, buildId: build.id });
    },
  },
} satisfies Record<string, TransactionPlan>;
