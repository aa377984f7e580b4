import { check } from '../../common/check.ts';
import type { JobRecord } from '../../common/fixtures/index.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { useBuiltActor, useTarget } from '../support/target.ts';

// Abort run and Abort build: only READY/RUNNING jobs change; aborting a finished job returns it unchanged.
const SPEC = 'spec/apify-v2-actors.apib#abort-run';
const target = useTarget();
const { api, fixtures } = target;
const built = useBuiltActor(target, 'abort');

const abortRun = async (runId: string) => {
  const response = await api.request({ method: 'POST', path: `/v2/acts/${built.actor.id}/runs/${runId}/abort` });
  return { run: expectBody<JobRecord>(response, 200, 'run-response'), response };
};

check({ id: 'abort.running-run-ends-aborted', title: 'aborting a running run answers ABORTING or ABORTED, and the run ends ABORTED with finishedAt', spec: SPEC }, async () => {
  const run = await fixtures.startRun(built.actor.id, { sleepMillis: 120_000 });
  await fixtures.waitForRun(built.actor.id, run.id, { until: (r) => r.status === 'RUNNING' });
  const { run: answer, response } = await abortRun(run.id);
  expectThat(answer.status === 'ABORTING' || answer.status === 'ABORTED', 'status ABORTING or ABORTED', answer.status, response);
  const final = await fixtures.waitForRun(built.actor.id, run.id);
  expectThat(final.status === 'ABORTED', 'the run to end ABORTED', final.status, response);
  expectThat(typeof final.finishedAt === 'string', 'finishedAt set', String(final.finishedAt), response);
});

check({ id: 'abort.aborted-code-stops', title: 'an aborted run\'s code really stops: it writes no OUTPUT after the abort', spec: SPEC }, async () => {
  const sleepMillis = 1500;
  const run = await fixtures.startRun(built.actor.id, { sleepMillis, output: 'written after the sleep' });
  await fixtures.waitForRun(built.actor.id, run.id, { until: (r) => r.status === 'RUNNING' });
  const { response } = await abortRun(run.id);
  await fixtures.waitForRun(built.actor.id, run.id);
  // Watch the store until well past the moment the code would have written its output.
  const until = Date.now() + sleepMillis + 2000;
  while (Date.now() < until) {
    const record = await api.request({ path: `/v2/key-value-stores/${run.defaultKeyValueStoreId}/records/OUTPUT` });
    expectThat(record.status === 404, 'no OUTPUT record (HTTP 404)', `HTTP ${record.status} ${record.text.slice(0, 100)}`, response);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});

for (const [status, input, options] of [
  ['SUCCEEDED', { output: 'done' }, {}],
  ['FAILED', { exitCode: 3 }, {}],
  ['TIMED-OUT', { sleepMillis: 60_000 }, { timeoutSecs: 1 }],
] as const) {
  check({ id: `abort.${status.toLowerCase()}-run-unchanged`, title: `aborting a ${status} run returns it unchanged and changes nothing later`, spec: SPEC }, async () => {
    const run = await fixtures.startRun(built.actor.id, input, options);
    const finished = await fixtures.waitForRun(built.actor.id, run.id);
    expectThat(finished.status === status, `the run to end ${status} (setup)`, finished.status);
    const { run: answer, response } = await abortRun(run.id);
    expectThat(answer.status === status && answer.finishedAt === finished.finishedAt, `status ${status} and finishedAt ${finished.finishedAt}`, `${answer.status}, ${answer.finishedAt}`, response);
    const later = expectBody<JobRecord>(await api.request({ path: `/v2/acts/${built.actor.id}/runs/${run.id}` }), 200, 'run-response');
    expectThat(later.status === status && later.finishedAt === finished.finishedAt, 'the run unchanged afterwards', `${later.status}, ${later.finishedAt}`, response);
  });
}

check({ id: 'abort.aborted-run-unchanged', title: 'aborting an ABORTED run returns it unchanged', spec: SPEC }, async () => {
  const run = await fixtures.startRun(built.actor.id, { sleepMillis: 120_000 });
  await abortRun(run.id);
  const first = await fixtures.waitForRun(built.actor.id, run.id);
  const { run: again, response } = await abortRun(run.id);
  expectThat(again.status === 'ABORTED' && again.finishedAt === first.finishedAt, `ABORTED with finishedAt ${first.finishedAt}`, `${again.status}, ${again.finishedAt}`, response);
});

check({ id: 'abort.finished-build-unchanged', title: 'aborting a SUCCEEDED build returns it unchanged', spec: 'spec/apify-v2-actors.apib#abort-build' }, async () => {
  const list = expectBody<{ items: JobRecord[] }>(await api.request({ path: `/v2/acts/${built.actor.id}/builds` }), 200, 'build-list-response');
  const build = list.items.find((b) => b.status === 'SUCCEEDED');
  expectThat(build !== undefined, 'a SUCCEEDED build of the fixture actor (setup)', 'none');
  const response = await api.request({ method: 'POST', path: `/v2/acts/${built.actor.id}/builds/${build.id}/abort` });
  const answer = expectBody<JobRecord>(response, 200, 'build-response');
  expectThat(answer.status === 'SUCCEEDED' && answer.finishedAt === build.finishedAt, `SUCCEEDED with finishedAt ${build.finishedAt}`, `${answer.status}, ${answer.finishedAt}`, response);
});
