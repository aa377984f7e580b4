// Runs a sequence of queue operations against the target and the reference model side by side, comparing every
// answer; the first disagreement ends the run.
import type { RequestQueue } from '../../../common/api-types.ts';
import { fixtureRequest } from '../../../common/fixtures/index.ts';
import type { ApiClient } from '../../../common/http.ts';
import { isHeadView, QueueCalls } from '../queue-calls.ts';
import { QueueModel } from './reference-model.ts';
import type { QueueOperation } from './sequences.ts';

/** The clientKey of every call of a sequence, unless an operation names another. */
export const MAIN_CLIENT = 'model-main';

export type SequenceOutcome = { ok: true } | { ok: false; failedAt: number; message: string };

export async function runSequence(api: ApiClient, newQueue: () => Promise<RequestQueue>, operations: readonly QueueOperation[]): Promise<SequenceOutcome> {
  const queue = new QueueCalls(api, await newQueue());
  const model = new QueueModel();
  for (const [index, operation] of operations.entries()) {
    try {
      const problem = await step(queue, model, operation);
      if (problem !== undefined) return { ok: false, failedAt: index, message: problem };
    } catch (error) {
      return { ok: false, failedAt: index, message: error instanceof Error ? error.message : String(error) };
    }
  }
  return { ok: true };
}

/** Applies one operation to both sides; returns what disagreed, if anything. */
async function step(queue: QueueCalls, model: QueueModel, operation: QueueOperation): Promise<string | undefined> {
  const main = { clientKey: MAIN_CLIENT };
  const idOf = (key: string) => {
    const id = model.requests.get(key)?.id;
    if (id === undefined) throw new Error(`the model has no id for ${key}`);
    return id;
  };
  const flags = (got: { wasAlreadyPresent: boolean; wasAlreadyHandled: boolean }, expected: { wasAlreadyPresent: boolean; wasAlreadyHandled: boolean }) =>
    got.wasAlreadyPresent === expected.wasAlreadyPresent && got.wasAlreadyHandled === expected.wasAlreadyHandled
      ? undefined
      : `expected ${JSON.stringify(expected)}, got ${JSON.stringify({ wasAlreadyPresent: got.wasAlreadyPresent, wasAlreadyHandled: got.wasAlreadyHandled })}`;
  switch (operation.op) {
    case 'add': {
      const knownId = model.requests.get(operation.key)?.id;
      model.calledBy(MAIN_CLIENT);
      const expected = model.add(operation.key, operation.forefront, { label: operation.label });
      const got = await queue.add(operation.key, { ...main, forefront: operation.forefront, fields: { userData: { label: operation.label } } });
      if (knownId !== undefined && got.requestId !== knownId) return `expected the existing id ${knownId}, got ${got.requestId}`;
      const request = model.requests.get(operation.key);
      if (request !== undefined) request.id = got.requestId;
      return flags(got, expected);
    }
    case 'handle':
    case 'reclaim': {
      const id = idOf(operation.key);
      const handled = operation.op === 'handle';
      const forefront = operation.op === 'reclaim' && operation.forefront;
      model.calledBy(MAIN_CLIENT);
      const expected = model.update(operation.key, handled, forefront, { label: operation.label });
      const body = { ...fixtureRequest(operation.key), id, userData: { label: operation.label }, handledAt: handled ? new Date().toISOString() : null };
      const got = await queue.update(body, { ...main, forefront });
      if (got.requestId !== id) return `expected the request id ${id}, got ${got.requestId}`;
      return flags(got, expected);
    }
    case 'delete': {
      const id = idOf(operation.key);
      model.calledBy(MAIN_CLIENT);
      model.delete(operation.key);
      await queue.remove(id, main);
      return undefined;
    }
    case 'get': {
      const request = model.requests.get(operation.key);
      const got = await queue.get(idOf(operation.key));
      const handled = typeof got.handledAt === 'string';
      const label = (got.userData as { label?: unknown } | null | undefined)?.label;
      if (got.uniqueKey !== operation.key || handled !== request?.handled || label !== request?.userData.label) {
        return `expected ${operation.key} ${request?.handled ? 'handled' : 'pending'} with userData.label ${String(request?.userData.label)}, got ${got.uniqueKey} ${handled ? 'handled' : 'pending'} with userData.label ${String(label)}`;
      }
      return undefined;
    }
    case 'head': {
      const clientKey = operation.clientKey ?? MAIN_CLIENT;
      model.calledBy(clientKey);
      const expected = model.head(operation.limit);
      const seen = (await queue.head({ limit: operation.limit, clientKey })).map((item) => item.uniqueKey);
      return seen.length <= operation.limit && isHeadView(seen, expected)
        ? undefined
        : `expected the head ${expected.join(', ') || '(empty)'} (or an in-order part of it), got ${seen.join(', ') || '(empty)'}`;
    }
    case 'read': {
      const got = await queue.read();
      const expected = { ...model.counts(), hadMultipleClients: model.hadMultipleClients };
      const seen = {
        totalRequestCount: got.totalRequestCount,
        handledRequestCount: got.handledRequestCount,
        pendingRequestCount: got.pendingRequestCount,
        hadMultipleClients: got.hadMultipleClients,
      };
      return JSON.stringify(seen) === JSON.stringify(expected) ? undefined : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(seen)}`;
    }
  }
}
