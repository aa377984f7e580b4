// Logs of builds and runs as plain text; with `stream=1` the response stays open and follows the log until the job ends.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { recordNotFound } from '../errors.ts';
import type { Faults } from '../faults/faults.ts';
import { queryBoolean } from '../http/query.ts';
import type { JobLog } from '../jobs/job-log.ts';
import type { RoutePluginOptions } from './context.ts';

export const logQuerySchema = { stream: queryBoolean, download: queryBoolean, raw: queryBoolean } as const;

export interface LogQuery {
  stream?: boolean;
  download?: boolean;
}

export function sendLog(reply: FastifyReply, log: JobLog | undefined, query: LogQuery, faults: Faults): FastifyReply {
  if (log === undefined) throw recordNotFound('Log');
  // Fault log-as-json: the log is answered the way the JSON endpoints answer.
  if (faults.has('log-as-json')) return reply.send({ data: log.text() });
  if (query.download === true) reply.header('content-disposition', 'attachment; filename="log.txt"');
  reply.type('text/plain; charset=utf-8');
  // Fault log-stream-ignored: stream=1 answers the log as it is now.
  const stream = query.stream === true && !faults.has('log-stream-ignored');
  return reply.send(stream ? log.stream() : log.text());
}

/** GET /v2/logs/{buildOrRunId} */
export async function logRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  app.get<{ Params: { id: string }; Querystring: LogQuery }>(
    '/:id',
    {
      schema: { params: { type: 'object', properties: { id: { type: 'string' } } }, querystring: { type: 'object', properties: logQuerySchema } },
      config: { auth: 'optional' },
    },
    async (request, reply) => {
      const { id } = request.params;
      return sendLog(reply, context.runs.logOf(id) ?? context.builds.logOf(id), request.query, context.faults);
    },
  );
}
