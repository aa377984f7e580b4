import { check } from '../../common/check.ts';
import type { JobRecord } from '../../common/fixtures/index.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { sharedActor, useTarget } from '../support/target.ts';

// "Any endpoint can be called with another HTTP method than its own by adding the query parameter method".
const SPEC = 'spec/00-overview.apib#requests-and-responses';
const target = useTarget();
const { api, config, fixtures } = target;
const actor = sharedActor(target);

check(
  {
    id: 'method-override.post-starts-run',
    title: 'GET with method=POST on the run collection starts a run, exactly as POST does',
    spec: SPEC,
    features: ['method-override', 'runs'],
  },
  async () => {
    const { id } = await actor();
    const response = await api.request({ method: 'GET', path: `/v2/acts/${id}/runs`, query: { method: 'POST', memory: 128 } });
    const run = expectBody<JobRecord>(response, 201, 'run-response');
    fixtures.registry.trackRun(id, run.id);
    // Read back by id: the run list of the shared actor is everyone's.
    const read = await api.request({ path: `/v2/acts/${id}/runs/${run.id}` });
    const stored = expectBody<JobRecord>(read, 200, 'run-response');
    expectThat(stored.id === run.id && stored.actId === id, `run ${run.id} of actor ${id} stored`, `${stored.id} of ${String(stored.actId)}`, read);
  },
);

check(
  {
    id: 'method-override.post-aborts-run',
    title: 'GET with method=POST on Abort run aborts the run, exactly as POST does',
    spec: SPEC,
    features: ['method-override', 'runs'],
  },
  async () => {
    const { id } = await actor();
    const run = await fixtures.startRun(id, { sleepMillis: (config.maxWaitSecs + 60) * 1000, writeOutput: false });
    await fixtures.waitForRun(id, run.id, { until: (r) => r.status === 'RUNNING' });
    const response = await api.request({ method: 'GET', path: `/v2/acts/${id}/runs/${run.id}/abort`, query: { method: 'POST' } });
    const answer = expectBody<JobRecord>(response, 200, 'run-response');
    expectThat(answer.status === 'ABORTING' || answer.status === 'ABORTED', 'status ABORTING or ABORTED', answer.status, response);
    const ended = await fixtures.waitForRun(id, run.id);
    expectThat(ended.status === 'ABORTED', 'the run to end ABORTED', ended.status, response);
  },
);
