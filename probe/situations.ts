import type { ApiRequest, ApiResponse } from '../common/http.ts';
import { NOBODYS_TOKEN, UNKNOWN_ID } from '../common/unknowns.ts';
import type { ErrorFact } from './facts.ts';
import type { ProbeClient } from './probe-client.ts';

/** A record key the probe never writes. */
const ABSENT_KEY = 'apify-conformance-probe-absent-key';

/** What the account holds that a situation may look something up under. */
export interface AccountAnchors {
  /** An actor of the account's own (the checks look unknown runs and builds up under their own actor). */
  actorId: string | undefined;
  /** A key-value store of the account, to ask an unknown key of. */
  storeId: string | undefined;
}

export type SituationId =
  | 'unknown-actor'
  | 'unknown-run'
  | 'unknown-build'
  | 'unknown-dataset'
  | 'unknown-key-value-store'
  | 'unknown-request-queue'
  | 'unknown-record-key'
  | 'unknown-store-record'
  | 'no-token-actor-list'
  | 'no-token-actor'
  | 'no-token-user'
  | 'bad-token'
  | 'bad-token-query';

interface Situation {
  id: SituationId;
  what: string;
  /** The request, or why it cannot be asked of this account. */
  ask(anchors: AccountAnchors): { template: string; params: Record<string, string>; request?: Omit<ApiRequest, 'path'> } | { notAsked: string };
}

const id = { id: UNKNOWN_ID };

/** The error situations a profile's expectations rest on: unknown ids of every kind, a missing and a bad token. */
export const SITUATIONS: readonly Situation[] = [
  { id: 'unknown-actor', what: 'Get actor of an unknown actor id', ask: () => ({ template: '/v2/acts/{id}', params: id }) },
  {
    id: 'unknown-run',
    what: 'Get run of an unknown run id (under an actor of the account when it has one, as the checks ask)',
    ask: ({ actorId }) =>
      actorId === undefined ? { template: '/v2/actor-runs/{id}', params: id } : { template: '/v2/acts/{actorId}/runs/{id}', params: { actorId, ...id } },
  },
  {
    id: 'unknown-build',
    what: 'Get build of an unknown build id (under an actor of the account when it has one, as the checks ask)',
    ask: ({ actorId }) =>
      actorId === undefined ? { template: '/v2/actor-builds/{id}', params: id } : { template: '/v2/acts/{actorId}/builds/{id}', params: { actorId, ...id } },
  },
  { id: 'unknown-dataset', what: 'Get dataset of an unknown id', ask: () => ({ template: '/v2/datasets/{id}', params: id }) },
  { id: 'unknown-key-value-store', what: 'Get store of an unknown id', ask: () => ({ template: '/v2/key-value-stores/{id}', params: id }) },
  { id: 'unknown-request-queue', what: 'Get request queue of an unknown id', ask: () => ({ template: '/v2/request-queues/{id}', params: id }) },
  {
    id: 'unknown-record-key',
    what: 'Get record of a key never stored, in a store of the account',
    ask: ({ storeId }) =>
      storeId === undefined
        ? { notAsked: 'the account has no key-value store to ask an unknown key of' }
        : { template: '/v2/key-value-stores/{storeId}/records/{key}', params: { storeId, key: ABSENT_KEY } },
  },
  {
    id: 'unknown-store-record',
    what: 'Get record of any key in an unknown store',
    ask: () => ({ template: '/v2/key-value-stores/{id}/records/{key}', params: { ...id, key: 'any' } }),
  },
  { id: 'no-token-actor-list', what: 'Get list of actors without a token', ask: () => ({ template: '/v2/acts', params: {}, request: { token: null } }) },
  { id: 'no-token-actor', what: 'Get actor without a token', ask: () => ({ template: '/v2/acts/{id}', params: id, request: { token: null } }) },
  { id: 'no-token-user', what: 'Get private user data without a token', ask: () => ({ template: '/v2/users/me', params: {}, request: { token: null } }) },
  {
    id: 'bad-token',
    what: 'Get list of actors with a token of nobody (Bearer)',
    ask: () => ({ template: '/v2/acts', params: {}, request: { token: NOBODYS_TOKEN } }),
  },
  {
    id: 'bad-token-query',
    what: 'Get list of actors with a token of nobody (query parameter)',
    ask: () => ({ template: '/v2/acts', params: {}, request: { token: NOBODYS_TOKEN, auth: 'query' } }),
  },
];

/** Asks every situation once; returns the facts and the answers (which the check verdicts read). */
export async function askSituations(probe: ProbeClient, anchors: AccountAnchors): Promise<{ facts: ErrorFact[]; answers: Map<SituationId, ApiResponse> }> {
  const facts: ErrorFact[] = [];
  const answers = new Map<SituationId, ApiResponse>();
  for (const situation of SITUATIONS) {
    const asked = situation.ask(anchors);
    if ('notAsked' in asked) {
      facts.push({ situation: situation.id, what: situation.what, notAsked: asked.notAsked });
      continue;
    }
    const response = await probe.request(asked.template, asked.params, asked.request);
    answers.set(situation.id, response);
    const error = errorOf(response.body);
    facts.push({ situation: situation.id, what: situation.what, request: probe.describe(response), status: response.status, ...error });
  }
  return { facts, answers };
}

function errorOf(body: unknown): { type?: string; message?: string } {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return {};
  const { type, message } = error as { type?: unknown; message?: unknown };
  return { ...(typeof type === 'string' ? { type } : {}), ...(typeof message === 'string' ? { message } : {}) };
}
