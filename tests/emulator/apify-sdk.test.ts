// Actors that use the apify SDK (emulator/README.md "Builds and runs": a fixture actor's main.js must run unmodified
// here and on the real platform; it may import the apify SDK, and the emulator provides what that import needs).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { createBuiltActor, getDatasetItems, getJsonRecord, getRecord, runToEnd, startRun, waitForJob, waitForPid } from './helpers/fixtures.ts';
import type { Actor } from './helpers/types.ts';

let emu: TestEmulator;
let actor: Actor;

beforeAll(async () => {
  emu = await startTestEmulator();
  ({ actor } = await createBuiltActor(emu, 'apify-sdk'));
});
afterAll(async () => {
  await emu?.close();
});

describe('apify SDK actors', () => {
  test('Actor.init/getInput/pushData/setValue/getValue/exit work against the run storages', async () => {
    const items = [{ page: 1 }, { page: 2 }];
    const run = await runToEnd(emu, actor.id, { input: { name: 'emulator', items } });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.exitCode).toBe(0);
    expect(await getJsonRecord(emu, run.defaultKeyValueStoreId, 'OUTPUT')).toEqual({ received: { name: 'emulator', items }, greeting: 'Hello, emulator!' });
    const note = await getRecord(emu, run.defaultKeyValueStoreId, 'NOTE');
    expect(note.headers['content-type']).toMatch(/^text\/plain/);
    expect(note.text).toBe('written through the SDK');
    expect(await getDatasetItems(emu, run.defaultDatasetId)).toEqual(items);
  });

  test('after a metamorph, Actor.getInput reads INPUT-METAMORPH-1', async () => {
    const { actor: sleeper } = await createBuiltActor(emu, 'scripted');
    const run = await startRun(emu, sleeper.id, { input: { sleepMs: 120_000, recordPid: true } });
    await waitForPid(emu, run);
    const res = await emu.api.post(`/v2/actor-runs/${run.id}/metamorph`, { name: 'metamorphosed' }, { targetActorId: actor.id });
    expect(res.status, `${res.request} answered ${res.status}: ${res.text.slice(0, 300)}`).toBe(200);
    expect((await waitForJob(emu, 'run', run.id)).status).toBe('SUCCEEDED');
    expect(await getJsonRecord(emu, run.defaultKeyValueStoreId, 'OUTPUT')).toMatchObject({ greeting: 'Hello, metamorphosed!' });
  });
});
