import { check } from '../../common/check.ts';
import type { JobRecord } from '../../common/fixtures/index.ts';
import { isTerminalStatus } from '../../common/job-status.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';
import { capTolerance } from './tolerance.ts';

// waitForFinish on builds (Build actor, Get build).
const SPEC = 'spec/apify-v2-actors.apib#waiting-for-a-build-or-a-run';
const { api, config, fixtures } = useTarget();
const cap = () => config.maxWaitSecs;

check({ id: 'wait-for-finish.build-default-returns-at-once', title: 'without waitForFinish, Build actor answers at once', spec: SPEC, tags: ['timing'] }, async () => {
  const actor = await fixtures.createActor('wait-build-a');
  const response = await api.request({ method: 'POST', path: `/v2/acts/${actor.id}/builds`, query: { version: '0.0' } });
  const build = expectBody<JobRecord>(response, 201, 'build-response');
  fixtures.registry.trackBuild(actor.id, build.id);
  expectThat(response.durationMs < cap() * 500, `an answer within half the cap (${cap() / 2} s)`, `${response.durationMs} ms`, response);
});

check({ id: 'wait-for-finish.build-waits-until-terminal-or-cap', title: 'with waitForFinish, Build actor and Get build answer when the build ends or when the wait ends, whichever is first', spec: SPEC, tags: ['timing'] }, async () => {
  const actor = await fixtures.createActor('wait-build-b');
  const response = await api.request({ method: 'POST', path: `/v2/acts/${actor.id}/builds`, query: { version: '0.0', waitForFinish: 999999 } });
  const build = expectBody<JobRecord>(response, 201, 'build-response');
  fixtures.registry.trackBuild(actor.id, build.id);
  const high = cap() * 1000 + capTolerance(cap());
  expectThat(response.durationMs <= high, `an answer within the cap (${high / 1000} s)`, `${response.durationMs} ms`, response);
  if (!isTerminalStatus(build.status)) {
    expectThat(response.durationMs >= cap() * 900, `a terminal status, or an answer only after the cap (${cap()} s)`, `${build.status} after ${response.durationMs} ms`, response);
  }
  const read = await api.request({ path: `/v2/acts/${actor.id}/builds/${build.id}`, query: { waitForFinish: cap() } });
  const again = expectBody<JobRecord>(read, 200, 'build-response');
  if (!isTerminalStatus(again.status)) {
    expectThat(read.durationMs >= cap() * 900, `Get build to wait for the end or the cap (${cap()} s)`, `${again.status} after ${read.durationMs} ms`, read);
  }
});
