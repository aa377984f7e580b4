import { check } from '../../common/check.ts';
import { fixtureVersion, type JobRecord } from '../../common/fixtures/index.ts';
import { expectThat } from '../support/expect.ts';
import { readJob } from '../support/jobs.ts';
import { shared, useTarget } from '../support/target.ts';

// Run actor's options: `memory` sets the run's memory, `build` picks the build it runs (a tag or a build number).
const SPEC = 'spec/01-actors.apib#run-actor';
const target = useTarget();
const { api, fixtures } = target;

/** An actor with two builds: version 0.0 tagged latest and version 1.0 tagged beta. */
const twoBuilds = shared(async () => {
  const actor = await fixtures.createActor('run-options', { versions: [fixtureVersion('0.0'), fixtureVersion('1.0', { buildTag: 'beta' })] });
  const latest = await fixtures.buildActor(actor.id, { version: '0.0' });
  const beta = await fixtures.buildActor(actor.id, { version: '1.0' });
  return { actor, latest, beta };
});

/** The member `options.memoryMbytes` of a run, if it has one. */
const memoryOf = (run: JobRecord) => (run.options as { memoryMbytes?: unknown } | undefined)?.memoryMbytes;

check(
  {
    id: 'lifecycle.memory-option-applied',
    title: "Run actor with memory=256 gives the run 256 MB (options.memoryMbytes), not the actor's default",
    spec: SPEC,
    features: ['runs'],
  },
  async () => {
    const { actor } = await twoBuilds();
    const run = await fixtures.startRun(actor.id, { writeOutput: false }, { memoryMbytes: 256 });
    const { job: read, response } = await readJob(api, 'runs', actor.id, run.id);
    expectThat(
      memoryOf(run) === 256 && memoryOf(read) === 256,
      'options.memoryMbytes 256, answered and read back',
      `${String(memoryOf(run))} and ${String(memoryOf(read))}`,
      response,
    );
  },
);

check(
  {
    id: 'lifecycle.build-option-applied',
    title: 'Run actor with build runs the build it names: a tag (beta) or a build number',
    spec: SPEC,
    features: ['runs', 'builds'],
  },
  async () => {
    const { actor, latest, beta } = await twoBuilds();
    for (const [build, expected] of [
      ['beta', beta],
      [String(latest.buildNumber), latest],
    ] as const) {
      const run = await fixtures.startRun(actor.id, { writeOutput: false }, { build });
      const { job: read, response } = await readJob(api, 'runs', actor.id, run.id);
      expectThat(
        read.buildId === expected.id && read.buildNumber === expected.buildNumber,
        `build=${build}: the run of build ${expected.id} (${String(expected.buildNumber)})`,
        `build ${String(read.buildId)} (${String(read.buildNumber)})`,
        response,
      );
    }
  },
);
