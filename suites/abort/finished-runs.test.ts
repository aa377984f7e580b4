import { check } from '../../common/check.ts';
import type { FixtureInput, RunStartOptions } from '../../common/fixtures/index.ts';
import { expectThat } from '../support/expect.ts';
import { endedRun, expectSameJob } from '../support/jobs.ts';
import { sharedActor, useTarget } from '../support/target.ts';
import { abortJob, expectUnchanged } from './abort-request.ts';

// Abort run on a run that has ended: answered 200 with the run as it is, member for member (usage counters aside), and
// nothing changes afterwards.
const SPEC = 'spec/01-actors.apib#abort-run';
const target = useTarget();
const { api, fixtures } = target;
const actor = sharedActor(target);
/** How long the run is watched after the abort for a late change. */
const WATCH_MS = 600;

const endings: Array<{ status: string; input: FixtureInput; options?: RunStartOptions; abortFirst?: boolean }> = [
  { status: 'SUCCEEDED', input: { output: 'done' } },
  { status: 'FAILED', input: { exitCode: 3, writeOutput: false } },
  { status: 'TIMED-OUT', input: { sleepMillis: 120_000, writeOutput: false }, options: { timeoutSecs: 1 } },
  { status: 'ABORTED', input: { sleepMillis: 120_000, writeOutput: false }, abortFirst: true },
];

for (const { status, input, options, abortFirst } of endings) {
  check(
    {
      id: `abort.${status.toLowerCase()}-run-unchanged`,
      title: `aborting a ${status} run answers 200 with the whole run unchanged, and changes nothing later`,
      spec: SPEC,
      features: ['runs', 'abort'],
    },
    async () => {
      const { id } = await actor();
      const run = await fixtures.startRun(id, input, options);
      if (abortFirst) await abortJob(api, 'runs', id, run.id);
      const { job: ended, response: read } = await endedRun(target, id, run.id);
      expectThat(ended.status === status, `the run to end ${status} (set-up)`, ended.status, read);
      const { job: answer, response } = await abortJob(api, 'runs', id, run.id);
      expectSameJob(ended, answer, 'the abort answer', response);
      await expectUnchanged(api, 'runs', id, ended, WATCH_MS);
    },
  );
}
