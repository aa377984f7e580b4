import { check } from '../../common/check.ts';
import type { JobRecord } from '../../common/fixtures/index.ts';
import { isTerminalStatus } from '../../common/job-status.ts';
import { expectThat } from '../support/expect.ts';
import { expectSameJob } from '../support/jobs.ts';
import { shared, useTarget } from '../support/target.ts';
import { abortJob, expectUnchanged } from './abort-request.ts';

// Abort build: a build still going ends ABORTED; an ended build is answered unchanged and stays so.
const SPEC = 'spec/01-actors.apib#abort-build';
const target = useTarget();
const { api, fixtures } = target;
const actor = shared(() => fixtures.createActor('abort-build'));

check(
  {
    id: 'abort.finished-build-unchanged',
    title: 'aborting a SUCCEEDED build answers 200 with the whole build unchanged, and changes nothing later',
    spec: SPEC,
    features: ['builds', 'abort'],
  },
  async () => {
    const { id } = await actor();
    const built = await fixtures.buildActor(id);
    const { job: answer, response } = await abortJob(api, 'builds', id, built.id);
    expectSameJob(built, answer, 'the abort answer', response);
    await expectUnchanged(api, 'builds', id, built, 600);
  },
);

check(
  {
    id: 'abort.running-build-ends-aborted',
    title: 'aborting a build that has not ended answers ABORTING or ABORTED, and the build ends ABORTED with finishedAt set',
    spec: SPEC,
    features: ['builds', 'abort'],
  },
  async ({ inconclusive }) => {
    const { id } = await actor();
    // A build may end before the abort reaches it (a fast target); then it must come back unchanged, and another try is made.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const build = await fixtures.startBuild(id);
      const { job: answer, response } = await abortJob(api, 'builds', id, build.id);
      if (isTerminalStatus(answer.status) && answer.status !== 'ABORTED') {
        expectThat(answer.status === 'SUCCEEDED', 'an ended fixture build to have SUCCEEDED', answer.status, response);
        continue;
      }
      expectThat(answer.status === 'ABORTING' || answer.status === 'ABORTED', 'status ABORTING or ABORTED', answer.status, response);
      const final: JobRecord = await fixtures.waitForBuild(id, build.id);
      expectThat(
        final.status === 'ABORTED' && typeof final.finishedAt === 'string',
        'the build to end ABORTED with finishedAt',
        `${final.status}, finishedAt ${final.finishedAt}`,
        response,
      );
      return;
    }
    inconclusive('every build ended before its abort arrived, so this target cannot show the rule');
  },
);
