import { type ConformanceConfig, DEFAULTS } from '../common/config.ts';
import { type ApiResponse, createConfiguredClient } from '../common/http.ts';
import type { Profile } from '../runner/profiles.ts';
import { readAccount } from './account.ts';
import type { CreatedFact, ProbeFacts, WaitCapFact } from './facts.ts';
import { ProbeClient } from './probe-client.ts';
import { startProbeRun } from './probe-run.ts';
import { type AccountAnchors, askSituations, type SituationId } from './situations.ts';
import { waitOnRun } from './wait-cap.ts';

export interface GatheredFacts {
  facts: ProbeFacts;
  /** What the account held to look unknown ids up under, and the raw answers: the check verdicts read both. */
  anchors: AccountAnchors;
  answers: Map<SituationId, ApiResponse>;
}

/**
 * Everything the probe asks, in order: the account's objects (which also show what to look unknown ids up under and
 * which runs are still going), the error situations, then the wait cap on a run that is going: one of the account's,
 * else (`withRuns`) one the probe starts and removes.
 */
export async function gatherFacts(options: { config: ConformanceConfig; profile: Profile; withRuns: boolean }): Promise<GatheredFacts> {
  const { config, profile, withRuns } = options;
  const startedAt = new Date().toISOString();
  // Waits may be held up to any cap the target might have: the profile's, or the documented one when that is longer.
  const capBoundSecs = Math.max(profile.timing.maxWaitSecs, DEFAULTS.maxWaitSecs);
  const waitTimeoutSecs = capBoundSecs + 60;
  const api = createConfiguredClient({ ...config, maxWaitSecs: capBoundSecs });
  const probe = new ProbeClient(api);
  const account = await readAccount(probe);
  const { facts: errors, answers } = await askSituations(probe, account.anchors);

  const going = account.unfinishedRuns[0];
  let waitForFinish: WaitCapFact = going
    ? await waitOnRun(probe, going, 'unfinished-run-of-the-account', waitTimeoutSecs)
    : { measured: false, note: "the account has no run going to wait on; --with-runs starts one (a build and about a cap's worth of a 128 MB run)" };
  let created: CreatedFact | null = null;
  if (!waitForFinish.measured && withRuns) {
    const run = await startProbeRun(api, config, capBoundSecs);
    try {
      waitForFinish = await waitOnRun(probe, run, 'probe-run', waitTimeoutSecs);
    } finally {
      created = await run.finish();
    }
  }
  return {
    facts: {
      schemaVersion: 1,
      target: config.baseUrl,
      profile: profile.name,
      startedAt,
      finishedAt: new Date().toISOString(),
      withRuns,
      errors,
      waitForFinish,
      rateLimits: probe.rateLimits(),
      objects: account.objects,
      created,
      notes: account.notes,
    },
    anchors: account.anchors,
    answers,
  };
}
