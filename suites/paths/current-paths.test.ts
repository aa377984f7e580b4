import { check } from '../../common/check.ts';
import type { ActorRecord, JobRecord } from '../../common/fixtures/index.ts';
import type { ApiResponse } from '../../common/http.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { expectSameJob } from '../support/jobs.ts';
import { shared, sharedActor, useTarget } from '../support/target.ts';

// The path families current clients use: actors under /v2/actors (the spec's /v2/acts is its legacy alias, routed to
// the same handlers), runs and builds by id under /v2/actor-runs and /v2/actor-builds. Reads there answer what the
// legacy paths answer for the same resource; the run lifecycle works through them as it does through the legacy ones.
const SPEC = 'spec/ERRATA.md#since-2020-what-the-live-api-has-changed';
const target = useTarget();
const { api, config, fixtures } = target;
const actor = sharedActor(target);

/** A run of the shared actor that has ended, with the id of its build. */
const endedRun = shared(async () => {
  const { id } = await actor();
  const started = await fixtures.startRun(id, { writeOutput: false });
  return fixtures.waitForRun(id, started.id);
});

/** The `data` of a read, validated against `schema`. */
function dataOf<T>(response: ApiResponse, schema: 'actor-response' | 'run-response' | 'build-response'): T {
  return expectBody<T>(response, 200, schema);
}

/** The actor without `stats`, whose run counters move with every run the rest of the run starts of the shared actor. */
function withoutStats(actor: ActorRecord): Record<string, unknown> {
  const { stats: _, ...rest } = actor as ActorRecord & { stats?: unknown };
  return rest;
}

check(
  {
    id: 'paths.actors-alias-answers-alike',
    title: 'an actor read under /v2/actors/{actorId} is the actor read under /v2/acts/{actorId}, member for member (run counters aside)',
    spec: SPEC,
    features: ['current-paths', 'actors'],
  },
  async () => {
    const { id } = await actor();
    const legacy = withoutStats(dataOf<ActorRecord>(await api.request({ path: `/v2/acts/${id}` }), 'actor-response'));
    const response = await api.request({ path: `/v2/actors/${id}` });
    const current = withoutStats(dataOf<ActorRecord>(response, 'actor-response'));
    const differing = Object.keys({ ...legacy, ...current }).filter((key) => JSON.stringify(legacy[key]) !== JSON.stringify(current[key]));
    expectThat(
      differing.length === 0,
      `actor ${id} as /v2/acts answers it (its run counters aside)`,
      differing.map((key) => `${key} ${JSON.stringify(legacy[key])} -> ${JSON.stringify(current[key])}`).join('; '),
      response,
    );
  },
);

check(
  {
    id: 'paths.jobs-by-id-answer-alike',
    title:
      'a run read under /v2/actor-runs/{runId} and /v2/actors/.../runs/{runId}, and its build under /v2/actor-builds/{buildId}, are what the /v2/acts paths answer',
    spec: SPEC,
    features: ['current-paths', 'runs', 'builds'],
  },
  async () => {
    const run = await endedRun();
    const { id } = await actor();
    const legacyRun = dataOf<JobRecord>(await api.request({ path: `/v2/acts/${id}/runs/${run.id}` }), 'run-response');
    for (const path of [`/v2/actor-runs/${run.id}`, `/v2/actors/${id}/runs/${run.id}`]) {
      const response = await api.request({ path });
      expectSameJob(legacyRun, dataOf<JobRecord>(response, 'run-response'), `GET ${path}`, response);
    }
    const buildId = String(run.buildId);
    const legacyBuild = dataOf<JobRecord>(await api.request({ path: `/v2/acts/${id}/builds/${buildId}` }), 'build-response');
    const response = await api.request({ path: `/v2/actor-builds/${buildId}` });
    expectSameJob(legacyBuild, dataOf<JobRecord>(response, 'build-response'), `GET /v2/actor-builds/${buildId}`, response);
  },
);

check(
  {
    id: 'paths.run-lifecycle-by-id',
    title: 'a run started under /v2/actors/{actorId}/runs is read and aborted under /v2/actor-runs/{runId}',
    spec: SPEC,
    features: ['current-paths', 'runs', 'abort'],
  },
  async () => {
    const { id } = await actor();
    const started = await api.request({
      method: 'POST',
      path: `/v2/actors/${id}/runs`,
      query: { memory: 128, timeout: config.maxWaitSecs + 300 },
      body: { sleepMillis: (config.maxWaitSecs + 240) * 1000, writeOutput: false },
    });
    const run = expectBody<JobRecord>(started, 201, 'run-response');
    fixtures.registry.trackRun(id, run.id);
    expectThat(run.actId === id, `a run of actor ${id}`, String(run.actId), started);
    await fixtures.waitForRun(id, run.id, { until: (job) => job.status === 'RUNNING' });
    const aborted = await api.request({ method: 'POST', path: `/v2/actor-runs/${run.id}/abort` });
    const answer = expectBody<JobRecord>(aborted, 200, 'run-response');
    expectThat(answer.status === 'ABORTING' || answer.status === 'ABORTED', 'status ABORTING or ABORTED', answer.status, aborted);
    const ended = await fixtures.waitForRun(id, run.id);
    const read = await api.request({ path: `/v2/actor-runs/${run.id}` });
    expectThat(ended.status === 'ABORTED', `run ${run.id} ended ABORTED`, ended.status, read);
  },
);
