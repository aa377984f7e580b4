// Runs: the actor's code really runs, as a child process per run, with the run's timeout and memory. A run is READY
// until its process starts (for a while first when the job behaviour says so, as when the platform finds a worker).
// The exit code decides SUCCEEDED or FAILED; abort and timeout kill the process (ABORTING -> ABORTED, TIMING-OUT ->
// TIMED-OUT).
// Metamorph replaces the process with the target actor's code in the same run; resurrect starts a finished run again.
import { mkdir } from 'node:fs/promises';
import { constants } from 'node:os';
import { join } from 'node:path';
import { newId } from '../state/ids.ts';
import { createRequestQueue } from '../state/request-queues.ts';
import { createDataset, createKeyValueStore, setRecord } from '../state/storages.ts';
import type { Actor, Build, JobMeta, JobStatus, Run, StoredRecord, User } from '../state/types.ts';
import { type ActorProcess, actorEnvironment, spawnNode } from './actor-process.ts';
import type { BuildArtifact } from './builds.ts';
import type { JobContext } from './job-context.ts';
import { terminalEventSuffix } from './job-events.ts';
import { JobLog } from './job-log.ts';
import { checkMemoryQuota } from './memory-quota.ts';
import { sleepUntil } from './sleep-until.ts';
import type { ProcessExit } from './spawner.ts';
import { ABORTABLE_STATUSES, isTerminal, reopen, transition } from './status-machine.ts';

export interface StartRunParams {
  actor: Actor;
  build: Build;
  /** What the caller asked for (a tag or build number), recorded in options.build. */
  buildLabel: string;
  user: User;
  input: StoredRecord | null;
  timeoutSecs: number;
  memoryMbytes: number;
  meta: JobMeta;
  /** The task the run was started through, if any. */
  actorTaskId?: string | null;
}

export interface ResurrectParams {
  build?: Build;
  buildLabel?: string;
  timeoutSecs?: number;
  memoryMbytes?: number;
}

interface RunJob {
  run: Run;
  user: User;
  log: JobLog;
  dir: string;
  inputKey: string;
  /** Bumped whenever the process is replaced (metamorph, resurrect): exits of older processes are ignored. */
  generation: number;
  process: ActorProcess | null;
  timeoutAt: Date | null;
  timeoutTimer: NodeJS.Timeout | null;
  killTimer: NodeJS.Timeout | null;
  /** When the run was last aborted (ms since the epoch): it stays ABORTING at least the behaviour's minAbortingMs. */
  abortedAt: number;
}

const TIMEOUT_KILL_GRACE_MS = 2_000;
const GRACEFUL_ABORT_MS = 30_000;
// How long an immediate abort waits for the process to die, so that its answer usually says ABORTED.
const ABORT_SETTLE_MS = 5_000;
// Fault status-skips-back: when the run moves to another worker, and how long the move takes.
const MIGRATION_AFTER_MS = 1000;
const MIGRATION_MS = 2500;

export class RunJobs {
  private readonly jobs = new Map<string, RunJob>();
  private closing = false;

  constructor(
    private readonly context: JobContext,
    private readonly builds: { artifactOf(buildId: string): BuildArtifact | null },
  ) {}

