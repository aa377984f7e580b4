// Actor processes: exactly the documented environment (nothing of the emulator's leaks), the memory limit, the exit
// code deciding the status, timeout (TIMING-OUT -> TIMED-OUT) and abort (ABORTING -> ABORTED) really stopping the code.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../../emulator/config.ts';
import { Faults } from '../../../emulator/faults/faults.ts';
import { actorEnvironment, spawnNode } from '../../../emulator/jobs/actor-process.ts';
import type { BuildArtifact } from '../../../emulator/jobs/builds.ts';
import { jobBehaviourOf } from '../../../emulator/jobs/job-behaviour.ts';
import { RunJobs } from '../../../emulator/jobs/runs.ts';
import { JobWaiters, waitForFinish } from '../../../emulator/jobs/wait-for-finish.ts';
import { Workspace } from '../../../emulator/jobs/workspace.ts';
import { createActor } from '../../../emulator/state/actors.ts';
import { EmulatorState } from '../../../emulator/state/store.ts';
import type { Build, JobStatus, Run } from '../../../emulator/state/types.ts';
import { setEnvironment } from '../../support/environment.ts';

const CONTRACT_VARIABLES = [
  'APIFY_TOKEN',
  'APIFY_API_BASE_URL',
  'APIFY_API_PUBLIC_BASE_URL',
  'APIFY_DEFAULT_KEY_VALUE_STORE_ID',
  'APIFY_DEFAULT_DATASET_ID',
  'APIFY_DEFAULT_REQUEST_QUEUE_ID',
  'APIFY_INPUT_KEY',
  'APIFY_ACTOR_ID',
  'APIFY_ACTOR_RUN_ID',
  'APIFY_ACTOR_BUILD_ID',
  'APIFY_USER_ID',
  'APIFY_MEMORY_MBYTES',
  'APIFY_TIMEOUT_AT',
  'APIFY_IS_AT_HOME',
  'ACTOR_DEFAULT_KEY_VALUE_STORE_ID',
  'ACTOR_DEFAULT_DATASET_ID',
  'ACTOR_INPUT_KEY',
  'ACTOR_RUN_ID',
  'ACTOR_ID',
  'ACTOR_BUILD_ID',
  'ACTOR_MEMORY_MBYTES',
  'ACTOR_TIMEOUT_AT',
  'PATH',
  'HOME',
  'NODE_OPTIONS',
];

const environmentInput = {
  token: 'secret-token',
  apiBaseUrl: 'http://127.0.0.1:1',
  actorId: 'actorIdAAAAAAAAAA',
  runId: 'runIdAAAAAAAAAAAA',
  buildId: 'buildIdAAAAAAAAAA',
  userId: 'userIdAAAAAAAAAAA',
  defaultKeyValueStoreId: 'storeIdAAAAAAAAAA',
  defaultDatasetId: 'datasetIdAAAAAAAA',
  defaultRequestQueueId: 'queueIdAAAAAAAAAA',
  inputKey: 'INPUT',
  memoryMbytes: 256,
  timeoutAt: new Date('2030-01-01T00:00:00.000Z'),
  home: '/tmp/run-home',
  path: '/usr/bin:/bin',
};

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'actor-process-test-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('actorEnvironment', () => {
  it('sets exactly the documented variables', () => {
    const env = actorEnvironment(environmentInput);
    expect(Object.keys(env).sort()).toEqual([...CONTRACT_VARIABLES].sort());
    expect(env).toMatchObject({
      APIFY_IS_AT_HOME: '1',
      APIFY_INPUT_KEY: 'INPUT',
      ACTOR_INPUT_KEY: 'INPUT',
      APIFY_MEMORY_MBYTES: '256',
      APIFY_TIMEOUT_AT: '2030-01-01T00:00:00.000Z',
      NODE_OPTIONS: '--max-old-space-size=256',
      HOME: '/tmp/run-home',
    });
  });
});

describe('spawnNode', () => {
  it('gives the process only the environment it is handed', async () => {
    const restoreEnvironment = setEnvironment({ EMULATOR_LEAK_PROBE: 'must-not-leak' });
    try {
      const script = join(dir, 'print-env.js');
      await writeFile(script, 'process.stdout.write(JSON.stringify(process.env));');
      let output = '';
      const child = spawnNode({
        mainFile: script,
        cwd: dir,
        env: actorEnvironment({ ...environmentInput, home: dir, path: process.env.PATH ?? '' }),
        onOutput: (text) => (output += text),
      });
      expect(await child.exited).toEqual({ code: 0, signal: null });
      const seen = JSON.parse(output) as Record<string, string>;
      expect(seen.APIFY_TOKEN).toBe('secret-token');
      expect(Object.keys(seen).sort()).toEqual([...CONTRACT_VARIABLES].sort());
    } finally {
      restoreEnvironment();
    }
  });

  it('starts the process from the spawner, not from the emulator, and delivers all output before the exit', async () => {
    const script = join(dir, 'print-parent.js');
    await writeFile(script, "process.stdout.write('x'.repeat(200000)); process.stdout.write(' ' + process.ppid);");
    let output = '';
    const child = spawnNode({ mainFile: script, cwd: dir, env: {}, onOutput: (text) => (output += text) });
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(output.length).toBeGreaterThan(200000);
    expect(Number(output.slice(200001))).not.toBe(process.pid);
  });

  it('signals the whole process group: a process the actor started stops with it', async () => {
    const marker = join(dir, 'grandchild-marker');
    const grandchild = `setTimeout(() => require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'), 1000)`;
    const script = join(dir, 'starts-grandchild.js');
    await writeFile(
      script,
      `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: 'ignore' }); console.log('started'); setInterval(() => {}, 1000);`,
    );
    let output = '';
    const child = spawnNode({ mainFile: script, cwd: dir, env: {}, onOutput: (text) => (output += text) });
    while (!output.includes('started')) await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill('SIGTERM');
    expect(await child.exited).toEqual({ code: null, signal: 'SIGTERM' });
    // The marker would appear 1 s after the start had the grandchild survived.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await expect(import('node:fs/promises').then((fs) => fs.access(marker))).rejects.toThrow();
  });
});

