import { beforeAll } from 'vitest';
import { check } from '../../common/check.ts';
import type { ActorRecord, JobRecord } from '../../common/fixtures/index.ts';
import { expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';
import { pageOf, walkPages } from './pages.ts';

// Pagination of Get list of runs and Get list of builds of one actor that only this file uses, so every count is exact.
const SPEC = 'spec/apify-v2-actors.apib#run-collection';
const { api, config, fixtures } = useTarget();
let actor: ActorRecord;
const runs: JobRecord[] = [];

beforeAll(async () => {
  if (config.readOnly) return; // every check here needs its own runs
  actor = await fixtures.createActor('runs-list');
  await fixtures.buildActor(actor.id);
  for (let i = 0; i < 4; i += 1) runs.push(await fixtures.startRun(actor.id, { output: { i } }));
});

const listRuns = async (query: Record<string, number>) =>
  pageOf<JobRecord>(await api.request({ path: `/v2/acts/${actor.id}/runs`, query }), 'run-list-response');

check({ id: 'pagination.runs-total-and-count', title: 'the runs list counts every run in total and the returned ones in count', spec: SPEC }, async () => {
  const { page, response } = await listRuns({ limit: 2 });
  expectThat(page.total === runs.length, `total ${runs.length}`, `total ${page.total}`, response);
  expectThat(page.count === 2 && page.items.length === 2, 'count 2 and 2 items', `count ${page.count}, ${page.items.length} items`, response);
  const tail = await listRuns({ offset: 3, limit: 2 });
  expectThat(tail.page.count === 1 && tail.page.items.length === 1, 'the last page with 1 item', `count ${tail.page.count}, ${tail.page.items.length} items`, tail.response);
});

check({ id: 'pagination.runs-sorted-by-started-at', title: 'runs are sorted by startedAt ascending, and desc=1 returns the exact reverse', spec: SPEC }, async () => {
  const asc = await listRuns({});
  const ids = asc.page.items.map((r) => r.id);
  expectThat(JSON.stringify(ids) === JSON.stringify(runs.map((r) => r.id)), 'the runs in the order they were started', ids.join(','), asc.response);
  const starts = asc.page.items.map((r) => String(r.startedAt));
  expectThat(starts.every((d, i) => i === 0 || starts[i - 1]! <= d), 'startedAt non-decreasing', starts.join(', '), asc.response);
  const desc = await listRuns({ desc: 1 });
  expectThat(JSON.stringify(desc.page.items.map((r) => r.id)) === JSON.stringify([...ids].reverse()), 'desc=1 to reverse the list exactly', desc.page.items.map((r) => r.id).join(','), desc.response);
});

check({ id: 'pagination.pages-concatenate-while-growing', title: 'pages walked with offset and limit concatenate to the whole list, with no gap and no duplicate, while new items are created', spec: SPEC }, async () => {
  const before = runs.map((r) => r.id);
  let added: JobRecord | undefined;
  const walked = await walkPages<JobRecord>(async (offset, limit) => {
    const page = await listRuns({ offset, limit });
    if (added === undefined) {
      added = await fixtures.startRun(actor.id, { output: 'added' });
      runs.push(added);
    }
    return page;
  }, 1);
  const ids = walked.items.map((r) => r.id);
  expectThat(new Set(ids).size === ids.length, 'no duplicate across pages', ids.join(','), walked.lastResponse);
  expectThat(JSON.stringify(ids) === JSON.stringify([...before, added!.id]), `every run in order, ending with the one started during the walk (${[...before, added!.id].join(',')})`, ids.join(','), walked.lastResponse);
});

check({ id: 'pagination.builds-list-invariants', title: 'the builds list keeps the same invariants: count, total, offset, limit, desc and order by startedAt', spec: 'spec/apify-v2-actors.apib#build-collection' }, async () => {
  const list = async (query: Record<string, number>) =>
    pageOf<JobRecord>(await api.request({ path: `/v2/acts/${actor.id}/builds`, query }), 'build-list-response');
  const all = await list({});
  expectThat(all.page.total >= 1 && all.page.count === all.page.items.length, 'total >= 1 and count == items.length', `total ${all.page.total}, count ${all.page.count}, ${all.page.items.length} items`, all.response);
  const page = await list({ offset: 0, limit: 1, desc: 1 });
  expectThat(page.page.limit === 1 && page.page.desc === true && page.page.offset === 0 && page.page.count === 1, 'limit 1, desc true, offset 0, count 1', JSON.stringify({ ...page.page, items: undefined }), page.response);
  expectThat(page.page.items[0]?.id === all.page.items.at(-1)?.id, 'the newest build first with desc=1', `${page.page.items[0]?.id}`, page.response);
});

check({ id: 'pagination.webhooks-list-invariants', title: 'the webhooks list has the paginated envelope, echoing offset, limit and desc', spec: 'spec/apify-v2-actors.apib#webhook-collection' }, async () => {
  const response = await api.request({ path: `/v2/acts/${actor.id}/webhooks`, query: { offset: 1, limit: 5, desc: 1 } });
  const { page } = pageOf<unknown>(response, 'webhook-list-response');
  expectThat(page.offset === 1 && page.limit === 5 && page.desc === true, 'offset 1, limit 5, desc true', JSON.stringify({ ...page, items: undefined }), response);
  expectThat(page.count === page.items.length && page.total >= page.count, 'count == items.length <= total', JSON.stringify({ ...page, items: undefined }), response);
});