  start(params: StartRunParams): Run {
    const { state, behaviour } = this.context;
    const { actor, build, user } = params;
    checkMemoryQuota(state, user.id, params.memoryMbytes, behaviour.memoryQuotaMbytes);
    const store = createKeyValueStore(state, user.id);
    const dataset = createDataset(state, user.id);
    if (params.input !== null) {
      // Fault input-content-type-lost: the input is stored with a fixed content type.
      const lost = this.context.faults.has('input-content-type-lost');
      setRecord(state, store, 'INPUT', lost ? { ...params.input, contentType: 'text/plain' } : params.input);
    }
    const run: Run = {
      id: newId(),
      actId: actor.id,
      userId: user.id,
      // Fault task-run-forgets-task: the run does not record the task that started it.
      actorTaskId: this.context.faults.has('task-run-forgets-task') ? null : (params.actorTaskId ?? null),
      startedAt: state.clock.iso(),
      finishedAt: null,
      status: 'READY',
      statusMessage: null,
      meta: params.meta,
      stats: {
        inputBodyLen: params.input?.value.length ?? 0,
        migrationCount: 0,
        rebootCount: 0,
        restartCount: 0,
        resurrectCount: 0,
        metamorph: 0,
        durationMillis: 0,
        runTimeSecs: 0,
        computeUnits: 0,
      },
      options: {
        build: params.buildLabel,
        timeoutSecs: params.timeoutSecs,
        memoryMbytes: params.memoryMbytes,
        diskMbytes: 2 * params.memoryMbytes,
      },
      buildId: build.id,
      buildNumber: build.buildNumber,
      exitCode: null,
      defaultKeyValueStoreId: store.id,
      defaultDatasetId: dataset.id,
      defaultRequestQueueId: createRequestQueue(state, user.id, null).id,
      metamorphs: [],
      ...(behaviour.usageMembers ? { usageTotalUsd: 0 } : {}),
    };
    actor.runs.push(run);
    state.runs.set(run.id, run);
    if (params.actorTaskId) {
      const task = state.tasks.get(params.actorTaskId);
      task?.runs.push(run);
      if (task !== undefined) task.stats.totalRuns += 1;
    }
    recordRunInStats(actor, user, run);
    const job: RunJob = {
      run,
      user,
      log: new JobLog(),
      dir: this.context.workspace.runDir(run.id),
      inputKey: 'INPUT',
      generation: 0,
      process: null,
      timeoutAt: null,
      timeoutTimer: null,
      killTimer: null,
      abortedAt: 0,
    };
    this.jobs.set(run.id, job);
    this.context.events.emit({ type: 'ACTOR.RUN.CREATED', run });
    void this.launch(job);
    return run;
  }

  logOf(runId: string): JobLog | undefined {
    return this.jobs.get(runId)?.log;
  }

  /**
   * Stops a READY, RUNNING or TIMING-OUT run; any other run is left as it is. An immediate abort resolves once the run is
   * ABORTED (within a few seconds), or at once when it must stay ABORTING a while (then it ends later, as on the platform).
   */
  async abort(run: Run, gracefully: boolean): Promise<void> {
    const job = this.jobs.get(run.id);
    if (job !== undefined && !ABORTABLE_STATUSES.has(run.status) && this.context.faults.has('abort-finished-run-changes-status')) {
      // Fault abort-finished-run-changes-status: the status is overwritten without asking whether the run had ended.
      run.status = 'ABORTED';
      run.finishedAt = this.context.state.clock.iso();
      return;
    }
    if (job !== undefined && !ABORTABLE_STATUSES.has(run.status) && this.context.faults.has('abort-finished-run-sets-message')) {
      // Fault abort-finished-run-sets-message: the status is kept, but the abort is written into the run's message.
      run.statusMessage = 'Abort requested';
      return;
    }
    if (job === undefined || !ABORTABLE_STATUSES.has(run.status)) return;
    if (this.context.faults.has('abort-does-not-stop-code')) {
      // Fault abort-does-not-stop-code: the run is marked aborted; the process is left alone and its exit ignored.
      job.generation += 1;
      this.move(job, 'ABORTING');
      this.move(job, 'ABORTED');
      return;
    }
    this.move(job, 'ABORTING');
    job.abortedAt = Date.now();
    job.log.line(gracefully ? 'Aborting the run gracefully (SIGTERM, then SIGKILL after 30 s)' : 'Aborting the run');
    const child = job.process;
    if (child !== null && gracefully) {
      // Fault abort-graceful-never-stops: a graceful abort tells the code nothing and never forces it to stop.
      if (this.context.faults.has('abort-graceful-never-stops')) return;
      child.kill('SIGTERM');
      this.scheduleKill(job, child, GRACEFUL_ABORT_MS);
    } else if (child !== null) {
      child.kill('SIGKILL');
    }
    // Without a process the pending launch sees ABORTING and finishes the run.
    const settles = !gracefully && this.context.behaviour.minAbortingMs === 0;
    if (settles && !isTerminal(run.status)) await this.context.waiters.wait(run.id, ABORT_SETTLE_MS);
  }

