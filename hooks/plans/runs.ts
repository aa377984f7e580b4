import { setPathParams, setQueryParams } from '../lib/request-rewrite.ts';
import { responseData, type TransactionPlan } from './plan.ts';

const RUNS_PATH = '/v2/acts/{actorId}/runs';
const RUN_PATH = '/v2/acts/{actorId}/runs/{runId}';

export const runPlans = {
  'Run collection > Get list of runs': {
    async prepare(transaction, fixtures) {
      await fixtures.finishedRun(); // so the list has an item
      setPathParams(transaction, RUNS_PATH, { actorId: (await fixtures.runnable()).actor.id });
    },
  },

  'Run collection > Run actor': {
    // The documented input {"foo": "bar"} makes the fixture actor echo it and succeed.
    async prepare(transaction, fixtures) {
      setPathParams(transaction, RUNS_PATH, { actorId: (await fixtures.runnable()).actor.id });
    },
    async settle(transaction, fixtures) {
      const run = responseData(transaction);
      if (typeof run?.id === 'string') fixtures.session.registry.trackRun((await fixtures.runnable()).actor.id, run.id);
    },
  },

  'Run object > Get run': {
    async prepare(transaction, fixtures) {
      const run = await fixtures.finishedRun();
      setPathParams(transaction, RUN_PATH, { actorId: (await fixtures.runnable()).actor.id, runId: run.id });
    },
  },

  'Abort run > Abort run': {
    // A run of its own, RUNNING (it sleeps), so the abort really stops something.
    async prepare(transaction, fixtures) {
      const { actor, run } = await fixtures.runningRun();
      setPathParams(transaction, `${RUN_PATH}/abort`, { actorId: actor.id, runId: run.id });
    },
  },

  'Metamorph run > Metamorph run': {
    // A RUNNING run of its own becomes a run of the (built) target actor, which echoes the new input and ends.
    async prepare(transaction, fixtures) {
      const [{ actor, run }, target] = await Promise.all([fixtures.runningRun(), fixtures.metamorphTarget()]);
      setPathParams(transaction, `${RUN_PATH}/metamorph`, { actorId: actor.id, runId: run.id });
      setQueryParams(transaction, { targetActorId: target.actor.id });
    },
  },

  'Resurrect run > Resurrect run': {
    // A run of its own that has ended, so the resurrection changes no run another transaction reads.
    async prepare(transaction, fixtures) {
      const { actor, build } = await fixtures.runnable();
      const started = await fixtures.session.startRun(actor.id, { writeOutput: false }, { build: build.buildNumber });
      const run = await fixtures.session.waitForRun(actor.id, started.id);
      setPathParams(transaction, `${RUN_PATH}/resurrect`, { actorId: actor.id, runId: run.id });
    },
  },

  'Last run object and its storages > Get last run': {
    // The documented status=SUCCEEDED finds at least the finished run.
    async prepare(transaction, fixtures) {
      await fixtures.finishedRun();
      setPathParams(transaction, `${RUNS_PATH}/last`, { actorId: (await fixtures.runnable()).actor.id });
    },
  },
} satisfies Record<string, TransactionPlan>;
