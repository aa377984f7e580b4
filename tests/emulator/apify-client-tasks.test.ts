// The official JavaScript client (apify-client) against the emulator beyond actors: it creates a task and calls it with
// an input that overrides the task input, reads the dispatch a webhook made for that run, and streams a run's log
// while the run runs.
import { ApifyClient } from 'apify-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { createBuiltActor, getJsonRecord, uniqueName } from './helpers/fixtures.ts';
import { type Receiver, startReceiver } from './helpers/receiver.ts';
import type { ScriptedOutput } from './helpers/types.ts';

let emu: TestEmulator;
let client: ApifyClient;
let receiver: Receiver;

beforeAll(async () => {
  emu = await startTestEmulator();
  receiver = await startReceiver();
  client = new ApifyClient({ baseUrl: emu.url, token: emu.user.token, maxRetries: 2, minDelayBetweenRetriesMillis: 100 });
});
afterAll(async () => {
  await receiver?.close();
  await emu?.close();
});

describe('apify-client: tasks, webhook dispatches and logs', () => {
  test('a task called with an input runs the actor with the task input overridden key by key, and its webhook dispatch reads back', async () => {
    const { actor } = await createBuiltActor(emu, 'scripted');
    const task = await client.tasks().create({ actId: actor.id, name: uniqueName('task'), input: { kept: 'task', replaced: 'task' } });
    const webhook = await client.webhooks().create({
      eventTypes: ['ACTOR.RUN.SUCCEEDED'] as never,
      condition: { actorTaskId: task.id },
      requestUrl: receiver.url,
    });

    const run = await client.task(task.id).call({ replaced: 'run' });
    expect(run.status).toBe('SUCCEEDED');
    expect((run as { actorTaskId?: string }).actorTaskId).toBe(task.id);
    expect(await getJsonRecord(emu, run.defaultKeyValueStoreId, 'INPUT')).toEqual({ kept: 'task', replaced: 'run' });
    const output = await client.keyValueStore(run.defaultKeyValueStoreId).getRecord('OUTPUT');
    expect((output?.value as unknown as ScriptedOutput | undefined)?.input).toEqual({ kept: 'task', replaced: 'run' });

    await receiver.waitForCalls(1);
    const { items } = await client.webhook(webhook.id).dispatches().list();
    expect(items).toHaveLength(1);
    const dispatch = await client.webhookDispatch(items[0]!.id).get();
    expect(dispatch?.status).toBe('SUCCEEDED');
    expect(dispatch?.eventType).toBe('ACTOR.RUN.SUCCEEDED');
    expect((dispatch?.eventData as { actorRunId?: string } | undefined)?.actorRunId).toBe(run.id);
    const payload = JSON.parse(receiver.calls[0]!.body) as { resource: { id: string } };
    expect(payload.resource.id).toBe(run.id);
  });

  test("a run's log streams while the run runs and the stream ends with the run", async () => {
    const { actor } = await createBuiltActor(emu, 'scripted');
    // The scripted actor prints only when it fails: a thrown error after the wait puts a line into the log.
    const run = await client.actor(actor.id).start({ sleepMs: 700, throwError: 'streamed failure' });
    const stream = await client.log(run.id).stream();
    expect(stream).toBeDefined();
    let text = '';
    for await (const chunk of stream!) text += Buffer.from(chunk as Uint8Array).toString('utf8');
    const ended = await client.run(run.id).get();
    expect(ended?.status).toBe('FAILED');
    expect(text).toContain('streamed failure');
    expect(await client.log(run.id).get()).toBe(text);
  });
});
