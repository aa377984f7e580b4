import type { JobRecord } from '../../common/fixtures/index.ts';
import { builtActor, shared, useTarget } from '../support/target.ts';
import { registerListChecks } from './list-checks.ts';
import { type PageQuery, pageOf } from './pages.ts';

// Get list of runs of an actor only this file runs, so totals and orders are exact.
const target = useTarget();
const { api, fixtures } = target;
const actor = builtActor(target, 'runs-list');

const runs = shared(async () => {
  const { id } = await actor();
  const started: JobRecord[] = [];
  for (let i = 0; i < 3; i += 1) started.push(await fixtures.startRun(id, { writeOutput: false }));
  return started;
});

registerListChecks<JobRecord>({
  name: 'runs',
  spec: 'spec/01-actors.apib#get-list-of-runs',
  feature: 'runs',
  fetch: async (query: PageQuery) => {
    const { id } = await actor();
    await runs();
    return pageOf<JobRecord>(await api.request({ path: `/v2/acts/${id}/runs`, query }), 'run-list-response');
  },
  contents: {
    orderBy: 'startedAt',
    known: runs,
    exclusive: true,
    add: async () => {
      const run = await fixtures.startRun((await actor()).id, { writeOutput: false });
      (await runs()).push(run);
      return run;
    },
  },
});
