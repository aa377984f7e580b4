// JSON answers carry the documented media type, `application/json`, exactly. Fastify would add `; charset=utf-8`;
// this hook runs for every object Fastify serialises (data and error envelopes alike), and for nothing else: records
// and dataset items are sent as bytes with their own content type.
import type { FastifyInstance } from 'fastify';

export const JSON_CONTENT_TYPE = 'application/json';

export function registerJsonContentType(app: FastifyInstance): void {
  app.addHook('preSerialization', (_request, reply, payload, done) => {
    reply.header('content-type', JSON_CONTENT_TYPE);
    done(null, payload);
  });
}
