import { check } from '../../common/check.ts';
import { expectError, expectThat } from '../support/expect.ts';
import { poll } from '../support/poll.ts';
import { useTarget } from '../support/target.ts';
import { keysOf, QueueCalls, SPEC_SINCE_2020 } from './queue-calls.ts';

// Locks: head/lock hands a request to one client at a time; only the holder prolongs or deletes the lock; an expired
// or released lock gives the request back; unlock releases the caller's locks only.
const { api, fixtures } = useTarget();
const LOCK_SECS = 60;
/** How far a lock's expiry may be from now + lockSecs: clocks of client and server differ, and requests take time. */
const EXPIRY_SLACK_MS = 30_000;

async function queueOf(purpose: string, keys: string[]): Promise<{ queue: QueueCalls; ids: Record<string, string> }> {
  const queue = new QueueCalls(api, await fixtures.createRequestQueue(purpose));
  const ids: Record<string, string> = {};
  for (const key of keys) ids[key] = (await queue.add(key)).requestId;
  return { queue, ids };
}

const locksCheck = (id: string, title: string, body: () => Promise<void>) =>
  check({ id: `request-queues.${id}`, title, spec: SPEC_SINCE_2020, features: ['request-queues', 'request-queues.locks'] }, body);

locksCheck('lock-hides-from-other-clients', 'a request locked by one client is not handed to another by head/lock while the lock lasts', async () => {
  const { queue } = await queueOf('rq-lock', ['a', 'b']);
  const before = Date.now();
  const first = await queue.lockHead(LOCK_SECS, 1, 'worker-one');
  expectThat(keysOf(first.items).join() === 'a', 'worker-one locks a, the first request', keysOf(first.items).join(', ') || '(none)');
  const expiresIn = Date.parse(first.items[0]?.lockExpiresAt ?? '') - before;
  expectThat(Math.abs(expiresIn - LOCK_SECS * 1000) < EXPIRY_SLACK_MS, `lockExpiresAt about ${LOCK_SECS} s from now`, `${expiresIn} ms`);
  expectThat(first.queueHasLockedRequests, 'queueHasLockedRequests true', String(first.queueHasLockedRequests));
  const second = await queue.lockHead(LOCK_SECS, 10, 'worker-two');
  expectThat(keysOf(second.items).join() === 'b', 'worker-two gets only b', keysOf(second.items).join(', ') || '(none)');
});

locksCheck('lock-holder-only', 'only the client holding a lock may prolong or delete it; another gets a 4xx and the lock stays', async () => {
  const { queue, ids } = await queueOf('rq-lock-holder', ['a']);
  await queue.lockHead(LOCK_SECS, 1, 'holder');
  for (const refused of [await queue.prolongLock(ids.a!, LOCK_SECS * 2, 'intruder'), await queue.deleteLock(ids.a!, 'intruder')]) {
    expectThat(refused.status >= 400 && refused.status < 500, 'HTTP 4xx for a client that does not hold the lock', `HTTP ${refused.status}`, refused);
    expectError(refused, refused.status);
  }
  const meanwhile = await queue.lockHead(LOCK_SECS, 10, 'bystander');
  expectThat(meanwhile.items.length === 0, 'the lock still held: nothing for another client', keysOf(meanwhile.items).join(', '));
  const prolonged = await queue.prolongLock(ids.a!, LOCK_SECS * 2, 'holder');
  expectThat(prolonged.status === 200, 'HTTP 200 when the holder prolongs', `HTTP ${prolonged.status}`, prolonged);
  const released = await queue.deleteLock(ids.a!, 'holder');
  expectThat(released.status === 204, 'HTTP 204 when the holder deletes the lock', `HTTP ${released.status}`, released);
  const after = await queue.lockHead(LOCK_SECS, 10, 'bystander');
  expectThat(keysOf(after.items).join() === 'a', 'a handed out again once its lock is deleted', keysOf(after.items).join(', ') || '(none)');
});

locksCheck('lock-expires', 'once its lock expires, a request is handed out again', async () => {
  const { queue } = await queueOf('rq-lock-expiry', ['a']);
  await queue.lockHead(1, 1, 'short-lived');
  const start = Date.now();
  const regained = await poll(
    async () => {
      const items = (await queue.lockHead(LOCK_SECS, 1, 'patient')).items;
      return items.length > 0 ? keysOf(items) : undefined;
    },
    250,
    start + 6_000,
  );
  expectThat(regained?.join() === 'a', 'a handed to another client within 6 s of a 1 s lock', regained === undefined ? 'never' : regained.join(', '));
  expectThat(Date.now() - start >= 500, 'not before the lock could have expired', `${Date.now() - start} ms`);
});

locksCheck('unlock-own-locks-only', "unlock releases the caller's locks and keeps other clients'", async () => {
  const { queue } = await queueOf('rq-unlock', ['a', 'b']);
  await queue.lockHead(LOCK_SECS, 1, 'worker-one');
  await queue.lockHead(LOCK_SECS, 1, 'worker-two');
  const unlocked = await queue.unlock('worker-one');
  expectThat(unlocked === 1, 'unlockedCount 1', String(unlocked));
  const free = await queue.lockHead(LOCK_SECS, 10, 'worker-three');
  expectThat(keysOf(free.items).join() === 'a', "only a free again: worker-two's lock on b stays", keysOf(free.items).join(', ') || '(none)');
});

locksCheck('lock-bad-input-400', 'head/lock without lockSecs, or with a limit over 25, answers 400 and locks nothing', async () => {
  const { queue } = await queueOf('rq-lock-input', ['a']);
  expectError(await queue.lockHeadRaw({ limit: 1, clientKey: 'careless' }), 400);
  expectError(await queue.lockHeadRaw({ lockSecs: LOCK_SECS, limit: 26, clientKey: 'careless' }), 400);
  const free = await queue.lockHead(LOCK_SECS, 10, 'careful');
  expectThat(keysOf(free.items).join() === 'a', 'a still free', keysOf(free.items).join(', ') || '(none)');
});
