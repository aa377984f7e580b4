import { check } from '../../common/check.ts';
import type { JobRecord } from '../../common/fixtures/index.ts';
import { isTerminalStatus } from '../../common/job-status.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { sharedActor, useTarget } from '../support/target.ts';
import { canFollow, observeRun } from './observe.ts';

// The run's status machine and finishedAt, watched by polling Get run from the start to a while after the end.
const SPEC = 'spec/00-overview.apib#requests-and-responses';
const target = useTarget();
const { api, config, fixtures } = target;
const actor = sharedActor(target);
const watch = () => ({ timeoutMs: (config.maxWaitSecs + 60) * 1000, afterEndMs: 500 });

check(
  {
    id: 'lifecycle.statuses-move-forward',
    title: "a run's status only moves forward along the documented transitions, and stays put once terminal",
    spec: SPEC,
    features: ['runs'],
  },
  async () => {
    const { id } = await actor();
    const run = await fixtures.startRun(id, { sleepMillis: 1500, writeOutput: false });
    const ended = await observeRun(
      api,
      id,
      run.id,
      ({ run: now, previous, response }) => {
        if (previous === undefined || previous.status === now.status) return;
        expectThat(!isTerminalStatus(previous.status), `no change after the terminal ${previous.status}`, `${previous.status} -> ${now.status}`, response);
        expectThat(canFollow(previous.status, now.status), `a documented transition from ${previous.status}`, `${previous.status} -> ${now.status}`, response);
      },
      watch(),
    );
    expectThat(ended.run.status === 'SUCCEEDED', 'the run to end SUCCEEDED', ended.run.status, ended.response);
  },
);

check(
  {
    id: 'lifecycle.finished-at-when-terminal',
    title: 'finishedAt is null while a run is going and set, not before startedAt and never changed, once it is terminal',
    spec: 'spec/01-actors.apib#get-run',
    features: ['runs'],
  },
  async () => {
    const { id } = await actor();
    const response = await api.request({ method: 'POST', path: `/v2/acts/${id}/runs`, query: { memory: 128 }, body: { sleepMillis: 800, writeOutput: false } });
    const run = expectBody<JobRecord>(response, 201, 'run-response');
    fixtures.registry.trackRun(id, run.id);
    expectThat(run.finishedAt === null, `finishedAt null in the Run actor answer (status ${run.status})`, String(run.finishedAt), response);
    await observeRun(
      api,
      id,
      run.id,
      ({ run: now, previous, response }) => {
        const terminal = isTerminalStatus(now.status);
        expectThat(
          terminal === (typeof now.finishedAt === 'string'),
          'finishedAt set exactly when the status is terminal',
          `status ${now.status}, finishedAt ${now.finishedAt}`,
          response,
        );
        if (terminal)
          expectThat(String(now.finishedAt) >= String(now.startedAt), `finishedAt not before startedAt ${now.startedAt}`, String(now.finishedAt), response);
        if (previous && typeof previous.finishedAt === 'string')
          expectThat(now.finishedAt === previous.finishedAt, `finishedAt to stay ${previous.finishedAt}`, String(now.finishedAt), response);
      },
      watch(),
    );
  },
);
