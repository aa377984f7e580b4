import { check } from '../../common/check.ts';
import { type JobRecord, OTHER_RECIPE } from '../../common/fixtures/index.ts';
import { excerpt, expectBody, expectThat } from '../support/expect.ts';
import { sharedActor, useTarget } from '../support/target.ts';

// Metamorph run: the same run (same id, same storages) goes on as a run of another actor, with the request body as
// its new input, stored as INPUT-METAMORPH-1.
const SPEC = 'spec/01-actors.apib#metamorph-run';
const target = useTarget();
const { api, config, fixtures } = target;
const source = sharedActor(target);
const destination = sharedActor(target, OTHER_RECIPE);

/** Starts a run of the source actor that is RUNNING (and would go on long), then metamorphs it with `input`. */
async function metamorph(input: object) {
  const [from, to] = await Promise.all([source(), destination()]);
  const run = await fixtures.startRun(from.id, { sleepMillis: (config.maxWaitSecs + 60) * 1000, writeOutput: false });
  await fixtures.waitForRun(from.id, run.id, { until: (r) => r.status === 'RUNNING' });
  const response = await api.request({ method: 'POST', path: `/v2/acts/${from.id}/runs/${run.id}/metamorph`, query: { targetActorId: to.id }, body: input });
  const answer = expectBody<JobRecord & { metamorphs: Array<Record<string, unknown>> }>(response, 200, 'metamorph-run-response');
  return { from, to, run, answer, response };
}

check(
  {
    id: 'lifecycle.metamorph-keeps-run-id',
    title: 'a metamorphed run keeps its id, lists the metamorph, and goes on running the target actor with the new input',
    spec: SPEC,
    features: ['runs.metamorph'],
  },
  async () => {
    const newInput = { output: { metamorphed: true } };
    const { from, to, run, answer, response } = await metamorph(newInput);
    expectThat(answer.id === run.id, `the same run id ${run.id}`, answer.id, response);
    const entry = answer.metamorphs.at(-1);
    expectThat(
      entry?.actorId === to.id && entry.inputKey === 'INPUT-METAMORPH-1',
      `a metamorphs entry for actor ${to.id} with inputKey INPUT-METAMORPH-1`,
      JSON.stringify(answer.metamorphs),
      response,
    );
    // The target's code runs in the same run: it reads the new input and writes its output to the same store.
    const ended = await fixtures.waitForRun(from.id, run.id);
    expectThat(ended.id === run.id && ended.status === 'SUCCEEDED', `run ${run.id} to end SUCCEEDED`, `${ended.id} ${ended.status}`, response);
    const output = await api.request({ path: `/v2/key-value-stores/${run.defaultKeyValueStoreId}/records/OUTPUT` });
    expectThat(
      output.status === 200 && output.text === JSON.stringify(newInput.output),
      `OUTPUT ${JSON.stringify(newInput.output)} written by the target's code`,
      `HTTP ${output.status} ${excerpt(output.text)}`,
      output,
    );
  },
);

check(
  {
    id: 'lifecycle.metamorph-stores-input',
    title: "metamorph stores its request body, with its Content-Type, as the record INPUT-METAMORPH-1 and keeps the run's INPUT",
    spec: SPEC,
    features: ['runs.metamorph'],
  },
  async () => {
    const newInput = { output: 'second input', writeOutput: false };
    const { run } = await metamorph(newInput);
    const record = await api.request({ path: `/v2/key-value-stores/${run.defaultKeyValueStoreId}/records/INPUT-METAMORPH-1` });
    expectThat(
      record.status === 200 && (record.headers['content-type'] ?? '').startsWith('application/json'),
      'HTTP 200 with Content-Type application/json',
      `HTTP ${record.status} ${record.headers['content-type'] ?? ''}`,
      record,
    );
    expectThat(record.text === JSON.stringify(newInput), `the metamorph body ${JSON.stringify(newInput)}`, excerpt(record.text), record);
    const original = await api.request({ path: `/v2/key-value-stores/${run.defaultKeyValueStoreId}/records/INPUT` });
    expectThat(
      original.status === 200 && (original.body as { sleepMillis?: unknown } | undefined)?.sleepMillis !== undefined,
      'the original INPUT record kept',
      `HTTP ${original.status} ${excerpt(original.text)}`,
      original,
    );
  },
);
