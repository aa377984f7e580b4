// The correct variations that change what the emulator answers (emulator/variations/catalogue.ts). Registered only
// when one is switched on. Bodies are copied before they change: run and build objects are live state.
import type { FastifyInstance } from 'fastify';
import type { VariationId } from './catalogue.ts';

export function registerResponseVariations(app: FastifyInstance, active: ReadonlySet<VariationId>): void {
  if (active.has('latency')) {
    app.addHook('onRequest', (_request, _reply, done) => {
      setTimeout(done, 40);
    });
  }
  if (active.has('extra-fields') || active.has('reordered-keys')) {
    app.addHook('preSerialization', async (_request, _reply, payload: unknown) => {
      if (typeof payload !== 'object' || payload === null || !('data' in payload)) return payload;
      let body: unknown = structuredClone(payload);
      if (active.has('extra-fields')) addExtraFields((body as { data: unknown }).data);
      if (active.has('reordered-keys')) body = reorder(body);
      return body;
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

function addExtraFields(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) addExtraFields(item);
  } else if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>;
    for (const inner of Object.values(object)) addExtraFields(inner);
    object.undocumentedExtra = { addedBy: 'extra-fields variation', at: 0 };
  }
}

function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse().map(([key, inner]) => [key, reorder(inner)]));
}
