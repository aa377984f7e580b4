// Builds: READY -> RUNNING -> SUCCEEDED | FAILED (or ABORTING -> ABORTED). A build materialises the version's sources
// into its own directory and checks every JavaScript file with `node --check` (once per distinct file: see
// syntax-check-memo.ts), performs the Dockerfile's `RUN sleep <n>` steps (the only steps it runs); it stays RUNNING at
// least as long as the job behaviour says (job-behaviour.ts); a successful build gets the tag.
import { newId } from '../state/ids.ts';
import type { Actor, Build, JobMeta, JobStatus, Version } from '../state/types.ts';
import type { ActorProcess } from './actor-process.ts';
import { spawnNode } from './actor-process.ts';
import {
  BuildFailure,
  dockerfileSleepSecs,
  javaScriptFilesOf,
  mainFileOf,
  missingDependenciesOf,
  type SourceFileContent,
  sourceFilesOf,
  writeSources,
} from './build-sources.ts';
import type { JobContext } from './job-context.ts';
import { terminalEventSuffix } from './job-events.ts';
import { JobLog } from './job-log.ts';
import { checkMemoryQuota } from './memory-quota.ts';
import { sleepUntil } from './sleep-until.ts';
import { ABORTABLE_STATUSES, transition } from './status-machine.ts';
import { SyntaxCheckMemo } from './syntax-check-memo.ts';

export interface BuildArtifact {
  dir: string;
  mainFile: string;
  /** The version's environment variables (secret ones with their value), as they were when it was built. */
  envVars: Record<string, string>;
}

export interface StartBuildParams {
  actor: Actor;
  version: Version;
  tag: string;
  useCache: boolean;
  betaPackages: boolean;
  meta: JobMeta;
}

interface BuildJob {
  build: Build;
  actor: Actor;
  log: JobLog;
  artifact: BuildArtifact | null;
  checks: Set<ActorProcess>;
}

/** What every build holds, as on the platform. */
const BUILD_MEMORY_MBYTES = 4096;
const SYNTAX_CHECK_CONCURRENCY = 4;
const INPUT_SCHEMA_FILES = ['.actor/input_schema.json', '.actor/INPUT_SCHEMA.json', 'INPUT_SCHEMA.json'];

// Shared by every emulator of the process: what `node --check` decides depends only on the memo's key, and the project's
// tests and the self-test start hundreds of emulators that build the same fixture sources.
const syntaxChecks = new SyntaxCheckMemo();

export class BuildJobs {
  private readonly jobs = new Map<string, BuildJob>();

  constructor(private readonly context: JobContext) {}

  start(params: StartBuildParams): Build {
    const { actor, version } = params;
    const { state, behaviour } = this.context;
    checkMemoryQuota(state, actor.userId, BUILD_MEMORY_MBYTES, behaviour.memoryQuotaMbytes);
    const buildCount = (actor.buildCounters.get(version.versionNumber) ?? 0) + 1;
    actor.buildCounters.set(version.versionNumber, buildCount);
    const build: Build = {
      // Fault ids-wrong-shape: build ids are cut to 16 characters.
      id: this.context.faults.has('ids-wrong-shape') ? newId().slice(0, 16) : newId(),
      actId: actor.id,
      userId: actor.userId,
      startedAt: state.clock.iso(),
      finishedAt: null,
      status: 'READY',
      statusMessage: null,
      meta: params.meta,
      stats: { durationMillis: 0, runTimeSecs: 0, computeUnits: 0 },
      options: {
        useCache: params.useCache,
        betaPackages: params.betaPackages,
        memoryMbytes: BUILD_MEMORY_MBYTES,
        diskMbytes: 2 * BUILD_MEMORY_MBYTES,
      },
      buildNumber: `${version.versionNumber}.${buildCount}`,
      actVersion: version.versionNumber,
      readme: null,
      inputSchema: null,
      ...(behaviour.usageMembers ? { usageTotalUsd: 0 } : {}),
    };
    actor.builds.push(build);
    actor.stats.totalBuilds += 1;
    state.builds.set(build.id, build);
    const job: BuildJob = { build, actor, log: new JobLog(), artifact: null, checks: new Set() };
    this.jobs.set(build.id, job);
    this.context.events.emit({ type: 'ACTOR.BUILD.CREATED', build });
    void this.execute(job, structuredClone(version), params.tag);
    return build;
  }

  /** Code of a successful build, for runs. */
  artifactOf(buildId: string): BuildArtifact | null {
    return this.jobs.get(buildId)?.artifact ?? null;
  }

  logOf(buildId: string): JobLog | undefined {
    return this.jobs.get(buildId)?.log;
  }

  /**
   * Aborts a READY or RUNNING build; a finished one is left as it is. Resolves once the build is ABORTED, or at once
   * when it must stay ABORTING a while (then the build ends later, as on the platform).
   */
  async abort(build: Build): Promise<void> {
    const job = this.jobs.get(build.id);
    if (job !== undefined && !ABORTABLE_STATUSES.has(build.status) && this.context.faults.has('abort-finished-build-changes-status')) {
      // Fault abort-finished-build-changes-status: the status is overwritten without asking whether the build had ended.
      build.status = 'ABORTED';
      return;
    }
    if (job === undefined || !ABORTABLE_STATUSES.has(build.status)) return;
    const { minAbortingMs } = this.context.behaviour;
    const aborted = this.stop(job, minAbortingMs);
    if (minAbortingMs === 0) await aborted;
  }

