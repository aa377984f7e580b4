// STOPGAP for fast-check, which this project does not have yet: a seedable generator of queue operations and shrinking
// by prefix. The same seed always gives the same sequence, so a failure can be replayed from its printed seed.
import { QueueModel } from './reference-model.ts';

/** One operation of a sequence; every one is called with the sequence's own clientKey unless it names another. */
export type QueueOperation =
  | { op: 'add'; key: string; forefront: boolean; label: string }
  | { op: 'handle'; key: string; label: string }
  | { op: 'reclaim'; key: string; forefront: boolean; label: string }
  | { op: 'delete'; key: string }
  | { op: 'get'; key: string }
  | { op: 'head'; limit: number; clientKey?: string }
  | { op: 'read' };

/** Keys are drawn from a small pool, so duplicates, re-adds after deletes and handled duplicates are frequent. */
const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'];
/** The other client that calls now and then, so hadMultipleClients must turn true. */
export const OTHER_CLIENT = 'model-other';

/** mulberry32: a small, good-enough 32-bit PRNG; `next()` is in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` operations valid in order (no operation addresses a request the queue does not hold at that point). */
export function randomOperations(seed: number, count: number): QueueOperation[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const model = new QueueModel();
  const operations: QueueOperation[] = [];
  while (operations.length < count) {
    const present = model.keys();
    const roll = random();
    let operation: QueueOperation;
    if (present.length === 0 || roll < 0.35) operation = { op: 'add', key: pick(KEYS), forefront: random() < 0.3, label: `v${operations.length}` };
    else if (roll < 0.5) operation = { op: 'handle', key: pick(present), label: `h${operations.length}` };
    else if (roll < 0.58) operation = { op: 'reclaim', key: pick(present), forefront: random() < 0.5, label: `r${operations.length}` };
    else if (roll < 0.66) operation = { op: 'delete', key: pick(present) };
    else if (roll < 0.74) operation = { op: 'get', key: pick(present) };
    else if (roll < 0.92) operation = { op: 'head', limit: 1 + Math.floor(random() * 5), clientKey: random() < 0.1 ? OTHER_CLIENT : undefined };
    else operation = { op: 'read' };
    applyToModel(model, operation);
    operations.push(operation);
  }
  return operations;
}

/** Whether every operation addresses a request the queue holds at that point (a shrunk sequence may not). */
export function isValidSequence(operations: readonly QueueOperation[]): boolean {
  const model = new QueueModel();
  for (const operation of operations) {
    if ('key' in operation && operation.op !== 'add' && !model.requests.has(operation.key)) return false;
    applyToModel(model, operation);
  }
  return true;
}

/** The model's side of an operation, for generation and validation. */
export function applyToModel(model: QueueModel, operation: QueueOperation): void {
  switch (operation.op) {
    case 'add':
      model.add(operation.key, operation.forefront, { label: operation.label });
      return;
    case 'handle':
      model.update(operation.key, true, false, { label: operation.label });
      return;
    case 'reclaim':
      model.update(operation.key, false, operation.forefront, { label: operation.label });
      return;
    case 'delete':
      model.delete(operation.key);
      return;
    default:
      return;
  }
}

/**
 * The shortest failing sequence found from a failure at `failedAt`: the prefix up to it (the target is deterministic
 * for a fresh queue), then each earlier operation dropped in turn while the rest still fails. `fails` replays a
 * candidate on a fresh queue; `budget` bounds the replays.
 */
export async function shrinkByPrefix(
  operations: readonly QueueOperation[],
  failedAt: number,
  fails: (candidate: QueueOperation[]) => Promise<boolean>,
  budget: number,
): Promise<QueueOperation[]> {
  let smallest = operations.slice(0, failedAt + 1);
  let replays = 0;
  for (let index = smallest.length - 2; index >= 0 && replays < budget; index -= 1) {
    const candidate = [...smallest.slice(0, index), ...smallest.slice(index + 1)];
    if (!isValidSequence(candidate)) continue;
    replays += 1;
    if (await fails(candidate)) smallest = candidate;
  }
  return smallest;
}
