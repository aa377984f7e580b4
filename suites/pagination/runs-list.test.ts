import type { JobRecord } from '../../common/fixtures/index.ts';
import { Inconclusive } from '../../common/inconclusive.ts';
import { shared, soloActor, useTarget } from '../support/target.ts';
import { registerListChecks } from './list-checks.ts';
import { type PageQuery, pageOf } from './pages.ts';

// Get list of runs of the solo actor, which only this file runs meanwhile: with the runs earlier holders noted, totals and
// orders are exact.
const target = useTarget();
const { api } = target;
const solo = soloActor(target);

const runs = shared(async () => {
  const { earlierRuns, startRun } = await solo();
  if (earlierRuns === undefined) throw new Inconclusive("a start of an earlier holder's run got no answer: the solo actor's run list is not known exactly");
  const known: Array<Pick<JobRecord, 'id'>> = earlierRuns.map((id) => ({ id }));
  for (let i = 0; i < 3; i += 1) known.push(await startRun({ writeOutput: false }));
  return known;
});

registerListChecks<JobRecord>({
  name: 'runs',
  spec: 'spec/01-actors.apib#get-list-of-runs',
  feature: 'runs',
  fetch: async (query: PageQuery) => {
    const { actor } = await solo();
    await runs();
    return pageOf<JobRecord>(await api.request({ path: `/v2/acts/${actor.id}/runs`, query }), 'run-list-response');
  },
  contents: {
    orderBy: 'startedAt',
    known: runs,
    exclusive: true,
    add: async () => {
      const run = await (await solo()).startRun({ writeOutput: false });
      (await runs()).push(run);
      return run;
    },
  },
});
