// Probes for the faults of actor tasks, resurrect and last run, webhooks and their dispatches, logs and users. Each
// observes the one thing its fault changes.
import type { TestEmulator } from '../helpers/emulator.ts';
import { createBuiltActor, getJsonRecord, runToEnd } from '../helpers/fixtures.ts';
import { type ApiResponse, dataOf } from '../helpers/http.ts';
import { startReceiver } from '../helpers/receiver.ts';
import { createTask, createWebhook, type DispatchRecord, dispatchesOf, runTaskToEnd } from '../helpers/tasks.ts';
import type { Run } from '../helpers/types.ts';
import type { ProbeTable } from './faults-support.ts';

type Json = Record<string, unknown>;

const bodyOf = (response: ApiResponse): Json => (response.json ?? {}) as Json;
const isPage = (response: ApiResponse): boolean => !Array.isArray(bodyOf(response).data);

/** A task run's stored input and the task it records. */
async function taskRunOf(emu: TestEmulator, taskInput: Json, runInput?: Json): Promise<{ input: unknown; actorTaskId: unknown }> {
  const { task } = await createTask(emu, taskInput);
  const run = await runTaskToEnd(emu, task.id, runInput);
  return {
    input: await getJsonRecord(emu, run.defaultKeyValueStoreId, 'INPUT'),
    actorTaskId: (run as Run & { actorTaskId?: string | null }).actorTaskId ?? null,
  };
}

/** How a probe fires a webhook: its event types, the run's input (scripted: exitCode decides), the receiver's answers. */
interface Firing {
  eventTypes?: string[];
  runInput?: Json;
  answer?: (index: number) => number;
  /** When the webhook's dispatches are ready to read (default: all of them ended). */
  until?: (dispatches: DispatchRecord[]) => boolean;
}

/**
 * A webhook on a fresh scripted actor and one run of it; `read` gets the webhook's dispatches while the receiver still
 * answers.
 */
async function afterFiring<T>(emu: TestEmulator, firing: Firing, read: (dispatches: DispatchRecord[]) => Promise<T> | T): Promise<T> {
  const receiver = await startReceiver(firing.answer);
  try {
    const { actor } = await createBuiltActor(emu, 'scripted');
    const eventTypes = firing.eventTypes === undefined ? {} : { eventTypes: firing.eventTypes };
    const webhook = await createWebhook(emu, { ...eventTypes, condition: { actorId: actor.id }, requestUrl: receiver.url });
    await runToEnd(emu, actor.id, { input: firing.runInput ?? {} });
    return await read(await dispatchesOf(emu, webhook.id, firing.until));
  } finally {
    await receiver.close();
  }
}

/** Events of the dispatches a webhook on the actor made for one run with `runInput`. */
const firedEvents = (emu: TestEmulator, runInput: Json, eventTypes: string[]) =>
  afterFiring(emu, { eventTypes, runInput }, (dispatches) => dispatches.map((dispatch) => dispatch.eventType));

