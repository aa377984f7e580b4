import type { ApiResponse } from '../common/http.ts';
import { CheckFailure, expectError } from '../suites/support/expect.ts';
import type { AccountAnchors, SituationId } from './situations.ts';

/** One assertion of a check, as the check makes it: the answer to a situation must be this error. */
interface Step {
  situation: SituationId;
  status: number;
  type?: string;
}

/** A check whose assertions the probe's situations reproduce, in the order the check makes them. */
export interface JudgedCheck {
  id: string;
  steps: Step[];
  /** The check looks its unknown ids up under an object of its own; the probe needs one of the account's. */
  needs?: keyof AccountAnchors;
  /** What the check also asserts that the probe does not reproduce (a write). */
  unseen?: string;
}

const NOT_FOUND = { status: 404, type: 'record-not-found' } as const;
const TOKEN_NOT_PROVIDED = { status: 401, type: 'token-not-provided' } as const;

/** The checks of suites/ the probe can judge (suites/errors, suites/auth, suites/key-value-stores), step by step. */
export const JUDGED_CHECKS: readonly JudgedCheck[] = [
  { id: 'errors.unknown-actor-404', steps: [{ situation: 'unknown-actor', ...NOT_FOUND }] },
  { id: 'errors.unknown-run-404', needs: 'actorId', steps: [{ situation: 'unknown-run', ...NOT_FOUND }] },
  { id: 'errors.unknown-build-404', needs: 'actorId', steps: [{ situation: 'unknown-build', ...NOT_FOUND }] },
  {
    id: 'auth.token-required',
    steps: [
      { situation: 'no-token-actor-list', ...TOKEN_NOT_PROVIDED },
      { situation: 'no-token-actor', ...TOKEN_NOT_PROVIDED },
    ],
  },
  {
    id: 'auth.invalid-token-rejected',
    steps: [
      { situation: 'bad-token', status: 401 },
      { situation: 'bad-token-query', status: 401 },
    ],
  },
  {
    id: 'key-value-stores.records-not-found',
    needs: 'storeId',
    steps: [
      { situation: 'unknown-record-key', ...NOT_FOUND },
      { situation: 'unknown-store-record', ...NOT_FOUND },
      { situation: 'unknown-key-value-store', ...NOT_FOUND },
    ],
    unseen: 'Put record with an invalid key answering 400 invalid-record-key, a write',
  },
];

export type Verdict =
  | { kind: 'passes' }
  /** Every step the probe saw passes; the check's `unseen` part may still fail. */
  | { kind: 'passes-seen-part'; unseen: string }
  /** The check's failure message, as the check itself would word it. */
  | { kind: 'fails'; message: string }
  | { kind: 'unjudged'; reason: string };

const ANCHOR_NAMES: Record<keyof AccountAnchors, string> = { actorId: 'an actor', storeId: 'a key-value store' };

/** What the check would conclude from the answers the probe got, with the failure message its own assertions write. */
export function verdictOf(check: JudgedCheck, anchors: AccountAnchors, answers: ReadonlyMap<SituationId, ApiResponse>): Verdict {
  if (check.needs !== undefined && anchors[check.needs] === undefined) {
    return { kind: 'unjudged', reason: `the check looks its unknown ids up under ${ANCHOR_NAMES[check.needs]} of its own, and the account has none` };
  }
  for (const step of check.steps) {
    const answer = answers.get(step.situation);
    if (answer === undefined) return { kind: 'unjudged', reason: `the probe did not ask ${step.situation}` };
    try {
      expectError(answer, step.status, step.type);
    } catch (error) {
      if (error instanceof CheckFailure) return { kind: 'fails', message: error.message };
      throw error;
    }
  }
  return check.unseen === undefined ? { kind: 'passes' } : { kind: 'passes-seen-part', unseen: check.unseen };
}
