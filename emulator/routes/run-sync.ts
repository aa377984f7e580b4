// Run actor synchronously (POST with input, GET without): start a run, wait for it up to run-sync's own cap
// (EMULATOR_RUN_SYNC_MAX_WAIT_SECS, which may be longer than waitForFinish's, as on the platform), answer 201 with
// its output record (OUTPUT or `outputRecordKey`) and that record's content type; 400 run-failed when the run did not
// succeed; 408 run-timeout-exceeded when it is still going at the cap (the run keeps running).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { runFailed, runTimeoutExceeded } from '../errors.ts';
import { isTerminal } from '../jobs/status-machine.ts';
import { waitForFinish } from '../jobs/wait-for-finish.ts';
import type { Run } from '../state/types.ts';
import { actorIdParams } from './actors.ts';
import type { EmulatorContext, RoutePluginOptions } from './context.ts';
import { RECORD_KEY_PATTERN } from './key-value-stores.ts';
import { findActor } from './lookup.ts';
import { type RunOptionsQuery, runOptionsQuerySchema, startRunFromRequest } from './run-start.ts';

export const runSyncQuerySchema = {
  type: 'object',
  properties: { ...runOptionsQuerySchema, outputRecordKey: { type: 'string', pattern: RECORD_KEY_PATTERN } },
} as const;

const runSyncSchema = {
  params: actorIdParams,
  querystring: runSyncQuerySchema,
} as const;

export type RunSyncQuery = RunOptionsQuery & { outputRecordKey?: string };

export async function runSyncRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  for (const method of ['POST', 'GET'] as const) {
    app.route<{ Params: { actorId: string }; Querystring: RunSyncQuery }>({
      method,
      url: '/:actorId/run-sync',
      schema: runSyncSchema,
      config: { rawBody: true },
      handler: async (request, reply) => {
        const actor = findActor(context, request, request.params.actorId, 'read');
        const run = startRunFromRequest(context, request, actor, method === 'POST');
        return answerRunSync(context, reply, run, request.query.outputRecordKey);
      },
    });
  }
}

/** Waits for the run up to the cap and answers with its output record (Run actor and Run task synchronously). */
export async function answerRunSync(
  context: EmulatorContext,
  reply: FastifyReply,
  run: Run,
  outputRecordKey: string | undefined,
  successStatus = 201,
): Promise<FastifyReply> {
  const capSecs = context.options.runSyncMaxWaitSecs;
  await waitForFinish(context.waiters, run, capSecs, capSecs);
  // Fault run-sync-ignores-output-record-key: the output is always read from OUTPUT.
  const key = context.faults.has('run-sync-ignores-output-record-key') ? 'OUTPUT' : (outputRecordKey ?? 'OUTPUT');
  return sendOutput(context, reply, run, key, capSecs, successStatus);
}

function sendOutput(context: EmulatorContext, reply: FastifyReply, run: Run, key: string, capSecs: number, successStatus: number): FastifyReply {
  const { faults } = context;
  // Fault run-sync-returns-run-object: the endpoint answers like Run actor with waitForFinish.
  if (faults.has('run-sync-returns-run-object')) return reply.code(201).send({ data: run });
  if (!isTerminal(run.status)) {
    // Fault run-sync-timeout-as-200: a run still going at the cap is answered as it stands.
    if (faults.has('run-sync-timeout-as-200')) return reply.code(200).send({ data: run });
    throw runTimeoutExceeded(capSecs);
  }
  // Fault run-sync-failed-as-201: the status of the run is never looked at; run-sync-timed-out-as-201: only FAILED is.
  const succeeded = faults.has('run-sync-timed-out-as-201') ? run.status !== 'FAILED' : run.status === 'SUCCEEDED';
  if (!succeeded && !faults.has('run-sync-failed-as-201')) {
    throw runFailed(run.id, run.status);
  }
  const record = context.state.keyValueStores.get(run.defaultKeyValueStoreId)?.records.get(key);
  reply.code(faults.has('run-sync-200') ? 200 : successStatus);
  // Fault run-sync-201-empty-object: the answer is built before the record is read.
  if (faults.has('run-sync-201-empty-object')) return reply.send({});
  if (record === undefined) return reply.send();
  return reply.type(record.contentType).send(record.value);
}
