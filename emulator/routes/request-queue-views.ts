// Request queues and their requests as the API shows them.
import type { RequestQueueModel } from '../state/request-queues.ts';
import type { QueueRequest, RequestQueue } from '../state/types.ts';

export function requestQueueView(model: RequestQueueModel, queue: RequestQueue) {
  return {
    id: queue.id,
    name: queue.name,
    userId: queue.userId,
    createdAt: queue.createdAt,
    modifiedAt: queue.modifiedAt,
    accessedAt: queue.accessedAt,
    ...model.counts(queue),
    hadMultipleClients: model.hadMultipleClients(queue),
  };
}

/** The whole request, as last written. */
export function requestView(request: QueueRequest, options: { dropUserData: boolean }) {
  const { userData, ...fields } = request.fields;
  return {
    id: request.id,
    ...fields,
    ...(options.dropUserData || userData === undefined ? {} : { userData }),
    ...(request.handledAt === null ? {} : { handledAt: request.handledAt }),
  };
}

/** A request in the head: the members a crawler needs to fetch it. */
export function headItemView(request: QueueRequest) {
  const { uniqueKey, url, method, retryCount } = request.fields;
  return { id: request.id, uniqueKey, url, method, retryCount };
}
