// Runs (spec/01-actors.apib#run-collection, #run-object): start with the body stored as INPUT, timeout and memory
// really enforced, exit code deciding SUCCEEDED or FAILED, the paginated list, and resurrect.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import {
  createBuiltActor,
  createSourceActor,
  getDatasetItems,
  getJsonRecord,
  getRecord,
  isForwardOnly,
  observeStatuses,
  runToEnd,
  startRun,
  waitForJob,
  waitForPid,
  waitForProcessExit,
} from './helpers/fixtures.ts';
import { ID_PATTERN, ISO_DATE_PATTERN } from './helpers/formats.ts';
import { dataOf, expectApiError } from './helpers/http.ts';
import type { Actor, Build, Page, Run, ScriptedOutput } from './helpers/types.ts';

let emu: TestEmulator;
let actor: Actor;
let build: Build;

beforeAll(async () => {
  emu = await startTestEmulator();
  ({ actor, build } = await createBuiltActor(emu, 'scripted'));
});
afterAll(async () => {
  await emu?.close();
});

describe('runs: start', () => {
  test('POST /v2/acts/{id}/runs answers 201 with a Location header and the run object', async () => {
    const before = Date.now();
    const res = await emu.api.post(`/v2/acts/${actor.id}/runs`, { hello: 'world' });
    const run = dataOf<Run>(res, 201);
    expect(res.headers.location, `${res.request} should send a Location header`).toContain(run.id);
    expect(run.id).toMatch(ID_PATTERN);
    expect(run.actId).toBe(actor.id);
    expect(run.userId).toBe(actor.userId);
    expect(run.buildId).toBe(build.id);
    expect(run.defaultKeyValueStoreId).toMatch(ID_PATTERN);
    expect(run.defaultDatasetId).toMatch(ID_PATTERN);
    expect(run.defaultRequestQueueId).toMatch(ID_PATTERN);
    expect(typeof run.meta.origin).toBe('string');
    expect(typeof run.stats).toBe('object');
    expect(run.startedAt).toMatch(ISO_DATE_PATTERN);
    expect(Math.abs(Date.parse(run.startedAt) - before), 'startedAt is the real start time').toBeLessThan(10_000);
    expect(['READY', 'RUNNING']).toContain(run.status);
    expect(run.finishedAt, 'a run that has not finished has finishedAt null').toBeNull();
    await waitForJob<Run>(emu, 'run', run.id);
  });

  test('statuses only move forward, READY -> RUNNING -> SUCCEEDED, with exitCode 0 and real timestamps', async () => {
    const run = await startRun(emu, actor.id, { input: { sleepMs: 1500 } });
    const statuses = await observeStatuses(emu, 'run', run.id);
    expect(isForwardOnly([run.status, ...statuses].filter((s, i, all) => i === 0 || all[i - 1] !== s)), `observed ${statuses.join(' -> ')}`).toBe(true);
    expect(statuses, 'a run that sleeps 1.5 s is seen RUNNING').toContain('RUNNING');
    expect(statuses.at(-1)).toBe('SUCCEEDED');
    const done = dataOf<Run>(await emu.api.get(`/v2/actor-runs/${run.id}`));
    expect(done.exitCode).toBe(0);
    expect(done.finishedAt).toMatch(ISO_DATE_PATTERN);
    const durationMs = Date.parse(done.finishedAt ?? '') - Date.parse(done.startedAt);
    expect(durationMs, 'the run lasted at least as long as the actor slept').toBeGreaterThanOrEqual(1400);
  });

  test('the JSON body and its Content-Type are stored as the INPUT record of the default store', async () => {
    const input = { text: 'žluťoučký kůň', nested: { list: [1, 2, 3] } };
    const run = await startRun(emu, actor.id, { input });
    const record = await getRecord(emu, run.defaultKeyValueStoreId, 'INPUT');
    expect(record.status).toBe(200);
    expect(record.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(record.text)).toEqual(input);
    await waitForJob<Run>(emu, 'run', run.id);
    expect((await getJsonRecord<ScriptedOutput>(emu, run.defaultKeyValueStoreId, 'OUTPUT')).input).toEqual(input);
  });

  test('a non-JSON body is stored verbatim with its own Content-Type', async () => {
    const res = await emu.api.send({
      method: 'POST',
      path: `/v2/acts/${actor.id}/runs`,
      body: 'plain text input\n',
      headers: { 'content-type': 'text/plain' },
    });
    const run = dataOf<Run>(res, 201);
    const record = await getRecord(emu, run.defaultKeyValueStoreId, 'INPUT');
    expect(record.headers['content-type']).toMatch(/^text\/plain/);
    expect(record.text).toBe('plain text input\n');
    await waitForJob<Run>(emu, 'run', run.id);
  });

  test('timeout and memory are taken from the query and shown in the run options', async () => {
    const run = await startRun(emu, actor.id, { input: {}, query: { timeout: 120, memory: 512 } });
    expect(run.options).toMatchObject({ timeoutSecs: 120, memoryMbytes: 512 });
    await waitForJob<Run>(emu, 'run', run.id);
  });

  test('items the actor pushes land in the run default dataset', async () => {
    const items = [{ n: 1 }, { n: 2, tag: 'two' }];
    const run = await runToEnd(emu, actor.id, { input: { items } });
    expect(run.status).toBe('SUCCEEDED');
    expect(await getDatasetItems(emu, run.defaultDatasetId)).toEqual(items);
  });

  test('starting a run of an actor with no successful build is refused with unknown-build-tag', async () => {
    const unbuilt = await createSourceActor(emu.api, 'trivial');
    expectApiError(await emu.api.post(`/v2/acts/${unbuilt.id}/runs`, {}), [400, 404], 'unknown-build-tag');
    expectApiError(await emu.api.post(`/v2/acts/${actor.id}/runs`, {}, { build: 'no-such-tag' }), [400, 404], 'unknown-build-tag');
    expect(dataOf<Page<Run>>(await emu.api.get(`/v2/acts/${unbuilt.id}/runs`)).total).toBe(0);
  });
});