  /** Forgets the builds of a deleted actor, stopping those still running. */
  async forget(builds: readonly Build[]): Promise<void> {
    await Promise.all(builds.map((build) => this.abort(build)));
    for (const build of builds) this.jobs.delete(build.id);
  }

  async shutdown(): Promise<void> {
    const unfinished = [...this.jobs.values()].filter((job) => ABORTABLE_STATUSES.has(job.build.status));
    await Promise.all(unfinished.map((job) => this.stop(job, 0)));
  }

  /** ABORTING at once; ABORTED when the build's syntax checks are gone and it has been ABORTING `minAbortingMs`. */
  private async stop(job: BuildJob, minAbortingMs: number): Promise<void> {
    const abortedAt = Date.now();
    this.move(job, 'ABORTING');
    job.log.line('Build was aborted');
    for (const check of job.checks) check.kill('SIGKILL');
    await Promise.all([...job.checks].map((check) => check.exited));
    await sleepUntil(abortedAt + minAbortingMs);
    this.move(job, 'ABORTED');
  }

  private async execute(job: BuildJob, version: Version, tag: string): Promise<void> {
    const { build, log } = job;
    this.move(job, 'RUNNING');
    // Also from the recorded start: the emulator's clock may run a millisecond or two ahead of Date.now() (it never
    // repeats a timestamp), and finishedAt - startedAt is what a client measures.
    const earliestEnd = Math.max(Date.now(), Date.parse(build.startedAt)) + this.context.behaviour.minBuildMs;
    log.line(`Building version ${version.versionNumber} (build ${build.buildNumber}) of ${job.actor.username}/${job.actor.name}`);
    try {
      const files = sourceFilesOf(version);
      const mainFile = mainFileOf(files);
      const missing = missingDependenciesOf(files);
      if (missing.length > 0) {
        log.line(`Note: dependencies are not installed by the emulator (only "apify" is provided): ${missing.join(', ')}`);
      }
      const dir = this.context.workspace.buildDir(build.id);
      await writeSources(dir, files);
      log.line(`Wrote ${files.length} source file(s); main file: ${mainFile}`);
      const syntaxErrors = await this.checkSyntax(job, dir, files);
      const sleepSecs = dockerfileSleepSecs(files);
      if (sleepSecs > 0 && syntaxErrors === 0) {
        log.line(`Dockerfile: RUN sleep ${sleepSecs}`);
        // Ends early when the build does (an abort notifies its waiters).
        await this.context.waiters.wait(build.id, sleepSecs * 1000);
      }
      await sleepUntil(earliestEnd);
      if (build.status !== 'RUNNING') return;
      if (syntaxErrors > 0) throw new BuildFailure(`${syntaxErrors} file(s) failed the syntax check (see above)`);
      job.artifact = { dir, mainFile, envVars: Object.fromEntries((version.envVars ?? []).map(({ name, value }) => [name, value])) };
      build.readme = textOf(files, ['README.md']);
      build.inputSchema = textOf(files, INPUT_SCHEMA_FILES);
      log.line('Build succeeded');
      this.move(job, 'SUCCEEDED');
      job.actor.taggedBuilds[tag] = { buildId: build.id, buildNumber: build.buildNumber, finishedAt: build.finishedAt! };
    } catch (error) {
      if (build.status !== 'RUNNING') return;
      const message = error instanceof BuildFailure ? error.message : `Unexpected error: ${(error as Error).message}`;
      log.line(`ERROR: ${message}`);
      build.statusMessage = message;
      this.move(job, 'FAILED');
    }
  }

  /** Runs `node --check` on each JavaScript file not known to pass, a few at a time; returns how many failed. */
  private async checkSyntax(job: BuildJob, dir: string, sources: readonly SourceFileContent[]): Promise<number> {
    let failures = 0;
    const names = new Set(javaScriptFilesOf(sources));
    const queue = sources.filter((source) => names.has(source.name) && !syntaxChecks.has(source, sources));
    if (queue.length < names.size) job.log.line(`Syntax check: ${names.size - queue.length} file(s) passed it before with the same sources`);
    const worker = async () => {
      for (let file = queue.shift(); file !== undefined && job.build.status === 'RUNNING'; file = queue.shift()) {
        let output = '';
        const check = spawnNode({
          nodeArgs: ['--check'],
          mainFile: file.name,
          cwd: dir,
          env: { PATH: process.env.PATH ?? '', HOME: dir },
          onOutput: (text) => {
            output += text;
          },
        });
        job.checks.add(check);
        const exit = await check.exited;
        job.checks.delete(check);
        if (exit.code === 0) syntaxChecks.remember(file, sources);
        else if (job.build.status === 'RUNNING') {
          failures += 1;
          job.log.line(`Syntax check failed for ${file.name}:\n${output.trimEnd()}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(SYNTAX_CHECK_CONCURRENCY, queue.length) }, worker));
    return failures;
  }

  private move(job: BuildJob, status: JobStatus): void {
    transition(job.build, status, this.context.state.clock.now());
    if (job.build.finishedAt !== null) {
      job.log.end();
      this.context.waiters.notify(job.build.id);
      const suffix = terminalEventSuffix(status);
      if (suffix !== undefined) this.context.events.emit({ type: `ACTOR.BUILD.${suffix}`, build: job.build });
    }
  }
}

function textOf(files: readonly SourceFileContent[], names: readonly string[]): string | null {
  const file = files.find((candidate) => names.includes(candidate.name));
  return file === undefined ? null : file.bytes.toString('utf8');
}