  /** Turns the run into a run of `target`: same id and storages, new input under INPUT-METAMORPH-<n>, new process. */
  metamorph(run: Run, target: { actor: Actor; build: Build }, input: StoredRecord | null): void {
    const job = this.requireJob(run);
    const { state } = this.context;
    const inputKey = `INPUT-METAMORPH-${run.metamorphs.length + 1}`;
    const store = state.keyValueStores.get(run.defaultKeyValueStoreId);
    // Fault metamorph-forgets-input: the new input is handed to nobody.
    if (store !== undefined && input !== null && !this.context.faults.has('metamorph-forgets-input')) setRecord(state, store, inputKey, input);
    const source = state.actors.get(run.actId);
    if (source !== undefined) source.stats.totalMetamorphs += 1;
    run.metamorphs.push({ createdAt: state.clock.iso(), actorId: target.actor.id, buildId: target.build.id, inputKey });
    run.actId = target.actor.id;
    run.buildId = target.build.id;
    run.buildNumber = target.build.buildNumber;
    run.stats.metamorph += 1;
    job.inputKey = inputKey;
    job.log.line(`Metamorphing into ${target.actor.username}/${target.actor.name}, build ${target.build.buildNumber}`);
    this.replaceProcess(job);
  }

  /** Starts a finished run again in place: same id and storages, status back to RUNNING. */
  resurrect(run: Run, params: ResurrectParams): void {
    const job = this.requireJob(run);
    const { state, behaviour } = this.context;
    checkMemoryQuota(state, run.userId, params.memoryMbytes ?? run.options.memoryMbytes, behaviour.memoryQuotaMbytes);
    reopen(run);
    run.exitCode = null;
    run.statusMessage = null;
    run.stats.resurrectCount += 1;
    if (params.build !== undefined) {
      run.buildId = params.build.id;
      run.buildNumber = params.build.buildNumber;
    }
    if (params.buildLabel !== undefined) run.options.build = params.buildLabel;
    if (params.timeoutSecs !== undefined) run.options.timeoutSecs = params.timeoutSecs;
    if (params.memoryMbytes !== undefined) {
      run.options.memoryMbytes = params.memoryMbytes;
      run.options.diskMbytes = 2 * params.memoryMbytes;
    }
    this.clearTimers(job);
    job.timeoutAt = null;
    job.log.reopen();
    job.log.line('Resurrecting the run');
    this.context.events.emit({ type: 'ACTOR.RUN.RESURRECTED', run });
    this.replaceProcess(job);
  }

  /** Forgets the runs of a deleted actor, stopping those still running. */
  async forget(runs: readonly Run[]): Promise<void> {
    await Promise.all(runs.map((run) => this.abort(run, false)));
    for (const run of runs) this.jobs.delete(run.id);
  }

  /** Kills every process (the emulator is closing) and waits until they are gone; nothing new starts after this. */
  async shutdown(): Promise<void> {
    this.closing = true;
    const exits: Array<Promise<ProcessExit>> = [];
    for (const job of this.jobs.values()) {
      this.clearTimers(job);
      if (job.process !== null) {
        job.process.kill('SIGKILL');
        exits.push(job.process.exited);
      }
    }
    await Promise.all(exits);
  }

  private requireJob(run: Run): RunJob {
    const job = this.jobs.get(run.id);
    if (job === undefined) throw new Error(`No job for run ${run.id}`);
    return job;
  }

  private replaceProcess(job: RunJob): void {
    job.generation += 1;
    const previous = job.process;
    job.process = null;
    previous?.kill('SIGKILL');
    void this.launch(job);
  }

