// Probes for the faults of builds and runs: waitForFinish, abort, the run lifecycle, metamorph and run-sync. They run
// the scripted test actor (tests/emulator/actors/scripted.js), whose input says how long to sleep, how to exit and
// where to write its output.
import type { TestEmulator } from '../helpers/emulator.ts';
import {
  buildActor,
  createActor,
  createBuiltActor,
  createSourceActor,
  getRecord,
  isTerminal,
  pollJob,
  sourceFilesVersion,
  startBuild,
  startRun,
  waitForJob,
  waitForPid,
  waitForProcessExit,
} from '../helpers/fixtures.ts';
import type { ApiResponse } from '../helpers/http.ts';
import type { Build, JobStatus, Run } from '../helpers/types.ts';
import { type ProbeTable, UNTIL_ENDED_SECS } from './faults-support.ts';

type Json = Record<string, unknown>;

const dataOf = <T = Json>(response: ApiResponse): T => (response.json as { data: T }).data;

/** A run of the scripted actor that sleeps `sleepMs` (started, not awaited). */
async function sleepingRun(emu: TestEmulator, sleepMs: number, query: Record<string, number> = {}): Promise<{ actorId: string; run: Run }> {
  const { actor } = await createBuiltActor(emu, 'scripted');
  return { actorId: actor.id, run: await startRun(emu, actor.id, { input: { sleepMs, recordPid: true }, query }) };
}

/** The status the abort answers for a RUNNING run, aborted by id (under /v2/actor-runs). */
async function statusAfterAbortById(emu: TestEmulator): Promise<JobStatus> {
  const { run } = await sleepingRun(emu, 30_000);
  await pollJob<Run>(emu, 'run', run.id, (current) => current.status === 'RUNNING');
  return dataOf<Run>(await emu.api.post(`/v2/actor-runs/${run.id}/abort`)).status;
}

/** How long a GET of the run with `waitForFinish` was held, and what it said. */
async function heldGet(emu: TestEmulator, runId: string, waitForFinish: number): Promise<{ heldMs: number; status: JobStatus }> {
  const response = await emu.api.get(`/v2/actor-runs/${runId}`, { waitForFinish });
  return { heldMs: response.elapsedMs, status: dataOf<Run>(response).status };
}

/** A build that takes a few rounds of syntax checks, so a request sent right after it starts finds it unfinished. */
async function slowBuild(emu: TestEmulator): Promise<Build> {
  const files = Array.from({ length: 12 }, (_, index) => ({ name: `lib/part-${index}.js`, format: 'TEXT', content: `module.exports = ${index};\n` }));
  const actor = await createSourceActor(emu.api, 'trivial');
  await emu.api.put(`/v2/acts/${actor.id}/versions/0.0`, {
    sourceFiles: [{ name: 'main.js', format: 'TEXT', content: "console.log('slow build');\n" }, ...files],
  });
  return startBuild(emu, actor.id);
}

/** The two actors of a metamorph: a source run that sleeps, and a built target. */
async function metamorphPair(emu: TestEmulator): Promise<{ run: Run; answer: ApiResponse }> {
  const { run } = await sleepingRun(emu, 30_000);
  const { actor: target } = await createBuiltActor(emu, 'scripted');
  await pollJob<Run>(emu, 'run', run.id, (current) => current.status === 'RUNNING');
  const answer = await emu.api.post(`/v2/actor-runs/${run.id}/metamorph`, { skipOutput: true }, { targetActorId: target.id });
  return { run, answer };
}

async function runSync(emu: TestEmulator, input: unknown, query: Record<string, string | number> = {}): Promise<ApiResponse> {
  const { actor } = await createBuiltActor(emu, 'scripted');
  return emu.api.post(`/v2/acts/${actor.id}/run-sync`, input, query);
}