describe('runs: the exit code and limits decide the end', () => {
  test('a non-zero exit code ends the run FAILED with that exitCode', async () => {
    const run = await runToEnd(emu, actor.id, { input: { exitCode: 3 } });
    expect(run.status).toBe('FAILED');
    expect(run.exitCode).toBe(3);
  });

  test('an uncaught error ends the run FAILED', async () => {
    const run = await runToEnd(emu, actor.id, { input: { throwError: 'deliberate failure' } });
    expect(run.status).toBe('FAILED');
    expect(run.exitCode).not.toBe(0);
  });

  test('the timeout is enforced: the run ends TIMED-OUT and its process is stopped', async () => {
    const run = await startRun(emu, actor.id, { input: { sleepMs: 120_000, recordPid: true }, query: { timeout: 1 } });
    const pid = await waitForPid(emu, run);
    const done = await waitForJob<Run>(emu, 'run', run.id);
    expect(done.status).toBe('TIMED-OUT');
    const durationMs = Date.parse(done.finishedAt ?? '') - Date.parse(done.startedAt);
    expect(durationMs, 'the run lasted about its 1 s timeout').toBeGreaterThanOrEqual(900);
    expect(durationMs, 'the run lasted about its 1 s timeout, not the 120 s sleep').toBeLessThan(20_000);
    expect(await waitForProcessExit(pid), `actor process ${pid} should be stopped`).toBe(true);
  });

  test('the memory limit is enforced: an actor that needs more heap than its memory fails', async () => {
    const run = await runToEnd(emu, actor.id, { input: { allocateMb: 512 }, query: { memory: 128 } });
    expect(run.status, 'an actor that keeps 512 MB alive under a 128 MB limit must not succeed').toBe('FAILED');
  });

  test('the same actor succeeds when its memory is large enough', async () => {
    const run = await runToEnd(emu, actor.id, { input: { allocateMb: 64 }, query: { memory: 1024 } });
    expect(run.status).toBe('SUCCEEDED');
    expect((await getJsonRecord<ScriptedOutput>(emu, run.defaultKeyValueStoreId, 'OUTPUT')).retainedMb).toBe(64);
  });
});

