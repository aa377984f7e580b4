import type { ConformanceConfig } from '../common/config.ts';
import { FixtureSession, type JobRecord } from '../common/fixtures/index.ts';
import type { ApiClient } from '../common/http.ts';
import { outlivingSleepMs } from '../common/timing.ts';
import type { CreatedFact } from './facts.ts';

/** The probe's own run could not be set up: the target refused a step, or the build did not succeed. */
export class ProbeRunError extends Error {
  override readonly name = 'ProbeRunError';
}

/** A run the probe started to wait on (`--with-runs`); `finish` aborts it and removes everything made for it. */
export interface ProbeRun {
  actorId: string;
  runId: string;
  finish(): Promise<CreatedFact>;
}

/**
 * Creates the fixture actor (named with the run's resource prefix, so `--sweep` finds a leftover), builds it, and starts
 * a 128 MB run that sleeps past any cap up to `capBoundSecs`. The run is aborted as soon as the wait was timed, so it
 * costs the cap's worth of the smallest run, plus one build.
 */
export async function startProbeRun(api: ApiClient, config: ConformanceConfig, capBoundSecs: number): Promise<ProbeRun> {
  const session = new FixtureSession(api, { ...config, maxWaitSecs: capBoundSecs }, { scope: 'probe' });
  try {
    const actor = await session.createActor('wait-cap');
    const build = await session.buildActor(actor.id);
    const sleepMillis = outlivingSleepMs(capBoundSecs, capBoundSecs);
    const run = await session.startRun(actor.id, { sleepMillis, writeOutput: false }, { timeoutSecs: Math.ceil(sleepMillis / 1000) + 60 });
    const finish = async (): Promise<CreatedFact> => {
      let ended: JobRecord;
      try {
        // Aborted and awaited before the clean-up, so the ended run's usage is read while its actor still exists.
        await api.request({ method: 'POST', path: `/v2/acts/${actor.id}/runs/${run.id}/abort` });
        ended = await session.waitForRun(actor.id, run.id);
      } catch (error) {
        await session.cleanup();
        throw new ProbeRunError(`could not end the run it waited on: ${messageOf(error)}`);
      }
      const report = await session.cleanup();
      return {
        actor: actor.name,
        buildId: build.id,
        runId: run.id,
        buildComputeUnits: computeUnits(build),
        runComputeUnits: computeUnits(ended),
        removed: [...report.aborted, ...report.deleted],
        leftovers: report.failures,
      };
    };
    return { actorId: actor.id, runId: run.id, finish };
  } catch (error) {
    await session.cleanup();
    throw new ProbeRunError(`could not set up a run to wait on: ${messageOf(error)}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function computeUnits(job: JobRecord): number | null {
  const units = (job.stats as { computeUnits?: unknown } | undefined)?.computeUnits;
  return typeof units === 'number' ? units : null;
}
