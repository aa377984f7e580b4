// The emulator's actor tasks, last run, resurrect, webhooks (templates, ad-hoc, retries) and users.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { createBuiltActor, runToEnd, startRun, waitForJob, webhooksParam } from './helpers/fixtures.ts';
import { ApiClient, dataOf, expectApiError } from './helpers/http.ts';
import { type Receiver, startReceiver } from './helpers/receiver.ts';
import { createTask, createWebhook, dispatchesOf, runTaskToEnd } from './helpers/tasks.ts';
import type { Run } from './helpers/types.ts';

let emu: TestEmulator;
let receiver: Receiver;

beforeAll(async () => {
  emu = await startTestEmulator();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await emu?.close();
});

describe('actor tasks', () => {
  test('are found by id and by username~name, names are unique per user, and another user does not see them', async () => {
    const { actor, task } = await createTask(emu);
    expect(dataOf<{ id: string }>(await emu.api.get(`/v2/actor-tasks/${emu.user.username}~${task.name}`)).id).toBe(task.id);
    expectApiError(await emu.api.post('/v2/actor-tasks', { actId: actor.id, name: task.name }), 409, 'actor-task-name-not-unique');
    expectApiError(await emu.api2.get(`/v2/actor-tasks/${task.id}`), 404, 'record-not-found');
  });

  test("the task's options apply to its runs unless the query overrides them", async () => {
    const { task } = await createTask(emu);
    await emu.api.put(`/v2/actor-tasks/${task.id}`, { options: { timeoutSecs: 77, memoryMbytes: 256 } });
    const fromTask = dataOf<Run>(await emu.api.post(`/v2/actor-tasks/${task.id}/runs`, {}), 201);
    expect(fromTask.options).toMatchObject({ timeoutSecs: 77, memoryMbytes: 256 });
    const fromQuery = dataOf<Run>(await emu.api.post(`/v2/actor-tasks/${task.id}/runs`, {}, { memory: 128 }), 201);
    expect(fromQuery.options).toMatchObject({ timeoutSecs: 77, memoryMbytes: 128 });
    await Promise.all([waitForJob(emu, 'run', fromTask.id), waitForJob(emu, 'run', fromQuery.id)]);
  });
});

describe('last run and resurrect', () => {
  test("runs/last with status picks the newest run with it, and reaches that run's storages", async () => {
    const { actor } = await createBuiltActor(emu, 'scripted');
    const succeeded = await runToEnd(emu, actor.id, { input: { items: [{ n: 1 }] } });
    await runToEnd(emu, actor.id, { input: { exitCode: 2 } });
    expect(dataOf<Run>(await emu.api.get(`/v2/acts/${actor.id}/runs/last`, { status: 'SUCCEEDED' })).id).toBe(succeeded.id);
    expect(dataOf<Run>(await emu.api.get(`/v2/acts/${actor.id}/runs/last`)).status).toBe('FAILED');
    expect((await emu.api.get(`/v2/acts/${actor.id}/runs/last/dataset/items`, { status: 'SUCCEEDED' })).json).toEqual([{ n: 1 }]);
    expectApiError(await emu.api.get(`/v2/acts/${actor.id}/runs/last`, { status: 'ABORTED' }), 404, 'record-not-found');
  });

  test('resurrect runs a finished run again with the same id and storages; a running run is refused', async () => {
    const { actor } = await createBuiltActor(emu, 'scripted');
    const ended = await runToEnd(emu, actor.id, { input: {} });
    const resurrected = dataOf<Run>(await emu.api.post(`/v2/acts/${actor.id}/runs/${ended.id}/resurrect`));
    expect(resurrected).toMatchObject({
      id: ended.id,
      defaultKeyValueStoreId: ended.defaultKeyValueStoreId,
      defaultDatasetId: ended.defaultDatasetId,
      finishedAt: null,
    });
    expect(resurrected.stats.resurrectCount).toBe(1);
    expect((await waitForJob<Run>(emu, 'run', ended.id)).status).toBe('SUCCEEDED');
    const running = await startRun(emu, actor.id, { input: { sleepMs: 2000 } });
    expectApiError(await emu.api.post(`/v2/acts/${actor.id}/runs/${running.id}/resurrect`), 400);
    await waitForJob(emu, 'run', running.id);
  });
});

describe('webhooks', () => {
  test('a payload template is rendered with JSON values; an unknown variable is refused', async () => {
    const { actor } = await createBuiltActor(emu, 'scripted');
    const webhook = await createWebhook(emu, {
      condition: { actorId: actor.id },
      requestUrl: receiver.url,
      payloadTemplate: '{"run": {{resource.id}}, "event": {{eventType}}, "data": {{eventData}}}',
    });
    const before = receiver.calls.length;
    const run = await runToEnd(emu, actor.id, { input: {} });
    const [call] = (await receiver.waitForCalls(before + 1)).slice(before);
    expect(JSON.parse(call!.body)).toEqual({ run: run.id, event: 'ACTOR.RUN.SUCCEEDED', data: { actorId: actor.id, actorTaskId: null, actorRunId: run.id } });
    expect(call!.headers['x-apify-webhook-dispatch-id']).toBe((await dispatchesOf(emu, webhook.id))[0]?.id);
    expectApiError(
      await emu.api.post('/v2/webhooks', {
        eventTypes: ['ACTOR.RUN.SUCCEEDED'],
        condition: { actorId: actor.id },
        requestUrl: receiver.url,
        payloadTemplate: '{{secret}}',
      }),
      400,
    );
  });

  test('ad-hoc webhooks of a run fire for that run only, and a repeated idempotency key adds none', async () => {
    const { task } = await createTask(emu);
    const adHoc = webhooksParam([{ eventTypes: ['ACTOR.RUN.SUCCEEDED'], requestUrl: receiver.url, idempotencyKey: 'ad-hoc-once' }]);
    const first = dataOf<Run>(await emu.api.post(`/v2/actor-tasks/${task.id}/runs`, {}, { webhooks: adHoc }), 201);
    const second = dataOf<Run>(await emu.api.post(`/v2/actor-tasks/${task.id}/runs`, {}, { webhooks: adHoc }), 201);
    await Promise.all([waitForJob(emu, 'run', first.id), waitForJob(emu, 'run', second.id)]);
    const webhooks = dataOf<{ items: Array<{ isAdHoc: boolean; condition: { actorRunId: string | null } }> }>(await emu.api.get('/v2/webhooks')).items;
    expect(webhooks.filter((webhook) => webhook.isAdHoc).map((webhook) => webhook.condition.actorRunId)).toEqual([first.id]);
    await runTaskToEnd(emu, task.id);
  });
});

describe('users', () => {
  test("users/me is the token's user; public data by username or id hide private members; an unknown user is 404", async () => {
    const me = dataOf<{ id: string; username: string; email: string }>(await emu.api.get('/v2/users/me'));
    expect(me.username).toBe(emu.user.username);
    for (const reference of [me.username, me.id]) {
      const user = dataOf<Record<string, unknown>>(await emu.api2.get(`/v2/users/${reference}`));
      expect(user.username).toBe(me.username);
      expect(Object.keys(user).sort()).toEqual(['profile', 'username']);
    }
    expectApiError(await emu.api.get('/v2/users/no-such-user'), 404, 'record-not-found');
    expectApiError(await new ApiClient(emu.url, '').get('/v2/users/me'), 401, 'token-not-provided');
  });
});
