// The official JavaScript client against the emulator (emulator/README.md "What it serves"): apify-client 2.25.0 used
// as a user would: create an actor with a version, build it, call() it and read its OUTPUT and dataset, list runs page
// by page, abort a long run, metamorph a run. The client's own conventions (Bearer token, /v2/actors paths, 1/0
// booleans, brotli bodies, waitForFinish=999999 loops, 404 record-not-found -> undefined) are exercised along the way.
import { ActorSourceType, ApifyClient } from 'apify-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { sourceFilesOf, uniqueName, waitForPid } from './helpers/fixtures.ts';
import type { Run, ScriptedOutput } from './helpers/types.ts';

let emu: TestEmulator;
let client: ApifyClient;

beforeAll(async () => {
  emu = await startTestEmulator();
  // Few, quick retries: a failure should show up as a failure, not hide behind minutes of backoff.
  client = new ApifyClient({ baseUrl: emu.url, token: emu.user.token, maxRetries: 2, minDelayBetweenRetriesMillis: 100 });
});
afterAll(async () => {
  await emu?.close();
});

async function createAndBuild(name: string, source: 'scripted' | 'trivial' = 'scripted') {
  const actor = await client.actors().create({
    name,
    title: `Test actor ${name}`,
    versions: [{ versionNumber: '0.0', sourceType: ActorSourceType.SourceFiles, buildTag: 'latest', sourceFiles: sourceFilesOf(source) }],
  });
  const started = await client.actor(actor.id).build('0.0');
  const build = await client.build(started.id).waitForFinish();
  return { actor, build };
}

describe('apify-client: the whole lifecycle', () => {
  test('create an actor with a version, build it, call() it, read its OUTPUT and dataset items', async () => {
    const name = uniqueName('client');
    const { actor, build } = await createAndBuild(name);
    expect(actor.name).toBe(name);
    expect(actor.versions.map((version) => version.versionNumber)).toEqual(['0.0']);
    expect(build.status).toBe('SUCCEEDED');
    expect(build.finishedAt, 'the client turns *At fields into dates').toBeInstanceOf(Date);

    const items = [{ url: 'https://example.com/1' }, { url: 'https://example.com/2' }];
    const run = await client.actor(actor.id).call({ marker: 'call', items });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.buildId).toBe(build.id);

    const output = await client.keyValueStore(run.defaultKeyValueStoreId).getRecord('OUTPUT');
    expect(output?.contentType).toMatch(/^application\/json/);
    expect((output?.value as unknown as ScriptedOutput | undefined)?.input).toEqual({ marker: 'call', items });

    const listed = await client.dataset(run.defaultDatasetId).listItems();
    expect(listed.items).toEqual(items);
    expect(listed.total).toBe(2);
  });

  test('the actor is found by username/name and by id; an unknown actor reads as undefined', async () => {
    const name = uniqueName('lookup');
    const { actor } = await createAndBuild(name, 'trivial');
    expect((await client.actor(`${emu.user.username}/${name}`).get())?.id).toBe(actor.id);
    expect((await client.actor(actor.id).get())?.name).toBe(name);
    expect(await client.actor('NoSuchActorId0000').get()).toBeUndefined();
    expect(await client.run('NoSuchRunId000000').get()).toBeUndefined();
  });

  test('update and versions work through the client', async () => {
    const { actor } = await createAndBuild(uniqueName('update'), 'trivial');
    const updated = await client.actor(actor.id).update({ description: 'updated by apify-client' });
    expect(updated.description).toBe('updated by apify-client');
    expect(updated.name).toBe(actor.name);
    const version = await client.actor(actor.id).version('0.0').get();
    expect(version?.sourceType).toBe('SOURCE_FILES');
    const versions = await client.actor(actor.id).versions().list();
    expect(versions.total).toBe(1);
  });

  test('an input of more than 1 KB (which the client compresses) arrives intact', async () => {
    const { actor } = await createAndBuild(uniqueName('big-input'));
    const input = { marker: 'big', padding: 'p'.repeat(20_000) };
    const run = await client.actor(actor.id).call(input, { log: null });
    expect(run.status).toBe('SUCCEEDED');
    const stored = await client.keyValueStore(run.defaultKeyValueStoreId).getRecord('INPUT');
    expect(stored?.value).toEqual(input);
  });
});

describe('apify-client: runs', () => {
  test('runs are listed page by page with offset and limit, in start order, with the right total', async () => {
    const { actor } = await createAndBuild(uniqueName('pages'), 'trivial');
    const started: string[] = [];
    for (let i = 0; i < 5; i += 1) started.push((await client.actor(actor.id).start()).id);
    for (const id of started) await client.run(id).waitForFinish();

    const seen: string[] = [];
    for (let offset = 0; ; offset += 2) {
      const page = await client.actor(actor.id).runs().list({ offset, limit: 2 });
      expect(page.total).toBe(5);
      expect(page.count).toBe(page.items.length);
      seen.push(...page.items.map((item) => item.id));
      if (page.items.length < 2) break;
    }
    expect(seen).toEqual(started);
    const descending = await client.actor(actor.id).runs().list({ desc: true });
    expect(descending.items.map((item) => item.id)).toEqual([...started].reverse());
  });

  test('a long run is aborted', async () => {
    const { actor } = await createAndBuild(uniqueName('abort'));
    const run = await client.actor(actor.id).start({ sleepMs: 120_000, recordPid: true });
    await waitForPid(emu, run);
    const aborting = await client.run(run.id).abort();
    expect(['ABORTING', 'ABORTED']).toContain(aborting.status);
    const finished = await client.run(run.id).waitForFinish();
    expect(finished.status).toBe('ABORTED');
  });

  test('a running run is metamorphed into another actor and finishes as that actor', async () => {
    const [{ actor: source }, { actor: target, build: targetBuild }] = await Promise.all([
      createAndBuild(uniqueName('morph-from')),
      createAndBuild(uniqueName('morph-to')),
    ]);
    const run = await client.actor(source.id).start({ sleepMs: 120_000, recordPid: true });
    await waitForPid(emu, run);
    const morphed = await client.run(run.id).metamorph(target.id, { phase: 'after-metamorph' });
    expect(morphed.id).toBe(run.id);
    // apify-client's ActorRun type has no metamorphs; the API object does (spec/ERRATA.md row 13).
    const { metamorphs } = morphed as unknown as Pick<Run, 'metamorphs'>;
    expect(metamorphs?.map((entry) => [entry.actorId, entry.buildId, entry.inputKey])).toEqual([[target.id, targetBuild.id, 'INPUT-METAMORPH-1']]);
    const finished = await client.run(run.id).waitForFinish();
    expect(finished.status).toBe('SUCCEEDED');
    const output = await client.keyValueStore(run.defaultKeyValueStoreId).getRecord('OUTPUT');
    expect(output?.value).toMatchObject({ input: { phase: 'after-metamorph' }, inputKey: 'INPUT-METAMORPH-1' });
  });

  test('waitForFinish with waitSecs returns the running run once the time is up', async () => {
    const { actor } = await createAndBuild(uniqueName('wait-secs'));
    const run = await client.actor(actor.id).start({ sleepMs: 120_000 });
    const stillRunning = await client.run(run.id).waitForFinish({ waitSecs: 1 });
    expect(['READY', 'RUNNING']).toContain(stillRunning.status);
    await client.run(run.id).abort();
    expect((await client.run(run.id).waitForFinish()).status).toBe('ABORTED');
  });
});
