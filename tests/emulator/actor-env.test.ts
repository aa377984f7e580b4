// What a running actor sees (docs/ARCHITECTURE.md "What a running actor sees"): the documented APIFY_* variables
// and their ACTOR_* twins, with values that match the run, and a Node heap limit that follows the run's memory.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { createBuiltActor, getJsonRecord, runToEnd } from './helpers/fixtures.ts';
import { ISO_DATE_PATTERN } from './helpers/formats.ts';
import type { Actor, Build, EnvDump, Run } from './helpers/types.ts';

let emu: TestEmulator;
let actor: Actor;
let build: Build;
let run: Run;
let env: Record<string, string>;
let heapLimitMb: number;

const MEMORY_MBYTES = 256;
const TIMEOUT_SECS = 300;

beforeAll(async () => {
  emu = await startTestEmulator();
  ({ actor, build } = await createBuiltActor(emu, 'env-dump'));
  run = await runToEnd(emu, actor.id, { query: { memory: MEMORY_MBYTES, timeout: TIMEOUT_SECS } });
  expect(run.status, `the env-dump run should succeed`).toBe('SUCCEEDED');
  ({ env, heapLimitMb } = await getJsonRecord<EnvDump>(emu, run.defaultKeyValueStoreId, 'OUTPUT'));
});
afterAll(async () => {
  await emu?.close();
});

describe('actor environment: the documented variables', () => {
  test('the API location and the token of the run owner are given', () => {
    expect(env.APIFY_API_BASE_URL).toBe(emu.url);
    expect(env.APIFY_API_PUBLIC_BASE_URL).toMatch(/^https?:\/\//);
    expect(env.APIFY_TOKEN).toBe(emu.user.token);
    expect(env.APIFY_IS_AT_HOME).toBe('1');
  });

  test('the ids of the run, actor, build, user and default storages match the run object', () => {
    expect(env).toMatchObject({
      APIFY_ACTOR_RUN_ID: run.id,
      APIFY_ACTOR_ID: actor.id,
      APIFY_ACTOR_BUILD_ID: build.id,
      APIFY_USER_ID: run.userId,
      APIFY_DEFAULT_KEY_VALUE_STORE_ID: run.defaultKeyValueStoreId,
      APIFY_DEFAULT_DATASET_ID: run.defaultDatasetId,
      APIFY_DEFAULT_REQUEST_QUEUE_ID: run.defaultRequestQueueId,
      APIFY_INPUT_KEY: 'INPUT',
    });
  });

  test('memory and timeout follow the run options', () => {
    expect(env.APIFY_MEMORY_MBYTES).toBe(String(MEMORY_MBYTES));
    expect(env.APIFY_TIMEOUT_AT).toMatch(ISO_DATE_PATTERN);
    const expectedTimeoutAt = Date.parse(run.startedAt) + TIMEOUT_SECS * 1000;
    expect(Math.abs(Date.parse(env.APIFY_TIMEOUT_AT) - expectedTimeoutAt), 'APIFY_TIMEOUT_AT = start + timeout').toBeLessThan(10_000);
  });

  test('the ACTOR_* twins carry the same values', () => {
    const twins: Array<[string, string]> = [
      ['ACTOR_DEFAULT_KEY_VALUE_STORE_ID', 'APIFY_DEFAULT_KEY_VALUE_STORE_ID'],
      ['ACTOR_DEFAULT_DATASET_ID', 'APIFY_DEFAULT_DATASET_ID'],
      ['ACTOR_INPUT_KEY', 'APIFY_INPUT_KEY'],
      ['ACTOR_RUN_ID', 'APIFY_ACTOR_RUN_ID'],
      ['ACTOR_ID', 'APIFY_ACTOR_ID'],
      ['ACTOR_BUILD_ID', 'APIFY_ACTOR_BUILD_ID'],
      ['ACTOR_MEMORY_MBYTES', 'APIFY_MEMORY_MBYTES'],
      ['ACTOR_TIMEOUT_AT', 'APIFY_TIMEOUT_AT'],
    ];
    for (const [twin, original] of twins) {
      expect(env[twin], `${twin} should equal ${original}`).toBe(env[original]);
      expect(env[twin], `${twin} should be set`).toBeTruthy();
    }
  });

  test("the Node heap limit follows the run's memory (through NODE_OPTIONS)", () => {
    expect(env.NODE_OPTIONS, 'NODE_OPTIONS carries the memory limit').toBeTruthy();
    expect(heapLimitMb, `heap limit ${heapLimitMb} MB for a ${MEMORY_MBYTES} MB run`).toBeLessThanOrEqual(MEMORY_MBYTES * 1.5);
  });

  test('another memory setting gives another limit', async () => {
    const bigger = await runToEnd(emu, actor.id, { query: { memory: 2048 } });
    const dump = await getJsonRecord<EnvDump>(emu, bigger.defaultKeyValueStoreId, 'OUTPUT');
    expect(dump.env.APIFY_MEMORY_MBYTES).toBe('2048');
    expect(dump.heapLimitMb).toBeGreaterThan(heapLimitMb);
    expect(dump.heapLimitMb).toBeLessThanOrEqual(2048 * 1.5);
  });
});
