import { check } from '../../common/check.ts';
import type { JobRecord } from '../../common/fixtures/index.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { useBuiltActor, useTarget } from '../support/target.ts';

// Metamorph run: the same run continues as a run of another actor; the new input is stored as INPUT-METAMORPH-1.
const SPEC = 'spec/apify-v2-actors.apib#metamorph-run';
const target = useTarget();
const { api, fixtures } = target;
const source = useBuiltActor(target, 'metamorph-from');
const destination = useBuiltActor(target, 'metamorph-to');

check({ id: 'lifecycle.metamorph-keeps-run-id', title: 'metamorph keeps the run id, records the metamorph, and stores the new input as INPUT-METAMORPH-1', spec: SPEC }, async () => {
  const run = await fixtures.startRun(source.actor.id, { sleepMillis: 120_000 });
  await fixtures.waitForRun(source.actor.id, run.id, { until: (r) => r.status === 'RUNNING' });
  const newInput = { output: { metamorphed: true } };
  const response = await api.request({
    method: 'POST',
    path: `/v2/acts/${source.actor.id}/runs/${run.id}/metamorph`,
    query: { targetActorId: destination.actor.id },
    body: newInput,
  });
  const answer = expectBody<JobRecord & { metamorphs?: Array<Record<string, unknown>> }>(response, 200, 'metamorph-run-response');
  expectThat(answer.id === run.id, `the same run id ${run.id}`, answer.id, response);
  const last = answer.metamorphs?.at(-1);
  expectThat(last?.actorId === destination.actor.id && last?.inputKey === 'INPUT-METAMORPH-1', `a metamorph entry to actor ${destination.actor.id} with inputKey INPUT-METAMORPH-1`, JSON.stringify(answer.metamorphs), response);
  const record = await api.request({ path: `/v2/key-value-stores/${run.defaultKeyValueStoreId}/records/INPUT-METAMORPH-1` });
  expectThat(record.status === 200 && JSON.stringify(record.body) === JSON.stringify(newInput), `INPUT-METAMORPH-1 holding ${JSON.stringify(newInput)}`, `HTTP ${record.status} ${record.text.slice(0, 200)}`, record);
  // The destination's code runs with the new input, in the same run and the same store.
  const final = await fixtures.waitForRun(source.actor.id, run.id);
  expectThat(final.status === 'SUCCEEDED', 'the metamorphed run to end SUCCEEDED', final.status, response);
  const output = await api.request({ path: `/v2/key-value-stores/${run.defaultKeyValueStoreId}/records/OUTPUT` });
  expectThat(JSON.stringify(output.body) === JSON.stringify(newInput.output), `OUTPUT ${JSON.stringify(newInput.output)} written by the new code`, `HTTP ${output.status} ${output.text.slice(0, 200)}`, output);
});
