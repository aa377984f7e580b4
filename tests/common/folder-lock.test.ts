import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryLock, unlock } from '../../common/fixtures/folder-lock.ts';

// The lock the run's processes share (common/fixtures/folder-lock.ts): one holder at a time, and freeing it never
// trips over a process that takes it at that moment.

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'folder-lock-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the folder lock', () => {
  it('has one holder at a time while many take and free it as fast as they can', async () => {
    const lock = path.join(dir, 'busy.lock');
    let holders = 0;
    let most = 0;
    let taken = 0;
    const contender = async () => {
      for (let round = 0; round < 40; round += 1) {
        while (!(await tryLock(lock))) await new Promise((resolve) => setImmediate(resolve));
        holders += 1;
        most = Math.max(most, holders);
        taken += 1;
        await new Promise((resolve) => setImmediate(resolve));
        holders -= 1;
        await unlock(lock);
      }
    };
    await Promise.all([1, 2, 3, 4, 5, 6].map(contender));
    expect(taken).toBe(240);
    expect(most).toBe(1);
  }, 60_000);

  it('frees a lock whose holder has died, and freeing a free lock is no error', async () => {
    const lock = path.join(dir, 'orphan.lock');
    // A pid no process has: the highest a Linux kernel hands out is below 2^22.
    const staged = await mkdtemp(`${lock}.staging-`);
    await writeFile(path.join(staged, 'pid'), String(2 ** 22 + 1));
    await rename(staged, lock);
    expect(await tryLock(lock)).toBe(false);
    expect(await tryLock(lock)).toBe(true);
    await unlock(lock);
    await unlock(lock);
  });
});
