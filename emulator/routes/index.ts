// Every route, under the path families real clients use: /v2/acts and its alias /v2/actors, /v2/actor-runs/{id},
// /v2/actor-builds/{id}, /v2/actor-tasks, the webhooks and their dispatches, users, plus the storage and log endpoints
// actors and clients need.
import type { FastifyInstance } from 'fastify';
import { actorRoutes } from './actors.ts';
import { actorBuildRoutes, buildObjectRoutes } from './builds.ts';
import type { RoutePluginOptions } from './context.ts';
import { datasetRoutes } from './datasets.ts';
import { keyValueStoreRoutes } from './key-value-stores.ts';
import { logRoutes } from './logs.ts';
import { requestQueueRoutes } from './request-queues.ts';
import { runSyncRoutes } from './run-sync.ts';
import { actorRunRoutes, runObjectRoutes } from './runs.ts';
import { taskRoutes } from './tasks.ts';
import { userRoutes } from './users.ts';
import { versionRoutes } from './versions.ts';
import { webhookDispatchRoutes } from './webhook-dispatches.ts';
import { actorWebhookRoutes, webhookRoutes } from './webhooks.ts';

const ACTOR_PATH_FAMILIES = ['/v2/acts', '/v2/actors'] as const;

export async function registerRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  // Fault actors-path-unrouted: only the legacy family is served.
  for (const prefix of context.faults.has('actors-path-unrouted') ? ACTOR_PATH_FAMILIES.slice(0, 1) : ACTOR_PATH_FAMILIES) {
    await app.register(actorFamilyRoutes, { prefix, context });
  }
  await app.register(runObjectRoutes, { prefix: '/v2/actor-runs', context, scope: 'id' });
  await app.register(buildObjectRoutes, { prefix: '/v2/actor-builds', context, scope: 'id' });
  await app.register(keyValueStoreRoutes, { prefix: '/v2/key-value-stores', context });
  await app.register(datasetRoutes, { prefix: '/v2/datasets', context });
  await app.register(logRoutes, { prefix: '/v2/logs', context });
  await app.register(requestQueueRoutes, { prefix: '/v2/request-queues', context });
  await app.register(taskRoutes, { prefix: '/v2/actor-tasks', context });
  await app.register(runObjectRoutes, { prefix: '/v2/actor-tasks', context, scope: 'task' });
  await app.register(webhookRoutes, { prefix: '/v2/webhooks', context });
  await app.register(webhookDispatchRoutes, { prefix: '/v2/webhook-dispatches', context });
  await app.register(userRoutes, { prefix: '/v2/users', context });
}

async function actorFamilyRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  await app.register(actorRoutes, { context });
  await app.register(versionRoutes, { context });
  await app.register(actorWebhookRoutes, { context });
  await app.register(actorBuildRoutes, { context });
  await app.register(buildObjectRoutes, { context, scope: 'actor' });
  await app.register(actorRunRoutes, { context });
  await app.register(runObjectRoutes, { context, scope: 'actor' });
  await app.register(runSyncRoutes, { context });
}