describe('RunJobs', () => {
  let workspace: Workspace;
  let state: EmulatorState;
  let waiters: JobWaiters;
  let runs: RunJobs;
  const artifacts = new Map<string, BuildArtifact>();

  beforeAll(async () => {
    workspace = await Workspace.create();
    state = new EmulatorState([{ token: 'token-1', username: 'user-1' }]);
    waiters = new JobWaiters(new Faults([]));
    // The API is never called by these scripts, so the base URL does not matter.
    runs = new RunJobs(
      {
        state,
        waiters,
        workspace,
        faults: waiters.faults,
        events: { emit: () => undefined },
        behaviour: jobBehaviourOf(DEFAULT_OPTIONS),
        apiBaseUrl: () => 'http://127.0.0.1:1',
      },
      { artifactOf: (id) => artifacts.get(id) ?? null },
    );
  });

  afterAll(async () => {
    await runs.shutdown();
    await workspace.remove();
  });

  async function buildOf(name: string, code: string, envVars: Record<string, string> = {}): Promise<Build> {
    const buildDir = await mkdtemp(join(dir, `${name}-`));
    await writeFile(join(buildDir, 'main.js'), code);
    // Runs read only the id and number of their build; the code comes from the artifact.
    const build = { id: name, buildNumber: '0.0.1' } as Build;
    artifacts.set(build.id, { dir: buildDir, mainFile: 'main.js', envVars });
    return build;
  }

  function start(build: Build, timeoutSecs = 60): Run {
    const user = state.users[0];
    const actor = createActor(state, user, { name: `actor-${state.actorList.length}` });
    return runs.start({
      actor,
      build,
      buildLabel: 'latest',
      user,
      input: null,
      timeoutSecs,
      memoryMbytes: 128,
      meta: { origin: 'API', clientIp: null, userAgent: null },
    });
  }

  async function settle(run: Run): Promise<JobStatus> {
    await waitForFinish(waiters, run, 20, 20);
    return run.status;
  }

  it('ends SUCCEEDED on exit code 0 and FAILED otherwise, with the exit code', async () => {
    const ok = start(await buildOf('ok', 'process.exit(0)'));
    const bad = start(await buildOf('bad', 'process.exit(3)'));
    expect([await settle(ok), await settle(bad)]).toEqual(['SUCCEEDED', 'FAILED']);
    expect(bad.exitCode).toBe(3);
    expect(ok.finishedAt).not.toBeNull();
  });

  it("passes the version's variables, which cannot override the documented ones", async () => {
    const code = `process.exit(process.env.OWN_SETTING === 'own' && process.env.APIFY_IS_AT_HOME === '1' ? 0 : 7)`;
    const run = start(await buildOf('vars', code, { OWN_SETTING: 'own', APIFY_IS_AT_HOME: '0' }));
    expect(await settle(run)).toBe('SUCCEEDED');
  });

  it('times out: TIMING-OUT, then TIMED-OUT once the process is gone', async () => {
    const marker = join(dir, 'timeout-marker');
    const run = start(await buildOf('slow', `setTimeout(() => require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'), 1000);`), 0.3);
    expect(await settle(run)).toBe('TIMED-OUT');
    expect(run.statusMessage).toBe('Actor timed out');
    // The marker would appear 1 s after the start had the code kept running.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await expect(import('node:fs/promises').then((fs) => fs.access(marker))).rejects.toThrow();
  });

  it('aborts: the code stops and the run ends ABORTED; aborting again changes nothing', async () => {
    const marker = join(dir, 'abort-marker');
    const run = start(await buildOf('long', `setTimeout(() => require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'), 800);`));
    while (run.status === 'READY') await new Promise((resolve) => setTimeout(resolve, 10));
    await runs.abort(run, false);
    expect(run.status).toBe('ABORTED');
    const finishedAt = run.finishedAt;
    await runs.abort(run, false);
    expect(run).toMatchObject({ status: 'ABORTED', finishedAt });
    // The marker would appear 0.8 s after the start had the code kept running.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await expect(import('node:fs/promises').then((fs) => fs.access(marker))).rejects.toThrow();
  });

  it('aborts a run that has not started its process yet', async () => {
    const run = start(await buildOf('never', 'process.exit(0)'));
    expect(run.status).toBe('READY');
    await runs.abort(run, false);
    expect(run.status).toBe('ABORTED');
  });
});
