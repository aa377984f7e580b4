import type { JobRecord } from '../../common/fixtures/index.ts';
import { shared, useTarget } from '../support/target.ts';
import { registerListChecks } from './list-checks.ts';
import { type PageQuery, pageOf } from './pages.ts';

// Get list of builds of an actor only this file builds, so totals and orders are exact.
const target = useTarget();
const { api, fixtures } = target;

const setUp = shared(async () => {
  const actor = await fixtures.createActor('builds-list');
  const builds: JobRecord[] = [];
  for (let i = 0; i < 3; i += 1) builds.push(await fixtures.startBuild(actor.id));
  return { actor, builds };
});

registerListChecks<JobRecord>({
  name: 'builds',
  spec: 'spec/01-actors.apib#get-list-of-builds',
  feature: 'builds',
  fetch: async (query: PageQuery) => {
    const { actor } = await setUp();
    return pageOf<JobRecord>(await api.request({ path: `/v2/acts/${actor.id}/builds`, query }), 'build-list-response');
  },
  contents: {
    orderBy: 'startedAt',
    known: async () => (await setUp()).builds,
    exclusive: true,
    add: async () => {
      const { actor, builds } = await setUp();
      const build = await fixtures.startBuild(actor.id);
      builds.push(build);
      return build;
    },
  },
});
