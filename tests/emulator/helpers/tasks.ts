// Tasks and webhooks for the emulator tests: a task of a built scripted actor, its runs, webhooks and their dispatches.
import type { TestEmulator } from './emulator.ts';
import { createBuiltActor, uniqueName, waitForJob } from './fixtures.ts';
import { dataOf } from './http.ts';
import type { Actor, Run } from './types.ts';

export interface TaskRecord {
  id: string;
  name: string;
  actId: string;
  input: Record<string, unknown>;
  [member: string]: unknown;
}

export interface DispatchRecord {
  id: string;
  status: string;
  eventType: string;
  eventData: Record<string, unknown>;
  calls: Array<{ responseStatus: number | null; [member: string]: unknown }>;
  [member: string]: unknown;
}

/** A built scripted actor and a task of it with `input`. */
export async function createTask(emu: TestEmulator, input: Record<string, unknown> = {}, actor?: Actor): Promise<{ actor: Actor; task: TaskRecord }> {
  const owner = actor ?? (await createBuiltActor(emu, 'scripted')).actor;
  const task = dataOf<TaskRecord>(await emu.api.post('/v2/actor-tasks', { actId: owner.id, name: uniqueName('task'), input }), 201);
  return { actor: owner, task };
}

/** Runs the task (with the run's own `input`, if any) to its end. */
export async function runTaskToEnd(emu: TestEmulator, taskId: string, input?: unknown): Promise<Run> {
  const run = dataOf<Run>(await emu.api.post(`/v2/actor-tasks/${taskId}/runs`, input), 201);
  return waitForJob<Run>(emu, 'run', run.id);
}

export async function createWebhook(emu: TestEmulator, body: Record<string, unknown>): Promise<{ id: string; [member: string]: unknown }> {
  return dataOf(await emu.api.post('/v2/webhooks', { eventTypes: ['ACTOR.RUN.SUCCEEDED'], ...body }), 201);
}

/** The webhook's dispatches once `until` holds for them (polled every 50 ms). */
export async function dispatchesOf(
  emu: TestEmulator,
  webhookId: string,
  until: (dispatches: DispatchRecord[]) => boolean = (dispatches) => dispatches.length > 0 && dispatches.every((d) => d.status !== 'ACTIVE'),
  timeoutMs = 10_000,
): Promise<DispatchRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = dataOf<{ items: DispatchRecord[] }>(await emu.api.get(`/v2/webhooks/${webhookId}/dispatches`));
    if (until(page.items) || Date.now() > deadline) return page.items;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
