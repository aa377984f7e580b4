import { check } from '../../common/check.ts';
import { fixtureVersion, type JobRecord, sendBuildStart } from '../../common/fixtures/index.ts';
import type { ApiResponse } from '../../common/http.ts';
import { isTerminalStatus } from '../../common/job-status.ts';
import { describeWindow, heldFor, lateSlackMs, outlivingSleepMs, promptMs, serverMillis } from '../../common/timing.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { readJob } from '../support/jobs.ts';
import { shared, useTarget } from '../support/target.ts';

// waitForFinish on Build actor and Get build. How long a build takes is the target's business (seconds on the
// emulator, minutes on the platform), so each check judges whichever came first: the build's end or the wait's.
const SPEC = 'spec/00-overview.apib#waiting-for-a-build-or-a-run';
const target = useTarget();
const { api, config, fixtures } = target;
const actor = shared(() => fixtures.createActor('wait-build'));
const cap = config.maxWaitSecs;

async function startBuild(waitForFinish?: number) {
  const { id } = await actor();
  // In a build slot, as every build of the run. A start the account's full memory quota refuses (402) creates nothing:
  // it is asked again, and the answer judged is the one that took it.
  const response = await sendBuildStart(fixtures.context, id, { version: '0.0', waitForFinish });
  const build = expectBody<JobRecord>(response, 201, 'build-response');
  fixtures.registry.trackBuild(id, build.id);
  return { build, response };
}

/** An ended build must have been answered soon after it ended (server timestamps); one still going, only at the wait's end. */
function expectHeldUntilEndOrWait(build: JobRecord, durationMs: number, wait: number, response: ApiResponse): void {
  if (isTerminalStatus(build.status)) {
    const ranMs = serverMillis(build.startedAt, build.finishedAt);
    expectThat(
      durationMs <= Math.min(ranMs, wait * 1000) + lateSlackMs(cap),
      `an answer within ${lateSlackMs(cap)} ms of the build's end (it ran ${ranMs} ms)`,
      `${Math.round(durationMs)} ms`,
      response,
    );
  } else {
    expectThat(heldFor(durationMs, wait), `an ended build, or ${describeWindow(wait)}`, `${build.status} after ${Math.round(durationMs)} ms`, response);
  }
}

check(
  {
    id: 'wait-for-finish.build-default-returns-at-once',
    title: 'without waitForFinish, Build actor and Get build answer at once',
    spec: SPEC,
    features: ['wait-for-finish', 'builds'],
    tags: ['timing'],
  },
  async () => {
    const { build, response } = await startBuild();
    expectThat(response.durationMs <= promptMs(cap), `an answer within ${promptMs(cap)} ms`, `${Math.round(response.durationMs)} ms`, response);
    const { response: read } = await readJob(api, 'builds', (await actor()).id, build.id);
    expectThat(read.durationMs <= promptMs(cap), `an answer within ${promptMs(cap)} ms`, `${Math.round(read.durationMs)} ms`, read);
  },
);

check(
  {
    id: 'wait-for-finish.build-held-until-end-or-wait',
    title: 'with waitForFinish, Build actor answers when the build ends or when the wait does, whichever comes first',
    spec: SPEC,
    features: ['wait-for-finish', 'builds'],
    tags: ['timing'],
  },
  async () => {
    const { build, response } = await startBuild(cap);
    expectHeldUntilEndOrWait(build, response.durationMs, cap, response);
    if (isTerminalStatus(build.status)) expectThat(build.status === 'SUCCEEDED', 'the fixture build to succeed', build.status, response);
  },
);

// A build slow by construction (a `RUN sleep` step in its Dockerfile, which any target that builds runs) outlives the
// cap and every tolerance, so the clamp itself is what ends the wait.
const slowActor = shared(() =>
  fixtures.createActor('wait-build-slow', { versions: [fixtureVersion('0.0', { buildSleepSecs: Math.ceil(outlivingSleepMs(cap, cap) / 1000) })] }),
);

check(
  {
    id: 'wait-for-finish.build-clamped-to-cap',
    title: 'a waitForFinish above the cap on Get build is clamped to it: no error, and the build still going is answered at the cap',
    spec: SPEC,
    features: ['wait-for-finish', 'builds'],
    tags: ['timing'],
  },
  async ({ inconclusive }) => {
    const { id } = await slowActor();
    const started = await fixtures.startBuild(id);
    const { job: build, response } = await readJob(api, 'builds', id, started.id, 999_999);
    if (isTerminalStatus(build.status)) inconclusive(`the build that sleeps past the cap ended (${build.status}) before the wait did`);
    expectThat(heldFor(response.durationMs, cap), describeWindow(cap), `${build.status} after ${Math.round(response.durationMs)} ms`, response);
  },
);
