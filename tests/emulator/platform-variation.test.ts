// The platform variation (EMULATOR_VARIATIONS=platform): the emulator answers the way the live platform does. Builds
// take seconds, runs wait READY for a worker, an abort answers ABORTING and ends ABORTED a second later, jobs hold
// memory under a quota (402), runs and builds carry the platform's members, every answer names its rate limit, and an
// unknown actor or key-value store answers record-or-token-not-found. The second wait cap (EMULATOR_RUN_SYNC_MAX_WAIT_SECS) is a setting
// of its own, shown on an emulator without the variation, which also keeps the documented behaviour.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PLATFORM_ABORTING_MS, PLATFORM_BUILD_MS, PLATFORM_READY_MS } from '../../emulator/variations/catalogue.ts';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import {
  createBuiltActor,
  createSlowBuildActor,
  isTerminal,
  startBuild,
  startRun,
  startRunResponse,
  waitForJob,
  waitForPid,
  waitForProcessExit,
} from './helpers/fixtures.ts';
import { type ApiResponse, dataOf, expectApiError, expectStatus } from './helpers/http.ts';
import type { Actor, Build, JobStatus, Page, Run } from './helpers/types.ts';

const UNKNOWN_ID = 'zzzzzzzzzzzzzzzzz';
/** Two builds (4096 MB each) fill it. */
const QUOTA_MBYTES = 8192;
const RATE_LIMIT_DEFAULT = 500;
const RATE_LIMIT_HIGH = 900;
/** The emulator's clock may run a millisecond or two ahead of this process's (it never repeats a timestamp). */
const CLOCK_SLACK_MS = 20;
/** A process killed by SIGKILL (an immediate abort) exits with 128 + 9, one stopped by SIGTERM with 128 + 15. */
const KILLED_EXIT_CODE = 137;
const TERMINATED_EXIT_CODE = 143;

let platform: TestEmulator;
let actor: Actor;

beforeAll(async () => {
  platform = await startTestEmulator({
    variations: ['platform'],
    memoryQuotaMbytes: QUOTA_MBYTES,
    rateLimitDefault: RATE_LIMIT_DEFAULT,
    rateLimitHigh: RATE_LIMIT_HIGH,
  });
  ({ actor } = await createBuiltActor(platform, 'scripted'));
});

afterAll(async () => {
  await platform?.close();
});

interface Observation<T> {
  job: T;
  /** When the request was sent and when its answer came (Date.now()). */
  sentAt: number;
  receivedAt: number;
}

