import { actorPlans } from './actors.ts';
import { buildPlans } from './builds.ts';
import { datasetPlans } from './datasets.ts';
import { keyValueStorePlans } from './key-value-stores.ts';
import { logPlans } from './logs.ts';
import type { PlanTable } from './plan.ts';
import { requestQueuePlans } from './request-queues.ts';
import { runSyncPlans } from './run-sync.ts';
import { runPlans } from './runs.ts';
import { taskPlans } from './tasks.ts';
import { userPlans } from './users.ts';
import { versionPlans } from './versions.ts';
import { webhookDispatchPlans } from './webhook-dispatches.ts';
import { webhookPlans } from './webhooks.ts';

export type { PlanTable, TransactionPlan } from './plan.ts';

/** Every documented action's plan; the type makes a missing or misnamed one a compile error. */
export const PLANS: PlanTable = {
  ...actorPlans,
  ...versionPlans,
  ...webhookPlans,
  ...buildPlans,
  ...runPlans,
  ...runSyncPlans,
  ...requestQueuePlans,
  ...keyValueStorePlans,
  ...datasetPlans,
  ...taskPlans,
  ...webhookDispatchPlans,
  ...logPlans,
  ...userPlans,
};