export const GROUP_PROBES = {
  'resurrect-finished-run-refused': {
    async observe(emu) {
      const { actor } = await createBuiltActor(emu, 'scripted');
      const run = await runToEnd(emu, actor.id, { input: {} });
      return (await emu.api.post(`/v2/acts/${actor.id}/runs/${run.id}/resurrect`)).status;
    },
    correct: 200,
    faulty: 400,
  },
  'last-run-ignores-status': {
    async observe(emu) {
      const { actor } = await createBuiltActor(emu, 'scripted');
      const succeeded = await runToEnd(emu, actor.id, { input: {} });
      await runToEnd(emu, actor.id, { input: { exitCode: 1 } });
      return dataOf<Run>(await emu.api.get(`/v2/acts/${actor.id}/runs/last`, { status: 'SUCCEEDED' })).id === succeeded.id;
    },
    correct: true,
    faulty: false,
  },
  'task-last-run-not-found': {
    async observe(emu) {
      const { task } = await createTask(emu);
      await runTaskToEnd(emu, task.id);
      return (await emu.api.get(`/v2/actor-tasks/${task.id}/runs/last`)).status;
    },
    correct: 200,
    faulty: 404,
  },
  'task-create-200': {
    async observe(emu) {
      const { actor } = await createBuiltActor(emu, 'trivial');
      return (await emu.api.post('/v2/actor-tasks', { actId: actor.id })).status;
    },
    correct: 201,
    faulty: 200,
  },
  'task-list-not-paginated': {
    async observe(emu) {
      await createTask(emu);
      return isPage(await emu.api.get('/v2/actor-tasks'));
    },
    correct: true,
    faulty: false,
  },
  'task-get-without-data': {
    async observe(emu) {
      const { task } = await createTask(emu);
      return 'data' in bodyOf(await emu.api.get(`/v2/actor-tasks/${task.id}`));
    },
    correct: true,
    faulty: false,
  },
  'task-update-204': {
    async observe(emu) {
      const { task } = await createTask(emu);
      return (await emu.api.put(`/v2/actor-tasks/${task.id}`, { options: { timeoutSecs: 30 } })).status;
    },
    correct: 200,
    faulty: 204,
  },
  'task-delete-200': {
    async observe(emu) {
      const { task } = await createTask(emu);
      return (await emu.api.delete(`/v2/actor-tasks/${task.id}`)).status;
    },
    correct: 204,
    faulty: 200,
  },
  'task-input-wrapped': {
    async observe(emu) {
      const { task } = await createTask(emu, { a: 1 });
      return bodyOf(await emu.api.get(`/v2/actor-tasks/${task.id}/input`));
    },
    correct: { a: 1 },
    faulty: { data: { a: 1 } },
  },
  'task-input-update-replaces': {
    async observe(emu) {
      const { task } = await createTask(emu, { a: 1 });
      return bodyOf(await emu.api.put(`/v2/actor-tasks/${task.id}/input`, { b: 2 }));
    },
    correct: { a: 1, b: 2 },
    faulty: { b: 2 },
  },
  'task-input-not-merged': {
    observe: async (emu) => (await taskRunOf(emu, { a: 1, b: 1 }, { b: 2 })).input,
    correct: { a: 1, b: 2 },
    faulty: { b: 2 },
  },
  'task-run-forgets-task': {
    observe: async (emu) => typeof (await taskRunOf(emu, {})).actorTaskId,
    correct: 'string',
    faulty: 'object',
  },
  'task-webhooks-list-not-paginated': {
    async observe(emu) {
      const { task } = await createTask(emu);
      await createWebhook(emu, { condition: { actorTaskId: task.id }, requestUrl: 'http://127.0.0.1:9/' });
      return isPage(await emu.api.get(`/v2/actor-tasks/${task.id}/webhooks`));
    },
    correct: true,
    faulty: false,
  },
  'task-runs-list-not-paginated': {
    async observe(emu) {
      const { task } = await createTask(emu);
      await runTaskToEnd(emu, task.id);
      return isPage(await emu.api.get(`/v2/actor-tasks/${task.id}/runs`));
    },
    correct: true,
    faulty: false,
  },
  'task-run-sync-post-200': {
    // A cap well above a run's time, so a busy machine cannot turn the answer into a 408.
    settings: { maxWaitSecs: 30 },
    async observe(emu) {
      const { task } = await createTask(emu);
      return (await emu.api.post(`/v2/actor-tasks/${task.id}/run-sync`, { a: 1 })).status;
    },
    correct: 201,
    faulty: 200,
  },
  'task-run-sync-get-ignores-task-input': {
    // A cap well above a run's time, so a busy machine cannot turn the answer into a 408.
    settings: { maxWaitSecs: 30 },
    async observe(emu) {
      const { task } = await createTask(emu, { exitCode: 1 });
      return (await emu.api.get(`/v2/actor-tasks/${task.id}/run-sync`)).status;
    },
    correct: 400,
    faulty: 201,
  },
  'webhook-create-200': {
    async observe(emu) {
      const { actor } = await createBuiltActor(emu, 'trivial');
      return (await emu.api.post('/v2/webhooks', { eventTypes: ['ACTOR.RUN.SUCCEEDED'], condition: { actorId: actor.id }, requestUrl: 'http://127.0.0.1:9/' }))
        .status;
    },
    correct: 201,
    faulty: 200,
  },
  'webhook-idempotency-ignored': {
    async observe(emu) {
      const { actor } = await createBuiltActor(emu, 'trivial');
      const body = { condition: { actorId: actor.id }, requestUrl: 'http://127.0.0.1:9/', idempotencyKey: 'probe-key' };
      const first = await createWebhook(emu, body);
      const second = await createWebhook(emu, body);
      return first.id === second.id;
    },
    correct: true,
    faulty: false,
  },
  'webhook-list-without-condition': {
    async observe(emu) {
      const { actor } = await createBuiltActor(emu, 'trivial');
      await createWebhook(emu, { condition: { actorId: actor.id }, requestUrl: 'http://127.0.0.1:9/' });
      const [item] = dataOf<{ items: Json[] }>(await emu.api.get('/v2/webhooks')).items;
      return item !== undefined && 'condition' in item;
    },
    correct: true,
    faulty: false,
  },
  'webhook-get-without-data': {
    async observe(emu) {
      const { actor } = await createBuiltActor(emu, 'trivial');
      const webhook = await createWebhook(emu, { condition: { actorId: actor.id }, requestUrl: 'http://127.0.0.1:9/' });
      return 'data' in bodyOf(await emu.api.get(`/v2/webhooks/${webhook.id}`));
    },
    correct: true,
    faulty: false,
  },
  'webhook-update-204': {
    async observe(emu) {
      const { actor } = await createBuiltActor(emu, 'trivial');
      const webhook = await createWebhook(emu, { condition: { actorId: actor.id }, requestUrl: 'http://127.0.0.1:9/' });
      return (await emu.api.put(`/v2/webhooks/${webhook.id}`, { doNotRetry: true })).status;
    },
    correct: 200,
    faulty: 204,
  },
  'webhook-delete-200': {
    async observe(emu) {
      const { actor } = await createBuiltActor(emu, 'trivial');
      const webhook = await createWebhook(emu, { condition: { actorId: actor.id }, requestUrl: 'http://127.0.0.1:9/' });
      return (await emu.api.delete(`/v2/webhooks/${webhook.id}`)).status;
    },
    correct: 204,
    faulty: 200,
  },
  'webhook-condition-ignored': {
    async observe(emu) {
      const receiver = await startReceiver();
      try {
        const [watched, other] = await Promise.all([createBuiltActor(emu, 'scripted'), createBuiltActor(emu, 'scripted')]);
        const webhook = await createWebhook(emu, { condition: { actorId: watched.actor.id }, requestUrl: receiver.url });
        await runToEnd(emu, other.actor.id, { input: {} });
        await runToEnd(emu, watched.actor.id, { input: {} });
        return (await dispatchesOf(emu, webhook.id)).length;
      } finally {
        await receiver.close();
      }
    },
    correct: 1,
    faulty: 2,
  },
  'webhook-fires-twice': {
    observe: async (emu) => firedEvents(emu, {}, ['ACTOR.RUN.SUCCEEDED']),
    correct: ['ACTOR.RUN.SUCCEEDED'],
    faulty: ['ACTOR.RUN.SUCCEEDED', 'ACTOR.RUN.SUCCEEDED'],
  },
  'webhook-fires-on-every-end': {
    observe: async (emu) => firedEvents(emu, { exitCode: 1 }, ['ACTOR.RUN.SUCCEEDED', 'ACTOR.RUN.FAILED']),
    correct: ['ACTOR.RUN.FAILED'],
    faulty: ['ACTOR.RUN.SUCCEEDED'],
  },
  'webhook-not-retried': {
    settings: { webhookRetryMs: 50 },
    observe: (emu) =>
      afterFiring(emu, { answer: (index) => (index === 0 ? 500 : 200) }, ([dispatch]) => ({
        status: dispatch?.status,
        calls: dispatch?.calls.map((call) => call.responseStatus),
      })),
    correct: { status: 'SUCCEEDED', calls: [500, 200] },
    faulty: { status: 'FAILED', calls: [500] },
  },
  'dispatch-object-stale': {
    observe: (emu) =>
      afterFiring(emu, {}, async ([dispatch]) => dataOf<{ status: string }>(await emu.api.get(`/v2/webhook-dispatches/${dispatch?.id}`)).status),
    correct: 'SUCCEEDED',
    faulty: 'ACTIVE',
  },
  'dispatches-list-not-paginated': {
    async observe(emu) {
      const { actor } = await createBuiltActor(emu, 'trivial');
      const webhook = await createWebhook(emu, { condition: { actorId: actor.id }, requestUrl: 'http://127.0.0.1:9/' });
      return isPage(await emu.api.get(`/v2/webhooks/${webhook.id}/dispatches`));
    },
    correct: true,
    faulty: false,
  },
  'dispatches-of-other-users-listed': {
    observe: (emu) => afterFiring(emu, {}, async () => dataOf<{ total: number }>(await emu.api2.get('/v2/webhook-dispatches')).total),
    correct: 0,
    faulty: 1,
  },
  'dispatch-status-lowercase': {
    observe: (emu) =>
      afterFiring(
        emu,
        { until: (dispatches) => dispatches.some((d) => d.status.toUpperCase() === 'SUCCEEDED') },
        async ([dispatch]) => dataOf<{ status: string }>(await emu.api.get(`/v2/webhook-dispatches/${String(dispatch?.id)}`)).status,
      ),
    correct: 'SUCCEEDED',
    faulty: 'succeeded',
  },
  'log-as-json': {
    async observe(emu) {
      const { actor } = await createBuiltActor(emu, 'scripted');
      const run = await runToEnd(emu, actor.id, { input: {} });
      return (await emu.api.get(`/v2/logs/${run.id}`)).headers['content-type']?.split(';')[0];
    },
    correct: 'text/plain',
    faulty: 'application/json',
  },
  'log-stream-ignored': {
    async observe(emu) {
      const { actor } = await createBuiltActor(emu, 'scripted');
      const run = dataOf<Run>(await emu.api.post(`/v2/acts/${actor.id}/runs`, { sleepMs: 800 }), 201);
      await emu.api.get(`/v2/logs/${run.id}`, { stream: 1 });
      // The stream ends with the run: right after it, the run has ended (a stream cut short finds it READY or RUNNING).
      return ['READY', 'RUNNING'].includes(dataOf<Run>(await emu.api.get(`/v2/actor-runs/${run.id}`)).status) ? 'still going' : 'ended';
    },
    correct: 'ended',
    faulty: 'still going',
  },
  'user-public-data-leaks-private': {
    async observe(emu) {
      return 'email' in dataOf<Json>(await emu.api2.get(`/v2/users/${emu.user.username}`));
    },
    correct: false,
    faulty: true,
  },
  'users-me-is-first-user': {
    async observe(emu) {
      return dataOf<{ username: string }>(await emu.api2.get('/v2/users/me')).username;
    },
    correct: 'test-user-two',
    faulty: 'test-user-one',
  },
} satisfies Partial<ProbeTable>;
