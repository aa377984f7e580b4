import { check } from '../../common/check.ts';
import type { JobRecord } from '../../common/fixtures/index.ts';
import { isTerminalStatus } from '../../common/job-status.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { useBuiltActor, useTarget } from '../support/target.ts';

// The run status machine: READY -> RUNNING -> SUCCEEDED | FAILED | TIMING-OUT -> TIMED-OUT | ABORTING -> ABORTED.
const SPEC = 'spec/apify-v2-actors.apib#requests-and-responses';
const target = useTarget();
const { api, fixtures } = target;
const built = useBuiltActor(target, 'lifecycle');

const NEXT: Record<string, string[]> = {
  READY: ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMING-OUT', 'TIMED-OUT', 'ABORTING', 'ABORTED'],
  RUNNING: ['SUCCEEDED', 'FAILED', 'TIMING-OUT', 'TIMED-OUT', 'ABORTING', 'ABORTED'],
  'TIMING-OUT': ['TIMED-OUT'],
  ABORTING: ['ABORTED'],
};

/** Polls a run until it is terminal, checking every observed transition and finishedAt on the way. */
async function observe(runId: string): Promise<JobRecord> {
  let previous: JobRecord | undefined;
  for (let polls = 0; ; polls += 1) {
    const response = await api.request({ path: `/v2/acts/${built.actor.id}/runs/${runId}` });
    const run = expectBody<JobRecord>(response, 200, 'run-response');
    if (previous && previous.status !== run.status) {
      expectThat((NEXT[previous.status] ?? []).includes(run.status), `a forward transition from ${previous.status}`, `${previous.status} -> ${run.status}`, response);
    }
    const terminal = isTerminalStatus(run.status);
    expectThat(terminal === (typeof run.finishedAt === 'string'), 'finishedAt set exactly when the status is terminal', `status ${run.status}, finishedAt ${run.finishedAt}`, response);
    if (terminal) return run;
    expectThat(polls < 2000, 'the run to end', `still ${run.status}`, response);
    previous = run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

check({ id: 'lifecycle.statuses-move-forward', title: 'a run\'s status only moves forward, and finishedAt is set exactly when it is terminal', spec: SPEC }, async () => {
  const run = await fixtures.startRun(built.actor.id, { sleepMillis: 1000 });
  const final = await observe(run.id);
  expectThat(final.status === 'SUCCEEDED', 'status SUCCEEDED', final.status);
  const stays = expectBody<JobRecord>(await api.request({ path: `/v2/acts/${built.actor.id}/runs/${run.id}` }), 200, 'run-response');
  expectThat(stays.status === 'SUCCEEDED' && stays.finishedAt === final.finishedAt, 'a terminal run to stay as it ended', `${stays.status}, ${stays.finishedAt}`);
});

check({ id: 'lifecycle.exit-code-decides', title: 'a run whose code exits non-zero ends FAILED', spec: SPEC }, async () => {
  const run = await fixtures.startRun(built.actor.id, { exitCode: 2 });
  const final = await observe(run.id);
  expectThat(final.status === 'FAILED', 'status FAILED', final.status);
});

check({ id: 'lifecycle.timeout-times-out', title: 'a run that exceeds its timeout ends TIMED-OUT', spec: 'spec/apify-v2-actors.apib#run-collection' }, async () => {
  const run = await fixtures.startRun(built.actor.id, { sleepMillis: 60_000 }, { timeoutSecs: 1 });
  const final = await observe(run.id);
  expectThat(final.status === 'TIMED-OUT', 'status TIMED-OUT', final.status);
});

check({ id: 'lifecycle.input-stored-with-content-type', title: 'the Run actor body and its Content-Type are stored as the run\'s INPUT record', spec: 'spec/apify-v2-actors.apib#run-collection' }, async () => {
  const body = JSON.stringify({ writeOutput: false, note: 'input round trip' });
  const response = await api.request({ method: 'POST', path: `/v2/acts/${built.actor.id}/runs`, query: { memory: 128 }, headers: { 'content-type': 'application/json' }, body });
  const run = expectBody<JobRecord>(response, 201, 'run-response');
  fixtures.registry.trackRun(built.actor.id, run.id);
  const record = await api.request({ path: `/v2/key-value-stores/${run.defaultKeyValueStoreId}/records/INPUT` });
  expectThat(record.status === 200 && /^application\/json/.test(record.headers['content-type'] ?? ''), 'HTTP 200 with Content-Type application/json', `HTTP ${record.status} ${record.headers['content-type']}`, record);
  expectThat(JSON.stringify(record.body) === body, `the body ${body}`, record.text, record);
});
