import { check } from '../../common/check.ts';
import { CheckFailure } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';
import { randomOperations, shrinkByPrefix } from './model/random-sequence.ts';
import { runSequence } from './model/run-sequence.ts';
import { SPEC } from './queue-calls.ts';

// Model-based: a random sequence of the 2020 operations (add, with forefront and duplicate keys; mark handled; return
// for a retry; delete; get; head; read), run against the target and the reference model, every answer compared. On a
// disagreement the check prints the seed and the shortest failing sequence it found.
const { api, fixtures } = useTarget();
const OPERATIONS = 40;
const SHRINK_REPLAYS = 12;

check(
  {
    id: 'request-queues.model-random-sequence',
    title: 'a random sequence of queue operations gets, at every step, the answer the reference model of the spec gives',
    spec: `${SPEC}#request-queues`,
    features: ['request-queues'],
  },
  async () => {
    const seed = Math.floor(Math.random() * 2 ** 31);
    const newQueue = () => fixtures.createRequestQueue('rq-model', { unnamed: true });
    const operations = randomOperations(seed, OPERATIONS);
    const outcome = await runSequence(api, newQueue, operations);
    if (outcome.ok) return;
    const smallest = await shrinkByPrefix(operations, outcome.failedAt, async (candidate) => !(await runSequence(api, newQueue, candidate)).ok, SHRINK_REPLAYS);
    const last = await runSequence(api, newQueue, smallest);
    const message = last.ok ? outcome.message : last.message;
    throw new CheckFailure(
      `the target and the model disagree (seed ${seed}, step ${outcome.failedAt + 1} of ${OPERATIONS}): ${message}\n` +
        `  shortest failing sequence (${smallest.length} operations, each with clientKey model-main unless named):\n` +
        smallest.map((operation, index) => `    ${index + 1}. ${JSON.stringify(operation)}`).join('\n'),
    );
  },
);