export const JOB_PROBES = {
  'wait-for-finish-ignored': {
    async observe(emu) {
      const { run } = await sleepingRun(emu, 500);
      return isTerminal((await heldGet(emu, run.id, UNTIL_ENDED_SECS)).status);
    },
    correct: true,
    faulty: false,
  },
  'run-memory-ignored': {
    async observe(emu) {
      const { actor } = await createBuiltActor(emu, 'scripted');
      return (await startRun(emu, actor.id, { query: { memory: 512 } })).options?.memoryMbytes;
    },
    correct: 512,
    faulty: 1024,
  },
  'run-build-ignored': {
    async observe(emu) {
      const actor = await createActor(emu.api, {
        name: 'two-builds',
        versions: [sourceFilesVersion('scripted'), sourceFilesVersion('scripted', { versionNumber: '1.0', buildTag: 'beta' })],
      });
      await buildActor(emu, actor.id);
      const beta = await buildActor(emu, actor.id, { version: '1.0' });
      return (await startRun(emu, actor.id, { query: { build: 'beta' } })).buildId === beta.id;
    },
    correct: true,
    faulty: false,
  },
  'wait-for-finish-stale-snapshot': {
    // A wait far longer than the run, so the correct answer (when the run ends) and the stale one (when the wait does,
    // with the status read before it) differ on a loaded machine too.
    settings: { maxWaitSecs: 8 },
    async observe(emu) {
      const { run } = await sleepingRun(emu, 300);
      return isTerminal((await heldGet(emu, run.id, 8)).status);
    },
    correct: true,
    faulty: false,
  },
  'wait-for-finish-cap-not-applied': {
    settings: { maxWaitSecs: 1 },
    async observe(emu) {
      const { run } = await sleepingRun(emu, 2500);
      return isTerminal((await heldGet(emu, run.id, 6)).status);
    },
    correct: false,
    faulty: true,
  },
  'wait-for-finish-returns-early': {
    // Held 6 s when right, 3 s with the fault: the line between them leaves 2 s for a loaded machine's lag.
    async observe(emu) {
      const { run } = await sleepingRun(emu, 30_000);
      return (await heldGet(emu, run.id, 6)).heldMs >= 5000;
    },
    correct: true,
    faulty: false,
  },
  'wait-for-finish-short-wait-held-late': {
    // Under a 60 s cap a 1 s wait is held 6.5 s with the fault: a tenth of the cap late, less half a second.
    settings: { maxWaitSecs: 60 },
    async observe(emu) {
      const { run } = await sleepingRun(emu, 30_000);
      return (await heldGet(emu, run.id, 1)).heldMs >= 4000;
    },
    correct: false,
    faulty: true,
  },
  'wait-for-finish-above-cap-rejected': {
    settings: { maxWaitSecs: 1 },
    async observe(emu) {
      const actor = await createSourceActor(emu.api, 'trivial');
      const build = await buildActor(emu, actor.id);
      return (await emu.api.get(`/v2/actor-builds/${build.id}`, { waitForFinish: 5 })).status;
    },
    correct: 200,
    faulty: 400,
  },
  'wait-for-finish-build-ignored': {
    async observe(emu) {
      const build = await slowBuild(emu);
      return isTerminal(dataOf<Build>(await emu.api.get(`/v2/actor-builds/${build.id}`, { waitForFinish: UNTIL_ENDED_SECS })).status);
    },
    correct: true,
    faulty: false,
  },

  'wait-for-finish-default-is-cap': {
    // A cap long enough that an answer given at once cannot be mistaken for a held one on a loaded machine.
    settings: { maxWaitSecs: 5 },
    async observe(emu) {
      const { run } = await sleepingRun(emu, 30_000);
      return (await emu.api.get(`/v2/actor-runs/${run.id}`)).elapsedMs >= 4500;
    },
    correct: false,
    faulty: true,
  },
  'abort-run-ignored': { observe: statusAfterAbortById, correct: 'ABORTED', faulty: 'RUNNING' },
  'abort-by-id-ignored': { observe: statusAfterAbortById, correct: 'ABORTED', faulty: 'RUNNING' },
  'run-by-id-short-form': {
    async observe(emu) {
      const { run } = await sleepingRun(emu, 500);
      return 'options' in dataOf<Run>(await emu.api.get(`/v2/actor-runs/${run.id}`));
    },
    correct: true,
    faulty: false,
  },
  'abort-build-ignored': {
    async observe(emu) {
      const build = await slowBuild(emu);
      return ['ABORTING', 'ABORTED'].includes(dataOf<Build>(await emu.api.post(`/v2/actor-builds/${build.id}/abort`)).status);
    },
    correct: true,
    faulty: false,
  },
  'abort-finished-run-changes-status': {
    async observe(emu) {
      const { run } = await sleepingRun(emu, 0);
      await waitForJob<Run>(emu, 'run', run.id);
      return dataOf<Run>(await emu.api.post(`/v2/actor-runs/${run.id}/abort`)).status;
    },
    correct: 'SUCCEEDED',
    faulty: 'ABORTED',
  },
  'abort-graceful-never-stops': {
    async observe(emu) {
      const { run } = await sleepingRun(emu, 30_000);
      await pollJob<Run>(emu, 'run', run.id, (current) => current.status === 'RUNNING');
      await emu.api.post(`/v2/actor-runs/${run.id}/abort`, undefined, { gracefully: 1 });
      return (await heldGet(emu, run.id, 5)).status;
    },
    correct: 'ABORTED',
    faulty: 'ABORTING',
  },
  'abort-finished-run-sets-message': {
    async observe(emu) {
      const { run } = await sleepingRun(emu, 0);
      const ended = await waitForJob<Run>(emu, 'run', run.id);
      const answer = dataOf<Run>(await emu.api.post(`/v2/actor-runs/${run.id}/abort`));
      return { status: answer.status, messageKept: answer.statusMessage === ended.statusMessage };
    },
    correct: { status: 'SUCCEEDED', messageKept: true },
    faulty: { status: 'SUCCEEDED', messageKept: false },
  },
  'abort-does-not-stop-code': {
    async observe(emu) {
      const { run } = await sleepingRun(emu, 30_000);
      const pid = await waitForPid(emu, run);
      const status = dataOf<Run>(await emu.api.post(`/v2/actor-runs/${run.id}/abort`)).status;
      return { status, processGone: await waitForProcessExit(pid, 2000) };
    },
    correct: { status: 'ABORTED', processGone: true },
    faulty: { status: 'ABORTED', processGone: false },
  },
  'abort-finished-build-changes-status': {
    async observe(emu) {
      const actor = await createSourceActor(emu.api, 'trivial');
      const build = await buildActor(emu, actor.id);
      return dataOf<Build>(await emu.api.post(`/v2/actor-builds/${build.id}/abort`)).status;
    },
    correct: 'SUCCEEDED',
    faulty: 'ABORTED',
  },

  'finished-at-missing-on-terminal': {
    async observe(emu) {
      const { run } = await sleepingRun(emu, 0);
      return typeof (await waitForJob<Run>(emu, 'run', run.id)).finishedAt;
    },
    correct: 'string',
    faulty: 'object',
  },
  'finished-at-set-while-running': {
    async observe(emu) {
      const { run } = await sleepingRun(emu, 5000);
      const running = await pollJob<Run>(emu, 'run', run.id, (current) => current.status === 'RUNNING');
      return typeof running.finishedAt;
    },
    correct: 'object',
    faulty: 'string',
  },
  'status-skips-back': {
    async observe(emu) {
      const { run } = await sleepingRun(emu, 1500);
      const seen: string[] = [];
      await pollJob<Run>(emu, 'run', run.id, (current) => {
        if (seen.at(-1) !== current.status) seen.push(current.status);
        return isTerminal(current.status);
      });
      return seen.includes('RUNNING') && seen.indexOf('READY', seen.indexOf('RUNNING')) !== -1;
    },
    correct: false,
    faulty: true,
  },
  'exit-code-ignored': {
    async observe(emu) {
      const { actor } = await createBuiltActor(emu, 'scripted');
      const run = await startRun(emu, actor.id, { input: { exitCode: 3 } });
      return (await waitForJob<Run>(emu, 'run', run.id)).status;
    },
    correct: 'FAILED',
    faulty: 'SUCCEEDED',
  },
  'timeout-not-enforced': {
    async observe(emu) {
      const { run } = await sleepingRun(emu, 3000, { timeout: 1 });
      return (await waitForJob<Run>(emu, 'run', run.id)).status;
    },
    correct: 'TIMED-OUT',
    faulty: 'SUCCEEDED',
  },
  'input-content-type-lost': {
    async observe(emu) {
      const { run } = await sleepingRun(emu, 0);
      return (await getRecord(emu, run.defaultKeyValueStoreId, 'INPUT')).headers['content-type']?.split(';')[0];
    },
    correct: 'application/json',
    faulty: 'text/plain',
  },
  'metamorph-new-run-id': {
    async observe(emu) {
      const { run, answer } = await metamorphPair(emu);
      return { status: answer.status, sameRun: dataOf<Run>(answer).id === run.id };
    },
    correct: { status: 200, sameRun: true },
    faulty: { status: 200, sameRun: false },
  },
  'metamorph-forgets-input': {
    async observe(emu) {
      const { run } = await metamorphPair(emu);
      return (await getRecord(emu, run.defaultKeyValueStoreId, 'INPUT-METAMORPH-1')).status;
    },
    correct: 200,
    faulty: 404,
  },

  'run-sync-200': {
    async observe(emu) {
      return (await runSync(emu, { note: 'sync' })).status;
    },
    correct: 201,
    faulty: 200,
  },
  'run-sync-failed-as-201': {
    async observe(emu) {
      return (await runSync(emu, { exitCode: 1 })).status;
    },
    correct: 400,
    faulty: 201,
  },
  'run-sync-timed-out-as-201': {
    async observe(emu) {
      return (await runSync(emu, { sleepMs: 20_000 }, { timeout: 1 })).status;
    },
    correct: 400,
    faulty: 201,
  },
  'run-sync-returns-run-object': {
    async observe(emu) {
      const { actor } = await createBuiltActor(emu, 'scripted');
      const body = (await emu.api.get(`/v2/acts/${actor.id}/run-sync`)).json as Json;
      return { echo: 'inputKey' in body, runObject: 'data' in body };
    },
    correct: { echo: true, runObject: false },
    faulty: { echo: false, runObject: true },
  },
  'run-sync-201-empty-object': {
    async observe(emu) {
      const response = await runSync(emu, { note: 'sync' });
      return { status: response.status, keys: Object.keys((response.json ?? {}) as Json).length > 0 };
    },
    correct: { status: 201, keys: true },
    faulty: { status: 201, keys: false },
  },
  'run-sync-timeout-as-200': {
    settings: { maxWaitSecs: 1 },
    async observe(emu) {
      return (await runSync(emu, { sleepMs: 4000 })).status;
    },
    correct: 408,
    faulty: 200,
  },
  'run-sync-ignores-output-record-key': {
    async observe(emu) {
      const response = await runSync(emu, { outputKey: 'RESULT' }, { outputRecordKey: 'RESULT' });
      return { status: response.status, hasOutput: response.text.length > 0 };
    },
    correct: { status: 201, hasOutput: true },
    faulty: { status: 201, hasOutput: false },
  },
} satisfies Partial<ProbeTable>;
