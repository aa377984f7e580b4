// Faults that live in what the emulator answers rather than in what it does: wrong status codes, headers, media types
// and body shapes (emulator/faults/catalogue.ts). Registered only when a fault is switched on, so the normal path pays
// nothing. Bodies are copied before they are bent: run and build objects are the emulator's live state.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newId } from '../state/ids.ts';
import type { Faults } from './faults.ts';

type Json = Record<string, unknown>;

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'TIMED-OUT', 'ABORTED']);
const CREATED_AS_200: Record<string, Parameters<Faults['has']>[0]> = {
  'POST /v2/acts': 'create-actor-200',
  'POST /v2/acts/:actorId/versions': 'create-version-200',
  'POST /v2/acts/:actorId/builds': 'build-actor-200',
  'POST /v2/acts/:actorId/runs': 'run-actor-200',
};
const DELETED_AS_200: Record<string, Parameters<Faults['has']>[0]> = {
  'DELETE /v2/acts/:actorId': 'delete-actor-200-with-body',
  'DELETE /v2/acts/:actorId/versions/:versionNumber': 'delete-version-200-with-body',
};

/** `GET /v2/acts/:actorId`, with the /v2/actors alias folded into /v2/acts. */
function routeOf(request: FastifyRequest): string {
  return `${request.method} ${(request.routeOptions.url ?? '').replace(/^\/v2\/actors(?=\/|$)/, '/v2/acts')}`;
}

export function registerResponseFaults(app: FastifyInstance, faults: Faults): void {
  app.addHook('preSerialization', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (typeof payload !== 'object' || payload === null || !('data' in payload)) return payload;
    const body = structuredClone(payload) as { data: unknown };
    bendData(body, routeOf(request), faults);
    return body;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const route = routeOf(request);
    const status = reply.statusCode;
    if (status === 201 && CREATED_AS_200[route] && faults.has(CREATED_AS_200[route])) reply.code(200);
    if (route === 'POST /v2/acts' && faults.has('create-actor-no-location')) reply.removeHeader('location');
    if (status === 204 && DELETED_AS_200[route] && faults.has(DELETED_AS_200[route])) {
      reply.code(200).type('application/json');
      return '{"data":{}}';
    }
    if (route === 'GET /v2/acts/:actorId' && status === 200 && faults.has('get-actor-wrong-content-type')) reply.type('text/plain');
    if (status >= 400) return bendError(reply, payload, faults);
    return payload;
  });
}

function bendData(body: { data: unknown }, route: string, faults: Faults): void {
  const data = body.data as Json;
  if (faults.has('versions-list-missing-total') && route === 'GET /v2/acts/:actorId/versions') delete data.total;
  if (faults.has('webhooks-list-not-paginated') && route === 'GET /v2/acts/:actorId/webhooks') body.data = data.items;
  if (faults.has('get-version-missing-source-type') && route === 'GET /v2/acts/:actorId/versions/:versionNumber') delete data.sourceType;
  if (faults.has('get-build-missing-status') && route === 'GET /v2/acts/:actorId/builds/:buildId') delete data.status;
  if (faults.has('ids-wrong-shape') && route === 'POST /v2/acts/:actorId/builds') data.id = String(data.id).slice(0, 16);
  if (faults.has('metamorph-new-run-id') && route === 'POST /v2/acts/:actorId/runs/:runId/metamorph') data.id = newId();
  const jobs = Array.isArray(data.items) ? (data.items as Json[]) : [data];
  for (const job of jobs) bendJob(job, route, faults);
  if (faults.has('dates-not-iso')) rewriteDates(body.data);
}

function bendJob(job: Json, route: string, faults: Faults): void {
  if (typeof job.status !== 'string' || !('finishedAt' in job)) return;
  const terminal = TERMINAL.has(job.status);
  if (faults.has('finished-at-missing-on-terminal') && terminal) job.finishedAt = null;
  if (faults.has('finished-at-set-while-running') && !terminal) job.finishedAt = new Date().toISOString();
  if (faults.has('status-skips-back') && route === 'GET /v2/acts/:actorId/runs/:runId' && job.status === 'SUCCEEDED') {
    // For a moment after it ends, a read from a stale replica says the run is still going.
    if (Date.now() - Date.parse(String(job.finishedAt)) < 1500) job.status = 'RUNNING';
  }
}

function rewriteDates(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  for (const [key, inner] of Object.entries(value as Json)) {
    if (key.endsWith('At') && typeof inner === 'string' && !Number.isNaN(Date.parse(inner))) {
      (value as Json)[key] = new Date(inner).toString();
    } else {
      rewriteDates(inner);
    }
  }
}

function bendError(reply: FastifyReply, payload: unknown, faults: Faults): unknown {
  if (reply.statusCode === 405 && faults.has('method-not-allowed-as-404')) reply.code(404);
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  const text = payload.toString();
  let parsed: { error?: { type?: string; message?: string } } | undefined;
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return payload;
  }
  if (faults.has('errors-not-json')) {
    reply.type('text/plain');
    return `Error: ${parsed?.error?.message ?? 'request failed'}`;
  }
  if (faults.has('not-found-wrong-type') && reply.statusCode === 404 && parsed?.error?.type === 'record-not-found') {
    return JSON.stringify({ error: { ...parsed.error, type: 'not-found' } });
  }
  return payload;
}
