import type { JobRecord, TaskRecord } from '../../common/fixtures/index.ts';
import { expectBody } from './expect.ts';
import { type SuiteTarget, shared, sharedActor } from './target.ts';

/** A task of a built fixture actor, created once for the file, with `input` as its task input. */
export function sharedTask(target: SuiteTarget, purpose: string, input: Record<string, unknown> = {}): () => Promise<TaskRecord> {
  const actor = sharedActor(target);
  return shared(async () => target.fixtures.createTask((await actor()).id, purpose, { input }));
}

/** Starts a run of the task with `input` as the run's own input and waits for it to end. */
export async function runTaskToEnd(target: SuiteTarget, taskId: string, input?: Record<string, unknown>): Promise<JobRecord> {
  const response = await target.api.request({ method: 'POST', path: `/v2/actor-tasks/${taskId}/runs`, body: input });
  const run = expectBody<JobRecord>(response, 201, 'task-run-response');
  target.fixtures.registry.trackRun(String(run.actId), run.id);
  return target.fixtures.waitForRun(String(run.actId), run.id);
}

/** Whether `body` is an object with each of `members` at its top level, equal in value (other members may follow). */
export function hasMembers(body: unknown, members: Record<string, unknown>): boolean {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  const object = body as Record<string, unknown>;
  return Object.entries(members).every(([name, value]) => JSON.stringify(object[name]) === JSON.stringify(value));
}