/** Reads a job without waitForFinish every 25 ms until `until` holds; every answer is kept with its timing. */
async function observe<T extends Run | Build>(emu: TestEmulator, path: string, until: (job: T) => boolean, timeoutMs = 30_000): Promise<Observation<T>[]> {
  const seen: Observation<T>[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sentAt = Date.now();
    const job = dataOf<T>(await emu.api.get(path));
    seen.push({ job, sentAt, receivedAt: Date.now() });
    if (until(job)) return seen;
    if (Date.now() > deadline) throw new Error(`${path} did not reach the awaited state in ${timeoutMs} ms; last status ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function distinctStatuses(seen: Observation<Run | Build>[]): JobStatus[] {
  return seen.map((o) => o.job.status).filter((status, index, all) => index === 0 || all[index - 1] !== status);
}

const runPath = (id: string) => `/v2/actor-runs/${id}`;
const buildPath = (id: string) => `/v2/actor-builds/${id}`;

/** Aborts a run and waits until it is ABORTED, so that it holds no memory any more. */
async function abortToEnd(emu: TestEmulator, run: Run): Promise<Run> {
  dataOf<Run>(await emu.api.post(`${runPath(run.id)}/abort`));
  return waitForJob<Run>(emu, 'run', run.id);
}

describe('the platform variation: timing', () => {
  test(`a build is RUNNING, with finishedAt null, for at least ${PLATFORM_BUILD_MS} ms before it SUCCEEDED`, async () => {
    const started = await startBuild(platform, actor.id);
    expect(started).toHaveProperty('finishedAt', null);
    const seen = await observe<Build>(platform, buildPath(started.id), (build) => isTerminal(build.status));
    const running = seen.filter((o) => o.job.status === 'RUNNING');
    expect(running.length, 'reads while the build runs').toBeGreaterThan(0);
    for (const { job } of running) expect(job).toHaveProperty('finishedAt', null);
    const done = seen.at(-1)!.job;
    expect(done.status).toBe('SUCCEEDED');
    expect(Date.parse(done.finishedAt!) - Date.parse(done.startedAt)).toBeGreaterThanOrEqual(PLATFORM_BUILD_MS);
  });

  test(`a run is READY at least ${PLATFORM_READY_MS} ms before it is RUNNING, with finishedAt null`, async () => {
    const sentAt = Date.now();
    const run = await startRun(platform, actor.id, { input: { sleepMs: 120_000 } });
    expect(run.status).toBe('READY');
    const seen = await observe<Run>(platform, runPath(run.id), (read) => read.status !== 'READY');
    const firstRunning = seen.at(-1)!;
    expect(firstRunning.job.status).toBe('RUNNING');
    expect(firstRunning.job).toHaveProperty('finishedAt', null);
    // The run was created after `sentAt` and stays READY its whole time, so no read can show it RUNNING earlier.
    expect(firstRunning.receivedAt - sentAt).toBeGreaterThanOrEqual(PLATFORM_READY_MS);
    await abortToEnd(platform, run);
  });
});

describe('the platform variation: abort', () => {
  test(`aborting a RUNNING run answers ABORTING; reads show ABORTING until it is ABORTED ${PLATFORM_ABORTING_MS} ms later; the code is killed at once`, async () => {
    const run = await startRun(platform, actor.id, { input: { sleepMs: 120_000, recordPid: true } });
    const pid = await waitForPid(platform, run);
    const abortSentAt = Date.now();
    const aborted = dataOf<Run>(await platform.api.post(`${runPath(run.id)}/abort`));
    expect(aborted.status).toBe('ABORTING');
    expect(aborted).toHaveProperty('finishedAt', null);
    const seen = await observe<Run>(platform, runPath(run.id), (read) => isTerminal(read.status));
    expect(distinctStatuses(seen)).toEqual(['ABORTING', 'ABORTED']);
    const done = seen.at(-1)!.job;
    expect(Date.parse(done.finishedAt!) - abortSentAt).toBeGreaterThanOrEqual(PLATFORM_ABORTING_MS - CLOCK_SLACK_MS);
    expect(done.exitCode, 'an immediate abort kills the code (SIGKILL)').toBe(KILLED_EXIT_CODE);
    expect(await waitForProcessExit(pid)).toBe(true);
  });

  test('a graceful abort answers ABORTING, sends SIGTERM (not SIGKILL) and ends ABORTED no sooner', async () => {
    const run = await startRun(platform, actor.id, { input: { sleepMs: 120_000, recordPid: true } });
    const pid = await waitForPid(platform, run);
    const abortSentAt = Date.now();
    const aborted = dataOf<Run>(await platform.api.post(`${runPath(run.id)}/abort`, undefined, { gracefully: 1 }));
    expect(aborted.status).toBe('ABORTING');
    const done = await waitForJob<Run>(platform, 'run', run.id);
    expect(done.status).toBe('ABORTED');
    // The test actor does not catch SIGTERM, so the signal ends it; a SIGKILL would say 137.
    expect(done.exitCode).toBe(TERMINATED_EXIT_CODE);
    expect(Date.parse(done.finishedAt!) - abortSentAt).toBeGreaterThanOrEqual(PLATFORM_ABORTING_MS - CLOCK_SLACK_MS);
    expect(await waitForProcessExit(pid)).toBe(true);
  });

  test('aborting a RUNNING build answers ABORTING; aborting it again changes nothing; it ends ABORTED a second later', async () => {
    const build = await startBuild(platform, actor.id);
    await observe<Build>(platform, buildPath(build.id), (read) => read.status === 'RUNNING');
    const abortSentAt = Date.now();
    expect(dataOf<Build>(await platform.api.post(`${buildPath(build.id)}/abort`)).status).toBe('ABORTING');
    expect(dataOf<Build>(await platform.api.post(`${buildPath(build.id)}/abort`)).status).toBe('ABORTING');
    const seen = await observe<Build>(platform, buildPath(build.id), (read) => isTerminal(read.status));
    expect(distinctStatuses(seen)).toEqual(['ABORTING', 'ABORTED']);
    expect(Date.parse(seen.at(-1)!.job.finishedAt!) - abortSentAt).toBeGreaterThanOrEqual(PLATFORM_ABORTING_MS - CLOCK_SLACK_MS);
  });
});

describe('the platform variation: memory quota', () => {
  test(`unfinished builds (4096 MB) and runs (their memory) hold memory; a start beyond ${QUOTA_MBYTES} MB is refused with 402 until jobs end`, async () => {
    // Builds slow by construction (a Dockerfile RUN sleep), so every refusal below meets both still running, however
    // loaded the machine; they are aborted to free the quota.
    const slow = await createSlowBuildActor(platform.api, ['60']);
    const abortBuild = async (build: Build) => {
      dataOf<Build>(await platform.api.post(`/v2/actor-builds/${build.id}/abort`));
      return waitForJob<Build>(platform, 'build', build.id);
    };
    const first = await startBuild(platform, slow.id);
    const second = await startBuild(platform, slow.id);
    const refusedBuild = await platform.api.post(`/v2/acts/${slow.id}/builds`, undefined, { version: '0.0' });
    const error = expectApiError(refusedBuild, 402, 'actor-memory-limit-exceeded');
    expect(error.message, 'the message names the limit').toContain(`${QUOTA_MBYTES} MB`);
    expect(refusedBuild.headers['x-ratelimit-limit']).toBe(String(RATE_LIMIT_DEFAULT));
    expectApiError(await startRunResponse(platform, actor.id, { query: { memory: 128 } }), 402, 'actor-memory-limit-exceeded');

    await abortBuild(first);
    await abortBuild(second);
    const third = dataOf<Build>(await platform.api.post(`/v2/acts/${slow.id}/builds`, undefined, { version: '0.0' }), 201);
    const lastNumber = (build: Build) => Number(build.buildNumber.split('.').at(-1));
    expect(lastNumber(third), 'the refused build used no build number').toBe(lastNumber(second) + 1);
    // Beside the third build, a run of 8192 MB goes over the quota and one of 4096 MB fills it exactly.
    expectApiError(await startRunResponse(platform, actor.id, { query: { memory: 8192 } }), 402, 'actor-memory-limit-exceeded');
    const run = await startRun(platform, actor.id, { query: { memory: 4096 }, input: { sleepMs: 120_000 } });
    expect(run.options?.memoryMbytes).toBe(4096);
    await abortToEnd(platform, run);
    expect((await abortBuild(third)).status).toBe('ABORTED');
  });
});

describe('the platform variation: members', () => {
  test('runs carry buildNumber, options, usageTotalUsd 0 and meta whose userAgent is null when the request sent none', async () => {
    const anonymousAgent = await startRun(platform, actor.id, { input: { sleepMs: 120_000 } });
    const named = dataOf<Run>(
      await platform.api.send({
        method: 'POST',
        path: `/v2/acts/${actor.id}/runs`,
        json: { sleepMs: 120_000 },
        headers: { 'user-agent': 'platform-test/1.0' },
      }),
      201,
    );
    const read = dataOf<Run>(await platform.api.get(runPath(anonymousAgent.id)));
    expect(read).toHaveProperty('finishedAt', null);
    expect(read.meta).toMatchObject({ origin: 'API', userAgent: null });
    expect(read.meta.clientIp === null || typeof read.meta.clientIp === 'string').toBe(true);
    expect(named.meta.userAgent).toBe('platform-test/1.0');
    expect(read).toMatchObject({ buildNumber: expect.stringMatching(/^0\.0\.\d+$/), usageTotalUsd: 0 });
    expect(read.options).toEqual({ build: 'latest', timeoutSecs: 3600, memoryMbytes: 1024, diskMbytes: 2048 });
    const list = dataOf<Page<Run>>(await platform.api.get(`/v2/acts/${actor.id}/runs`, { desc: 1, limit: 1 }));
    expect(list.items[0]).toMatchObject({ id: named.id, buildNumber: read.buildNumber, usageTotalUsd: 0, finishedAt: null });
    await abortToEnd(platform, anonymousAgent);
    await abortToEnd(platform, named);
  });

  test('builds carry buildNumber and usageTotalUsd 0, in the object and in the list', async () => {
    const list = dataOf<Page<Build>>(await platform.api.get(`/v2/acts/${actor.id}/builds`, { desc: 1, limit: 1 }));
    const build = dataOf<Build>(await platform.api.get(buildPath(list.items[0].id)));
    expect(build).toMatchObject({ buildNumber: expect.stringMatching(/^0\.0\.\d+$/), usageTotalUsd: 0 });
    expect(list.items[0]).toMatchObject({ buildNumber: build.buildNumber, usageTotalUsd: 0 });
  });
});

describe('the platform variation: headers and errors', () => {
  test('every answer names the limit of its endpoint in X-RateLimit-Limit, refusals and unknown paths included', async () => {
    const store = dataOf<{ id: string }>(await platform.api.post('/v2/key-value-stores'), 201);
    const answers: Array<[string, ApiResponse, number]> = [
      ['a list', await platform.api.get('/v2/acts'), RATE_LIMIT_DEFAULT],
      ['a call without a token (401)', await platform.api.anonymous().get('/v2/acts'), RATE_LIMIT_DEFAULT],
      ['a call with an unknown token (401)', await platform.api.as('NotARealToken000000000000').get('/v2/acts'), RATE_LIMIT_DEFAULT],
      ['an unknown path (404)', await platform.api.get('/v2/no-such-endpoint'), RATE_LIMIT_DEFAULT],
      ['a method the path does not serve (405)', await platform.api.send({ method: 'PATCH', path: '/v2/acts' }), RATE_LIMIT_DEFAULT],
      ['an unknown actor (404)', await platform.api.get(`/v2/acts/${UNKNOWN_ID}`), RATE_LIMIT_DEFAULT],
      ['a record, a high-limit endpoint (404)', await platform.api.get(`/v2/key-value-stores/${store.id}/records/never-stored`), RATE_LIMIT_HIGH],
    ];
    for (const [what, response, limit] of answers) expect(response.headers['x-ratelimit-limit'], what).toBe(String(limit));
  });

  test('unknown actors and key-value stores answer 404 record-or-token-not-found; other unknown objects and a missing record stay record-not-found', async () => {
    for (const path of [`/v2/acts/${UNKNOWN_ID}`, `/v2/key-value-stores/${UNKNOWN_ID}`]) {
      expectApiError(await platform.api.get(path), 404, 'record-or-token-not-found');
    }
    const others = [
      `/v2/actor-runs/${UNKNOWN_ID}`,
      `/v2/acts/${actor.id}/runs/${UNKNOWN_ID}`,
      `/v2/actor-builds/${UNKNOWN_ID}`,
      `/v2/acts/${actor.id}/builds/${UNKNOWN_ID}`,
      `/v2/actor-tasks/${UNKNOWN_ID}`,
      `/v2/datasets/${UNKNOWN_ID}`,
      `/v2/request-queues/${UNKNOWN_ID}`,
    ];
    for (const path of others) expectApiError(await platform.api.get(path), 404, 'record-not-found');
    const store = dataOf<{ id: string }>(await platform.api.post('/v2/key-value-stores'), 201);
    expectApiError(await platform.api.get(`/v2/key-value-stores/${store.id}/records/never-stored`), 404, 'record-not-found');
  });

  test('a call that names an actor answers 404 record-or-token-not-found without a token, a change too; a list still answers 401', async () => {
    const anonymous = platform.api.anonymous();
    for (const path of [`/v2/acts/${actor.id}`, `/v2/acts/${UNKNOWN_ID}`, `/v2/acts/${platform.user.username}~${actor.name}`, `/v2/acts/${actor.id}/runs`]) {
      expectApiError(await anonymous.get(path), 404, 'record-or-token-not-found');
    }
    expectApiError(await anonymous.put(`/v2/acts/${actor.id}`, { description: 'anonymous' }), 404, 'record-or-token-not-found');
    expectApiError(await anonymous.post(`/v2/acts/${actor.id}/runs`, {}), 404, 'record-or-token-not-found');
    expectApiError(await anonymous.get('/v2/acts'), 401, 'token-not-provided');
  });
});

describe('without the variation', () => {
  const WAIT_CAP_SECS = 1;
  const RUN_SYNC_CAP_SECS = 6;
  let plain: TestEmulator;
  let plainActor: Actor;

  beforeAll(async () => {
    plain = await startTestEmulator({
      maxWaitSecs: WAIT_CAP_SECS,
      runSyncMaxWaitSecs: RUN_SYNC_CAP_SECS,
      rateLimitDefault: RATE_LIMIT_DEFAULT,
      rateLimitHigh: RATE_LIMIT_HIGH,
    });
    ({ actor: plainActor } = await createBuiltActor(plain, 'scripted'));
  });

  afterAll(async () => {
    await plain?.close();
  });

  test('the documented vocabulary and members stay: record-not-found, 401 for an anonymous read, no usageTotalUsd, no limit on a refusal', async () => {
    expectApiError(await plain.api.get(`/v2/acts/${UNKNOWN_ID}`), 404, 'record-not-found');
    expectApiError(await plain.api.get(`/v2/actor-runs/${UNKNOWN_ID}`), 404, 'record-not-found');
    const anonymous = await plain.api.anonymous().get(`/v2/acts/${plainActor.id}`);
    expectApiError(anonymous, 401, 'token-not-provided');
    expect(anonymous.headers).not.toHaveProperty('x-ratelimit-limit');
    const run = await startRun(plain, plainActor.id, { input: { sleepMs: 120_000 } });
    expect(run).not.toHaveProperty('usageTotalUsd');
    expect(run.buildNumber).toMatch(/^0\.0\.\d+$/);
    expect((await abortToEnd(plain, run)).status).toBe('ABORTED');
  });

  test(`waitForFinish is held ${WAIT_CAP_SECS} s (EMULATOR_MAX_WAIT_SECS) while run-sync waits up to ${RUN_SYNC_CAP_SECS} s (EMULATOR_RUN_SYNC_MAX_WAIT_SECS)`, async () => {
    // A run longer than waitForFinish's cap and shorter than run-sync's.
    const input = { sleepMs: 3000 };
    const run = await startRun(plain, plainActor.id, { input });
    const waited = await plain.api.get(runPath(run.id), { waitForFinish: 60 });
    expect(isTerminal(dataOf<Run>(waited).status), 'the run is still going when waitForFinish answers').toBe(false);
    expect(waited.elapsedMs).toBeGreaterThanOrEqual(WAIT_CAP_SECS * 1000 * 0.95);
    // Answered at the cap, well before the run's end (a loaded machine may add a second or two).
    expect(waited.elapsedMs).toBeLessThan(input.sleepMs);
    const synced = await plain.api.post(`/v2/acts/${plainActor.id}/run-sync`, input);
    expectStatus(synced, 201);
    expect((JSON.parse(synced.text) as { input: unknown }).input).toEqual(input);
    expect(synced.elapsedMs).toBeGreaterThanOrEqual(input.sleepMs);
    // A run longer than both: run-sync answers 408 at its own cap and names it.
    const timedOut = await plain.api.post(`/v2/acts/${plainActor.id}/run-sync`, { sleepMs: 120_000 });
    const error = expectApiError(timedOut, 408, 'run-timeout-exceeded');
    expect(error.message).toContain(`${RUN_SYNC_CAP_SECS} seconds`);
    expect(timedOut.elapsedMs).toBeGreaterThanOrEqual(RUN_SYNC_CAP_SECS * 1000 * 0.95);
    expect(timedOut.elapsedMs).toBeLessThan(RUN_SYNC_CAP_SECS * 1000 * 1.5);
  }, 60_000);
});
