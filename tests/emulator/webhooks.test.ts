// Webhooks of an actor (spec/01-actors.apib#webhook-collection; emulator/README.md "Builds and runs"): the paginated
// list, filled by the ad hoc webhooks passed to runs through the base64 `webhooks` parameter.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { createBuiltActor, createSourceActor, runToEnd, webhooksParam } from './helpers/fixtures.ts';
import { ID_PATTERN, ISO_DATE_PATTERN } from './helpers/formats.ts';
import { dataOf, expectApiError } from './helpers/http.ts';
import type { Actor, Page, Run, Webhook } from './helpers/types.ts';

let emu: TestEmulator;
let actor: Actor;
const runs: Run[] = [];
// Nothing listens on the discard port; a dispatch attempt fails fast and must not matter to the run.
const requestUrls = ['http://127.0.0.1:9/hook-a', 'http://127.0.0.1:9/hook-b', 'http://127.0.0.1:9/hook-c'];

beforeAll(async () => {
  emu = await startTestEmulator();
  ({ actor } = await createBuiltActor(emu, 'trivial'));
  for (const requestUrl of requestUrls) {
    const webhooks = webhooksParam([{ eventTypes: ['ACTOR.RUN.SUCCEEDED', 'ACTOR.RUN.FAILED'], requestUrl }]);
    runs.push(await runToEnd(emu, actor.id, { query: { webhooks } }));
  }
});
afterAll(async () => {
  await emu?.close();
});

describe('webhooks: the list of an actor', () => {
  test('an actor without webhooks has an empty, well-formed page', async () => {
    const other = await createSourceActor(emu.api, 'trivial');
    const page = dataOf<Page<Webhook>>(await emu.api.get(`/v2/acts/${other.id}/webhooks`));
    expect(page).toEqual({ total: 0, offset: 0, limit: 1000, desc: false, count: 0, items: [] });
  });

  test('ad hoc webhooks passed on runs are listed with the documented fields', async () => {
    expect(runs.map((run) => run.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    const page = dataOf<Page<Webhook>>(await emu.api.get(`/v2/acts/${actor.id}/webhooks`));
    expect(page).toMatchObject({ total: 3, offset: 0, desc: false, count: 3 });
    expect(page.items.map((item) => item.requestUrl)).toEqual(requestUrls);
    for (const [index, item] of page.items.entries()) {
      expect(item.id).toMatch(ID_PATTERN);
      expect(item.userId).toMatch(ID_PATTERN);
      expect(item.createdAt).toMatch(ISO_DATE_PATTERN);
      expect(item.modifiedAt).toMatch(ISO_DATE_PATTERN);
      expect(item.eventTypes).toEqual(['ACTOR.RUN.SUCCEEDED', 'ACTOR.RUN.FAILED']);
      expect(typeof item.ignoreSslErrors).toBe('boolean');
      expect(item.isAdHoc).toBe(true);
      expect(item.condition.actorRunId, 'an ad hoc webhook is bound to its run').toBe(runs[index].id);
    }
  });

  test('offset, limit and desc page through the webhooks in createdAt order', async () => {
    const all = dataOf<Page<Webhook>>(await emu.api.get(`/v2/acts/${actor.id}/webhooks`)).items.map((item) => item.id);
    const second = dataOf<Page<Webhook>>(await emu.api.get(`/v2/acts/${actor.id}/webhooks`, { offset: 1, limit: 1 }));
    expect(second).toMatchObject({ total: 3, offset: 1, limit: 1, count: 1 });
    expect(second.items.map((item) => item.id)).toEqual([all[1]]);
    const descending = dataOf<Page<Webhook>>(await emu.api.get(`/v2/acts/${actor.id}/webhooks`, { desc: 1 }));
    expect(descending.desc).toBe(true);
    expect(descending.items.map((item) => item.id)).toEqual([...all].reverse());
  });

  test('the list needs a token and the actor must be visible', async () => {
    expectApiError(await emu.api.anonymous().get(`/v2/acts/${actor.id}/webhooks`), 401, 'token-not-provided');
    expectApiError(await emu.api2.get(`/v2/acts/${actor.id}/webhooks`), 404);
  });

  test('a webhooks parameter that is not base64 of a JSON array is 400 and starts no run', async () => {
    const before = dataOf<Page<Run>>(await emu.api.get(`/v2/acts/${actor.id}/runs`)).total;
    expectApiError(await emu.api.post(`/v2/acts/${actor.id}/runs`, {}, { webhooks: '%%%not-base64%%%' }), 400);
    expectApiError(await emu.api.post(`/v2/acts/${actor.id}/runs`, {}, { webhooks: Buffer.from('{"not":"an array"}').toString('base64') }), 400);
    expect(dataOf<Page<Run>>(await emu.api.get(`/v2/acts/${actor.id}/runs`)).total).toBe(before);
  });
});