describe('runs: get and list', () => {
  test('a run is the same object under /v2/actor-runs/{id} and /v2/acts/{actorId}/runs/{id}', async () => {
    const run = await runToEnd(emu, actor.id, { input: {} });
    const viaActor = dataOf<Run>(await emu.api.get(`/v2/acts/${actor.id}/runs/${run.id}`));
    const viaRuns = dataOf<Run>(await emu.api.get(`/v2/actor-runs/${run.id}`));
    expect(viaActor).toEqual(viaRuns);
  });

  test('the list is paginated and sorted by startedAt; desc reverses it', async () => {
    const { actor: listed } = await createBuiltActor(emu, 'trivial');
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await runToEnd(emu, listed.id)).id);
    const page = dataOf<Page<Run>>(await emu.api.get(`/v2/acts/${listed.id}/runs`));
    expect(page).toMatchObject({ total: 3, offset: 0, limit: 1000, desc: false, count: 3 });
    expect(page.items.map((item) => item.id)).toEqual(ids);
    for (const item of page.items) {
      expect(item).toMatchObject({ status: 'SUCCEEDED' });
      expect(item.buildId).toMatch(ID_PATTERN);
      expect(item.startedAt).toMatch(ISO_DATE_PATTERN);
      expect(item.finishedAt).toMatch(ISO_DATE_PATTERN);
      expect(item.defaultKeyValueStoreId).toMatch(ID_PATTERN);
      expect(item.defaultDatasetId).toMatch(ID_PATTERN);
      expect(item.defaultRequestQueueId).toMatch(ID_PATTERN);
    }
    const descending = dataOf<Page<Run>>(await emu.api.get(`/v2/acts/${listed.id}/runs`, { desc: 1 }));
    expect(descending.items.map((item) => item.id)).toEqual([...ids].reverse());
    const pages: string[] = [];
    for (let offset = 0; offset < 3; offset += 2) {
      const part = dataOf<Page<Run>>(await emu.api.get(`/v2/acts/${listed.id}/runs`, { offset, limit: 2 }));
      expect(part).toMatchObject({ total: 3, offset, limit: 2, count: Math.min(2, 3 - offset) });
      pages.push(...part.items.map((item) => item.id));
    }
    expect(pages).toEqual(ids);
  });

  test('an unknown run id is 404 record-not-found', async () => {
    expectApiError(await emu.api.get('/v2/actor-runs/NoSuchRunId000000'), 404, 'record-not-found');
    expectApiError(await emu.api.get(`/v2/acts/${actor.id}/runs/NoSuchRunId000000`), 404, 'record-not-found');
  });
});

describe('runs: resurrect', () => {
  test('resurrecting a finished run restarts the same run id with the same storages', async () => {
    const first = await runToEnd(emu, actor.id, { input: { items: [{ round: 1 }] } });
    expect(first.status).toBe('SUCCEEDED');
    const res = await emu.api.post(`/v2/actor-runs/${first.id}/resurrect`);
    const resurrected = dataOf<Run>(res);
    expect(resurrected.id).toBe(first.id);
    expect(resurrected.defaultKeyValueStoreId).toBe(first.defaultKeyValueStoreId);
    expect(resurrected.defaultDatasetId).toBe(first.defaultDatasetId);
    expect(['READY', 'RUNNING', 'SUCCEEDED']).toContain(resurrected.status);
    const done = await waitForJob<Run>(emu, 'run', first.id);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.stats.resurrectCount).toBe(1);
    expect(await getDatasetItems(emu, first.defaultDatasetId), 'the second pass pushes to the same dataset').toEqual([{ round: 1 }, { round: 1 }]);
  });
});
