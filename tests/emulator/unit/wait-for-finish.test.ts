// waitForFinish: wakes on the job's end, otherwise returns when the (clamped) wait is over; 0 answers at once.

import { describe, expect, it, vi } from 'vitest';
import { Faults } from '../../../emulator/faults/faults.ts';
import { effectiveWaitSecs, JobWaiters, waitForFinish } from '../../../emulator/jobs/wait-for-finish.ts';

describe('effectiveWaitSecs', () => {
  it('defaults to 0 and clamps large values to the cap instead of refusing them', () => {
    expect(effectiveWaitSecs(undefined, 300)).toBe(0);
    expect(effectiveWaitSecs(60, 300)).toBe(60);
    expect(effectiveWaitSecs(999999, 300)).toBe(300);
    expect(effectiveWaitSecs(10, 0)).toBe(0);
  });
});

describe('JobWaiters', () => {
  it('resolves every waiter of a job when it is notified, and only those', async () => {
    vi.useFakeTimers();
    try {
      const waiters = new JobWaiters(new Faults([]));
      const woken: string[] = [];
      void waiters.wait('a', 60_000).then(() => woken.push('a1'));
      void waiters.wait('a', 60_000).then(() => woken.push('a2'));
      void waiters.wait('b', 60_000).then(() => woken.push('b'));
      waiters.notify('a');
      await vi.advanceTimersByTimeAsync(0);
      expect(woken).toEqual(['a1', 'a2']);
      expect(waiters.pending).toBe(1);
      waiters.releaseAll();
      await vi.advanceTimersByTimeAsync(0);
      expect(woken).toEqual(['a1', 'a2', 'b']);
      expect(waiters.pending).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('resolves after the wait when nothing happens', async () => {
    vi.useFakeTimers();
    try {
      const waiters = new JobWaiters(new Faults([]));
      let done = false;
      void waiters.wait('a', 5_000).then(() => (done = true));
      await vi.advanceTimersByTimeAsync(4_999);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(done).toBe(true);
      expect(waiters.pending).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not wait for a terminal job or when no wait is asked', async () => {
    const waiters = new JobWaiters(new Faults([]));
    await waitForFinish(waiters, { id: 'x', status: 'SUCCEEDED' }, 300, 300);
    await waitForFinish(waiters, { id: 'y', status: 'RUNNING' }, undefined, 300);
    expect(waiters.pending).toBe(0);
  });
});