  private async launch(job: RunJob): Promise<void> {
    const { run } = job;
    const generation = job.generation;
    if (this.closing) return;
    try {
      await mkdir(job.dir, { recursive: true });
    } catch (error) {
      job.log.line(`ERROR: cannot create the run's directory: ${(error as Error).message}`);
    }
    const { readyMs } = this.context.behaviour;
    if (run.status === 'READY' && readyMs > 0) await sleepUntil(Date.parse(run.startedAt) + readyMs);
    if (this.closing || generation !== job.generation || isTerminal(run.status)) return;
    if (run.status === 'ABORTING') {
      this.finishAbort(job);
      return;
    }
    if (run.status === 'TIMING-OUT') {
      this.move(job, 'TIMED-OUT');
      return;
    }
    const artifact = this.builds.artifactOf(run.buildId);
    if (artifact === null) {
      job.log.line(`ERROR: the code of build ${run.buildNumber} is not available`);
      run.statusMessage = 'The build of the actor is not available';
      this.move(job, 'FAILED');
      return;
    }
    if (job.timeoutAt === null && run.options.timeoutSecs > 0) {
      job.timeoutAt = new Date(Date.now() + run.options.timeoutSecs * 1000);
    }
    const child = spawnNode({
      mainFile: join(artifact.dir, artifact.mainFile),
      cwd: job.dir,
      env: this.environmentOf(job, artifact),
      onOutput: (text) => job.log.append(text),
    });
    job.process = child;
    if (run.status === 'READY') this.move(job, 'RUNNING');
    // Fault finished-at-set-while-running: finishedAt is stamped together with the start of the process.
    if (this.context.faults.has('finished-at-set-while-running')) run.finishedAt = this.context.state.clock.iso();
    if (this.context.faults.has('status-skips-back') && run.stats.migrationCount === 0) this.migrateLater(job);
    this.armTimeout(job);
    const exit = await child.exited;
    if (generation !== job.generation) return;
    job.process = null;
    this.finishAfterExit(job, exit);
  }

  /** The documented variables, plus the version's own ones (the documented ones win over a variable of the same name). */
  private environmentOf(job: RunJob, artifact: BuildArtifact): Record<string, string> {
    const { run } = job;
    return {
      ...artifact.envVars,
      ...actorEnvironment({
        token: job.user.token,
        apiBaseUrl: this.context.apiBaseUrl(),
        actorId: run.actId,
        runId: run.id,
        buildId: run.buildId,
        userId: run.userId,
        defaultKeyValueStoreId: run.defaultKeyValueStoreId,
        defaultDatasetId: run.defaultDatasetId,
        defaultRequestQueueId: run.defaultRequestQueueId,
        inputKey: job.inputKey,
        memoryMbytes: run.options.memoryMbytes,
        timeoutAt: job.timeoutAt,
        home: job.dir,
        path: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      }),
    };
  }

  /**
   * Fault status-skips-back: 1 s into its first process (long enough for a poller to see RUNNING first) the run moves
   * to another worker; while it moves (2.5 s, long enough for a poller on a loaded machine to see it) its status is set back to READY, and the new worker starts its code again
   * and moves it to RUNNING.
   */
  private migrateLater(job: RunJob): void {
    const generation = job.generation;
    setTimeout(() => {
      if (this.closing || generation !== job.generation || job.run.status !== 'RUNNING') return;
      job.run.stats.migrationCount += 1;
      job.run.status = 'READY';
      job.generation += 1;
      job.process?.kill('SIGKILL');
      job.process = null;
      setTimeout(() => void this.launch(job), MIGRATION_MS).unref();
    }, MIGRATION_AFTER_MS).unref();
  }

  private armTimeout(job: RunJob): void {
    // Fault timeout-not-enforced: no timer is ever set.
    if (job.timeoutTimer !== null || job.timeoutAt === null || this.context.faults.has('timeout-not-enforced')) return;
    job.timeoutTimer = setTimeout(() => this.timeOut(job), Math.max(0, job.timeoutAt.getTime() - Date.now()));
    job.timeoutTimer.unref();
  }

