// Sequences of queue operations for the model-based check, as a fast-check arbitrary. A sequence is drawn as a list of
// intents and read against the reference model, so every operation addresses a request the queue holds at that point;
// fast-check shrinks the intents (earlier kinds, smaller numbers), and what they read as stays a valid sequence. The
// list has a fixed length, so every sequence is long enough to reveal what a few operations cannot; its first kind,
// `skip`, is rare when drawn and is where shrinking goes, so a shrunk sequence has fewer operations.
import fc from 'fast-check';
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

type Kind = QueueOperation['op'] | 'skip';

interface Intent {
  kind: Kind;
  /** Which key: of the pool for an add, of the requests the queue holds for the others. */
  pick: number;
  forefront: boolean;
  limit: number;
  otherClient: boolean;
}

// How often each kind is drawn; fast-check shrinks an intent towards the first kinds.
const KINDS: Array<[Kind, number]> = [
  ['skip', 1],
  ['add', 35],
  ['handle', 15],
  ['reclaim', 8],
  ['delete', 8],
  ['get', 8],
  ['head', 18],
  ['read', 8],
];

const intent: fc.Arbitrary<Intent> = fc.record({
  kind: fc.oneof(...KINDS.map(([kind, weight]) => ({ arbitrary: fc.constant(kind), weight }))),
  pick: fc.nat(KEYS.length - 1),
  forefront: fc.boolean(),
  limit: fc.integer({ min: 1, max: 5 }),
  otherClient: fc.integer({ min: 0, max: 9 }).map((n) => n === 9),
});

/** Sequences of `length` intents: as many operations, but for the rare skip, each valid where it stands. */
export function operationSequences(length: number): fc.Arbitrary<QueueOperation[]> {
  return fc.array(intent, { minLength: length, maxLength: length }).map(readIntents);
}

/** The operations the intents stand for, in order; an intent on a request while the queue holds none is an add. */
export function readIntents(intents: readonly Intent[]): QueueOperation[] {
  const model = new QueueModel();
  const operations: QueueOperation[] = [];
  for (const next of intents) {
    if (next.kind === 'skip') continue;
    const present = model.keys();
    const held = present[next.pick % Math.max(present.length, 1)];
    const kind = held === undefined && next.kind !== 'head' && next.kind !== 'read' ? 'add' : next.kind;
    const operation = toOperation(kind, next, held ?? KEYS[next.pick]!, `${kind.charAt(0)}${operations.length}`);
    applyToModel(model, operation);
    operations.push(operation);
  }
  return operations;
}

function toOperation(kind: QueueOperation['op'], intent: Intent, key: string, label: string): QueueOperation {
  switch (kind) {
    case 'add':
      return { op: 'add', key: KEYS[intent.pick]!, forefront: intent.forefront, label };
    case 'handle':
      return { op: 'handle', key, label };
    case 'reclaim':
      return { op: 'reclaim', key, forefront: intent.forefront, label };
    case 'delete':
      return { op: 'delete', key };
    case 'get':
      return { op: 'get', key };
    case 'head':
      return intent.otherClient ? { op: 'head', limit: intent.limit, clientKey: OTHER_CLIENT } : { op: 'head', limit: intent.limit };
    case 'read':
      return { op: 'read' };
  }
}

/** The model's side of an operation that changes the queue. */
function applyToModel(model: QueueModel, operation: QueueOperation): void {
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
