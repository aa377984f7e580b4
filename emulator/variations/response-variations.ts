// The correct variations (emulator/variations/catalogue.ts) as hooks on the whole API: they change how answers look
// and when they come, never what the emulator does. Registered only when one is switched on. Bodies are copied before
// they change: run and build objects are the emulator's live state.
import type { FastifyInstance } from 'fastify';
import type { EmulatorOptions } from '../config.ts';
import { ApiError } from '../errors.ts';
import { endpointLimit } from '../http/rate-limit.ts';
import { ADDED_LATENCY_MS, SPORADIC_429_EVERY, type VariationId } from './catalogue.ts';

const EXTRA_MEMBER = 'undocumentedExtra';

export function registerResponseVariations(app: FastifyInstance, options: EmulatorOptions): void {
  const active: ReadonlySet<VariationId> = new Set(options.variations);
  if (active.has('latency')) {
    app.addHook('onRequest', (_request, _reply, done) => {
      setTimeout(done, ADDED_LATENCY_MS);
    });
  }
  if (active.has('sporadic-429')) {
    // Counted per endpoint, as the platform's limits are: a run's own storage calls (its INPUT and OUTPUT records) go to
    // paths of their own and are seldom refused, so a short wait cap is not spent on the actor's backoff; the checks'
    // repeated calls to one endpoint (lists, polls) still meet the 429s.
    const counts = new Map<string, number>();
    app.addHook('onRequest', (request, _reply, done) => {
      const endpoint = `${request.method} ${request.url.split('?')[0]}`;
      const requests = (counts.get(endpoint) ?? 0) + 1;
      counts.set(endpoint, requests);
      done(
        requests % SPORADIC_429_EVERY === 0 ? new ApiError(429, 'rate-limit-exceeded', 'The server is busy: retry later with exponential backoff') : undefined,
      );
    });
  }
  if (active.has('extra-fields') || active.has('reordered-keys')) {
    // Every object Fastify serialises: data envelopes and error envelopes alike (records are sent as bytes).
    app.addHook('preSerialization', async (_request, _reply, payload: unknown) => {
      if (typeof payload !== 'object' || payload === null) return payload;
      let body: unknown = structuredClone(payload);
      if (active.has('extra-fields')) addExtraMembers(body);
      if (active.has('reordered-keys')) body = reorder(body);
      return body;
    });
  }
  if (active.has('platform')) {
    // "Each API endpoint returns its rate limit in X-RateLimit-Limit": also on the answers the limiter never sees
    // (refused tokens, unknown paths, other methods), unless limiting is off.
    app.addHook('onSend', async (request, reply, payload) => {
      const limit = endpointLimit(request, options);
      if (limit > 0 && !reply.hasHeader('x-ratelimit-limit')) reply.header('x-ratelimit-limit', String(limit));
      return payload;
    });
  }
  if (active.has('charset')) {
    app.addHook('onSend', async (_request, reply, payload) => {
      const type = reply.getHeader('content-type');
      if (typeof type === 'string' && /^application\/json\s*$/i.test(type)) reply.header('content-type', 'application/json; charset=utf-8');
      return payload;
    });
  }
}

function addExtraMembers(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) addExtraMembers(item);
  } else if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>;
    for (const inner of Object.values(object)) addExtraMembers(inner);
    object[EXTRA_MEMBER] = { addedBy: 'the extra-fields variation', count: 1 };
  }
}

function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .reverse()
      .map(([key, inner]) => [key, reorder(inner)]),
  );
}
