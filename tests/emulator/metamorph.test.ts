// Metamorph (spec/01-actors.apib#metamorph-run; emulator/README.md "Builds and runs"): the same run id goes on with the
// target actor's code, the new input is stored as INPUT-METAMORPH-1 in the same default store, metamorphs[] grows, and a
// finished run cannot be metamorphed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import {
  buildActor,
  createBuiltActor,
  createSourceActor,
  getJsonRecord,
  getRecord,
  runToEnd,
  startRun,
  waitForJob,
  waitForPid,
  waitForProcessExit,
} from './helpers/fixtures.ts';
import { ISO_DATE_PATTERN } from './helpers/formats.ts';
import { dataOf, expectApiError } from './helpers/http.ts';
import type { Actor, Build, Run, ScriptedOutput } from './helpers/types.ts';

let emu: TestEmulator;
let source: Actor;
let target: Actor;
let targetBuild: Build;

beforeAll(async () => {
  emu = await startTestEmulator();
  [{ actor: source }, { actor: target, build: targetBuild }] = await Promise.all([createBuiltActor(emu, 'scripted'), createBuiltActor(emu, 'scripted')]);
});
afterAll(async () => {
  await emu?.close();
});

async function startLongRun(): Promise<{ run: Run; pid: number }> {
  const run = await startRun(emu, source.id, { input: { phase: 'before', sleepMs: 120_000, recordPid: true } });
  return { run, pid: await waitForPid(emu, run) };
}

describe('metamorph: a running run becomes a run of the target actor', () => {
  test('the answer is the same run with one metamorphs[] entry; the target code runs on the new input', async () => {
    const { run, pid } = await startLongRun();
    const res = await emu.api.post(`/v2/actor-runs/${run.id}/metamorph`, { phase: 'after' }, { targetActorId: target.id });
    const morphed = dataOf<Run>(res);
    expect(morphed.id, 'metamorph keeps the run id').toBe(run.id);
    expect(morphed.defaultKeyValueStoreId).toBe(run.defaultKeyValueStoreId);
    expect(morphed.defaultDatasetId).toBe(run.defaultDatasetId);
    expect(['READY', 'RUNNING']).toContain(morphed.status);
    expect(morphed.metamorphs).toHaveLength(1);
    const [entry] = morphed.metamorphs ?? [];
    expect(entry).toMatchObject({ actorId: target.id, buildId: targetBuild.id, inputKey: 'INPUT-METAMORPH-1' });
    expect(entry.createdAt).toMatch(ISO_DATE_PATTERN);

    expect(await waitForProcessExit(pid), `the source actor's process ${pid} should be stopped`).toBe(true);
    const done = await waitForJob<Run>(emu, 'run', run.id);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.metamorphs).toHaveLength(1);

    const output = await getJsonRecord<ScriptedOutput>(emu, run.defaultKeyValueStoreId, 'OUTPUT');
    expect(output.inputKey, 'the target reads its input from INPUT-METAMORPH-1').toBe('INPUT-METAMORPH-1');
    expect(output.input).toEqual({ phase: 'after' });
  });

  test('INPUT keeps the original input and INPUT-METAMORPH-1 holds the new one with its content type', async () => {
    const { run } = await startLongRun();
    dataOf<Run>(await emu.api.post(`/v2/actor-runs/${run.id}/metamorph`, { phase: 'after' }, { targetActorId: target.id }));
    await waitForJob<Run>(emu, 'run', run.id);
    expect(await getJsonRecord(emu, run.defaultKeyValueStoreId, 'INPUT')).toEqual({ phase: 'before', sleepMs: 120_000, recordPid: true });
    const newInput = await getRecord(emu, run.defaultKeyValueStoreId, 'INPUT-METAMORPH-1');
    expect(newInput.status).toBe(200);
    expect(newInput.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(newInput.text)).toEqual({ phase: 'after' });
  });

  test('the documented path /v2/acts/{actorId}/runs/{runId}/metamorph works, and build picks the target build', async () => {
    const beta = await buildActor(emu, target.id, { tag: 'beta' });
    const { run } = await startLongRun();
    const morphed = dataOf<Run>(
      await emu.api.post(`/v2/acts/${source.id}/runs/${run.id}/metamorph`, { phase: 'beta' }, { targetActorId: target.id, build: 'beta' }),
    );
    expect(morphed.metamorphs?.[0]).toMatchObject({ actorId: target.id, buildId: beta.id });
    expect((await waitForJob<Run>(emu, 'run', run.id)).status).toBe('SUCCEEDED');
  });

  test('a run can metamorph into the same actor', async () => {
    const { run } = await startLongRun();
    const morphed = dataOf<Run>(await emu.api.post(`/v2/actor-runs/${run.id}/metamorph`, { phase: 'self' }, { targetActorId: source.id }));
    expect(morphed.metamorphs?.[0]?.actorId).toBe(source.id);
    expect((await waitForJob<Run>(emu, 'run', run.id)).status).toBe('SUCCEEDED');
    expect((await getJsonRecord<ScriptedOutput>(emu, run.defaultKeyValueStoreId, 'OUTPUT')).input).toEqual({ phase: 'self' });
  });
});

describe('metamorph: refusals leave the run as it was', () => {
  test('a finished run cannot be metamorphed: 4xx saying it has already finished', async () => {
    const run = await runToEnd(emu, source.id, { input: {} });
    const error = expectApiError(await emu.api.post(`/v2/actor-runs/${run.id}/metamorph`, {}, { targetActorId: target.id }), [400, 409]);
    expect(error.message).toMatch(/finished/i);
    const after = dataOf<Run>(await emu.api.get(`/v2/actor-runs/${run.id}`));
    expect(after.status).toBe('SUCCEEDED');
    expect(after.metamorphs ?? []).toEqual([]);
  });

  test('targetActorId is required (400), an unknown target is 404, a target without a build is refused', async () => {
    const { run, pid } = await startLongRun();
    expectApiError(await emu.api.post(`/v2/actor-runs/${run.id}/metamorph`, {}), 400);
    expectApiError(await emu.api.post(`/v2/actor-runs/${run.id}/metamorph`, {}, { targetActorId: 'NoSuchActorId0000' }), 404);
    const unbuilt = await createSourceActor(emu.api, 'trivial');
    expectApiError(await emu.api.post(`/v2/actor-runs/${run.id}/metamorph`, {}, { targetActorId: unbuilt.id }), [400, 404]);
    const still = dataOf<Run>(await emu.api.get(`/v2/actor-runs/${run.id}`));
    expect(still.status).toBe('RUNNING');
    expect(still.metamorphs ?? []).toEqual([]);
    expect((await getRecord(emu, run.defaultKeyValueStoreId, 'INPUT-METAMORPH-1')).status).toBe(404);
    dataOf<Run>(await emu.api.post(`/v2/actor-runs/${run.id}/abort`));
    await waitForJob<Run>(emu, 'run', run.id);
    expect(await waitForProcessExit(pid)).toBe(true);
  });

  test('metamorph needs a token', async () => {
    const { run } = await startLongRun();
    expectApiError(await emu.api.anonymous().post(`/v2/actor-runs/${run.id}/metamorph`, {}, { targetActorId: target.id }), 401, 'token-not-provided');
    dataOf<Run>(await emu.api.post(`/v2/actor-runs/${run.id}/abort`));
    await waitForJob<Run>(emu, 'run', run.id);
  });
});