  private timeOut(job: RunJob): void {
    job.timeoutTimer = null;
    if (job.run.status !== 'RUNNING') return;
    this.move(job, 'TIMING-OUT');
    job.log.line(`The run timed out after ${job.run.options.timeoutSecs} s`);
    if (job.process !== null) {
      job.process.kill('SIGTERM');
      this.scheduleKill(job, job.process, TIMEOUT_KILL_GRACE_MS);
    }
  }

  private scheduleKill(job: RunJob, child: ActorProcess, afterMs: number): void {
    if (job.killTimer !== null) clearTimeout(job.killTimer);
    job.killTimer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    job.killTimer.unref();
  }

  private finishAfterExit(job: RunJob, exit: ProcessExit): void {
    const { run } = job;
    run.exitCode = exitCodeOf(exit);
    switch (run.status) {
      case 'ABORTING':
        run.statusMessage = 'Actor was aborted';
        this.finishAbort(job);
        break;
      case 'TIMING-OUT':
        run.statusMessage = 'Actor timed out';
        this.move(job, 'TIMED-OUT');
        break;
      case 'RUNNING':
        if (exit.error !== undefined) {
          job.log.line(`ERROR: the actor process could not start: ${exit.error.message}`);
          run.statusMessage = 'The actor process could not start';
          this.move(job, 'FAILED');
        } else if (exit.code === 0 || this.context.faults.has('exit-code-ignored')) {
          this.move(job, 'SUCCEEDED');
        } else {
          run.statusMessage = `Actor exited with ${exit.signal !== null ? `signal ${exit.signal}` : `code ${exit.code}`}`;
          job.log.line(run.statusMessage);
          this.move(job, 'FAILED');
        }
        break;
      default:
        break;
    }
  }

  /** ABORTING -> ABORTED, once the run has been ABORTING as long as the behaviour asks. */
  private finishAbort(job: RunJob): void {
    const remainingMs = job.abortedAt + this.context.behaviour.minAbortingMs - Date.now();
    if (remainingMs <= 0) {
      this.move(job, 'ABORTED');
      return;
    }
    setTimeout(() => {
      if (!this.closing && job.run.status === 'ABORTING') this.move(job, 'ABORTED');
    }, remainingMs).unref();
  }

  private move(job: RunJob, status: JobStatus): void {
    const { run } = job;
    transition(run, status, this.context.state.clock.now());
    if (!isTerminal(status)) return;
    // Fault finished-at-missing-on-terminal: the end is never stamped on the run.
    if (this.context.faults.has('finished-at-missing-on-terminal')) run.finishedAt = null;
    this.clearTimers(job);
    run.stats.computeUnits = (run.options.memoryMbytes / 1024) * (run.stats.durationMillis / 3_600_000);
    job.log.end();
    this.context.waiters.notify(run.id);
    const suffix = terminalEventSuffix(status);
    // Fault webhook-fires-on-every-end: a run's end fires ACTOR.RUN.SUCCEEDED whatever the status.
    const event = this.context.faults.has('webhook-fires-on-every-end') ? 'SUCCEEDED' : suffix;
    if (event !== undefined) this.context.events.emit({ type: `ACTOR.RUN.${event}`, run });
  }

  private clearTimers(job: RunJob): void {
    if (job.timeoutTimer !== null) clearTimeout(job.timeoutTimer);
    if (job.killTimer !== null) clearTimeout(job.killTimer);
    job.timeoutTimer = null;
    job.killTimer = null;
  }
}

function exitCodeOf(exit: ProcessExit): number | null {
  if (exit.code !== null) return exit.code;
  if (exit.signal !== null) return 128 + (constants.signals[exit.signal] ?? 0);
  return null;
}

function recordRunInStats(actor: Actor, user: User, run: Run): void {
  actor.stats.totalRuns += 1;
  actor.stats.lastRunStartedAt = run.startedAt;
  actor.userIds.add(user.id);
  const users = actor.userIds.size;
  Object.assign(actor.stats, { totalUsers: users, totalUsers7Days: users, totalUsers30Days: users, totalUsers90Days: users });
  if (actor.userId !== user.id) user.usedActorIds.add(actor.id);
}
