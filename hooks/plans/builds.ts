import { type BuildSlot, holdUntilBuildEnds, takeBuildSlot } from '../../common/fixtures/index.ts';
import type { DreddTransaction } from '../lib/dredd-types.ts';
import { setPathParams } from '../lib/request-rewrite.ts';
import { responseData, type TransactionPlan } from './plan.ts';

const BUILDS_PATH = '/v2/acts/{actorId}/builds';
const BUILD_PATH = '/v2/acts/{actorId}/builds/{buildId}';

/** The build slot each Build actor transaction holds from its preparation on. */
const slots = new WeakMap<DreddTransaction, BuildSlot | undefined>();

export const buildPlans = {
  'Build collection > Get list of builds': {
    // The shared actor's list, which holds its build.
    async prepare(transaction, fixtures) {
      setPathParams(transaction, BUILDS_PATH, { actorId: (await fixtures.runnable()).actor.id });
    },
  },

  'Build collection > Build actor': {
    // Builds the main actor's version 0.0 (the documented `version` example): the one build Dredd starts to see it
    // start. Dredd sends the start itself and cannot send it twice, so it waits for a build slot first, as every build
    // of the run does, and holds it until the build ends (common/fixtures/build-slots.ts).
    async prepare(transaction, fixtures) {
      setPathParams(transaction, BUILDS_PATH, { actorId: (await fixtures.mainActor()).id });
      slots.set(transaction, await takeBuildSlot(fixtures.session.context));
    },
    async settle(transaction, fixtures) {
      const slot = slots.get(transaction);
      slots.delete(transaction);
      const build = responseData(transaction);
      if (typeof build?.id !== 'string') {
        await slot?.release();
        return;
      }
      const actor = await fixtures.mainActor();
      fixtures.session.registry.trackBuild(actor.id, build.id);
      holdUntilBuildEnds(fixtures.session.context, slot, actor.id, build.id);
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
