import { heldFor, lateSlackMs } from '../common/timing.ts';
import type { Profile } from '../runner/profiles.ts';
import { JUDGED_CHECKS, type JudgedCheck, type Verdict } from './check-verdicts.ts';
import type { ProbeFacts, SchemaGap } from './facts.ts';
import { WAIT_ASKED_SECS } from './wait-cap.ts';

/**
 * One line of the comparison: an entry of the profile (an expectation, a timing value), a check the probe judged, or a
 * schema, and how it stands against what the probe saw. `uncovered` lines (members the schemas do not declare) are
 * drift the open schemas accept: they are printed, never counted as a misfit.
 */
export interface FitLine {
  kind: 'no-longer-fits' | 'fits' | 'cannot-judge' | 'uncovered';
  subject: string;
  detail: string;
}

/** The endpoint whose X-RateLimit-Limit is the profile's rateLimitRps: the one the rate-limit checks burst. */
export const RATE_LIMITED_ENDPOINT = 'GET /v2/acts/{id}';

/** Run-sync holds its answer up to its own cap (300 s on the live API): minutes of a paid run. */
const NO_RUN_SYNC = 'the probe starts no synchronous run (it would cost minutes of a paid run)';

export function fitProfile(profile: Profile, facts: ProbeFacts, verdictOf: (check: JudgedCheck) => Verdict): FitLine[] {
  const runSyncCap = profile.timing.runSyncMaxWaitSecs;
  const runSync: FitLine[] =
    runSyncCap === undefined
      ? []
      : [
          {
            kind: 'cannot-judge',
            subject: `timing.runSyncMaxWaitSecs ${runSyncCap}`,
            detail: `${NO_RUN_SYNC}, and timing this cap needs one held until it ends`,
          },
        ];
  return [...fitChecks(profile, verdictOf), fitWaitCap(profile, facts), ...runSync, fitRateLimit(profile, facts), ...fitSchemas(facts)];
}

function fitChecks(profile: Profile, verdictOf: (check: JudgedCheck) => Verdict): FitLine[] {
  const lines: FitLine[] = [];
  for (const expectation of profile.expectations) {
    const subject = `expectation ${expectation.id}`;
    const check = JUDGED_CHECKS.find((judged) => judged.id === expectation.id);
    if (check === undefined) {
      lines.push({ kind: 'cannot-judge', subject, detail: whyNotJudged(expectation.id) });
      continue;
    }
    const verdict = verdictOf(check);
    const match = new RegExp(expectation.match);
    if (verdict.kind === 'unjudged') lines.push({ kind: 'cannot-judge', subject, detail: verdict.reason });
    else if (verdict.kind === 'passes') lines.push({ kind: 'no-longer-fits', subject, detail: 'the check would pass now: remove the entry' });
    else if (verdict.kind === 'passes-seen-part') {
      const detail = `every answer the probe saw passes; the entry holds only if what it cannot see, ${verdict.unseen}, fails as /${expectation.match}/`;
      lines.push({ kind: 'no-longer-fits', subject, detail });
    } else if (match.test(verdict.message)) lines.push({ kind: 'fits', subject, detail: `fails as listed (/${expectation.match}/): ${verdict.message}` });
    else lines.push({ kind: 'no-longer-fits', subject, detail: `fails another way than /${expectation.match}/: ${verdict.message}` });
  }
  for (const check of JUDGED_CHECKS) {
    if (profile.expectations.some((expectation) => expectation.id === check.id)) continue;
    const subject = `check ${check.id}`;
    const verdict = verdictOf(check);
    if (verdict.kind === 'unjudged') lines.push({ kind: 'cannot-judge', subject, detail: verdict.reason });
    else if (verdict.kind === 'fails')
      lines.push({ kind: 'no-longer-fits', subject, detail: `would fail, and the profile lists no expectation for it: ${verdict.message}` });
    else lines.push({ kind: 'fits', subject, detail: 'passes, as the profile expects (it lists no expectation for it)' });
  }
  return lines;
}

function whyNotJudged(id: string): string {
  if (/run-sync|synchronously/i.test(id)) return `${NO_RUN_SYNC}, and this check needs one that outlives the wait cap`;
  return `the probe reproduces only ${JUDGED_CHECKS.map((check) => check.id).join(', ')}`;
}

function fitWaitCap(profile: Profile, facts: ProbeFacts): FitLine {
  const cap = profile.timing.maxWaitSecs;
  const subject = `timing.maxWaitSecs ${cap}`;
  const wait = facts.waitForFinish;
  if (wait.heldMs === undefined) return { kind: 'cannot-judge', subject, detail: wait.note };
  const held = `waitForFinish=${WAIT_ASKED_SECS} was held ${(wait.heldMs / 1000).toFixed(1)} s`;
  if (wait.measured) {
    return heldFor(wait.heldMs, cap)
      ? { kind: 'fits', subject, detail: `${held} with the run still ${wait.statusAfter}` }
      : { kind: 'no-longer-fits', subject, detail: `${held} with the run still ${wait.statusAfter}: the cap is about ${wait.capSecs} s` };
  }
  if (wait.heldMs > cap * 1000 + lateSlackMs(cap))
    return { kind: 'no-longer-fits', subject, detail: `${held}, longer than a cap of ${cap} s allows (${wait.note})` };
  return { kind: 'cannot-judge', subject, detail: wait.note };
}

function fitRateLimit(profile: Profile, facts: ProbeFacts): FitLine {
  const rps = profile.timing.rateLimitRps;
  const subject = `timing.rateLimitRps ${rps}`;
  const limit = facts.rateLimits.find((fact) => fact.endpoint === RATE_LIMITED_ENDPOINT)?.headers['x-ratelimit-limit'];
  if (limit === undefined)
    return { kind: 'cannot-judge', subject, detail: `${RATE_LIMITED_ENDPOINT} (the endpoint the rate-limit checks burst) announced no X-RateLimit-Limit` };
  const detail = `X-RateLimit-Limit: ${limit} on ${RATE_LIMITED_ENDPOINT}, the endpoint the rate-limit checks burst`;
  return { kind: Number(limit) === rps ? 'fits' : 'no-longer-fits', subject, detail };
}

/** Missing required members and forbidden nulls fail every check that validates the body; undeclared members do not. */
function fitSchemas(facts: ProbeFacts): FitLine[] {
  const seen = new Map<string, { gap: SchemaGap; where: string }>();
  const undeclared = new Map<string, Map<string, string>>();
  for (const object of facts.objects) {
    const where = `${object.object} (${object.request})`;
    for (const gap of object.gaps) {
      if (gap.kind === 'undeclared') {
        const members = undeclared.get(gap.schema) ?? new Map<string, string>();
        if (!members.has(gap.member)) members.set(gap.member, where);
        undeclared.set(gap.schema, members);
      } else {
        const key = `${gap.kind}\u0000${gap.schema}\u0000${gap.member}`;
        if (!seen.has(key)) seen.set(key, { gap, where });
      }
    }
  }
  const lines: FitLine[] = [...seen.values()].map(({ gap, where }) => ({
    kind: 'no-longer-fits',
    subject: `schemas/${gap.schema}`,
    detail:
      gap.kind === 'missing-required'
        ? `${gap.member} is required but missing in ${where}`
        : `${gap.member} is null in ${where}, which the schema does not allow`,
  }));
  for (const [schema, members] of undeclared) {
    const detail = `members it does not declare: ${[...members.keys()].sort().join(', ')} (first seen in ${[...members.values()][0]})`;
    lines.push({ kind: 'uncovered', subject: `schemas/${schema}`, detail });
  }
  return lines;
}
