// The job status machine: statuses only move forward, finishedAt is set exactly when a job becomes terminal.
import { describe, expect, it } from 'vitest';
import { canTransition, IllegalTransitionError, isTerminal, type LifecycleJob, reopen, transition } from '../../../emulator/jobs/status-machine.ts';
import { JOB_STATUSES, type JobStatus } from '../../../emulator/state/types.ts';

function job(status: JobStatus): LifecycleJob {
  return { status, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: null, stats: { durationMillis: 0, runTimeSecs: 0 } };
}

const FORWARD: Array<[JobStatus, JobStatus]> = [
  ['READY', 'RUNNING'],
  ['READY', 'ABORTING'],
  ['READY', 'FAILED'],
  ['RUNNING', 'SUCCEEDED'],
  ['RUNNING', 'FAILED'],
  ['RUNNING', 'TIMING-OUT'],
  ['RUNNING', 'ABORTING'],
  ['TIMING-OUT', 'TIMED-OUT'],
  ['TIMING-OUT', 'ABORTING'],
  ['ABORTING', 'ABORTED'],
];

describe('job lifecycle', () => {
  it('allows exactly the documented forward transitions', () => {
    for (const from of JOB_STATUSES) {
      for (const to of JOB_STATUSES) {
        const expected = FORWARD.some(([a, b]) => a === from && b === to);
        expect(canTransition(from, to), `${from} -> ${to}`).toBe(expected);
      }
    }
  });

  it('knows the four terminal statuses', () => {
    expect(JOB_STATUSES.filter(isTerminal)).toEqual(['SUCCEEDED', 'FAILED', 'TIMED-OUT', 'ABORTED']);
  });

  it('sets finishedAt and the duration only when the job becomes terminal', () => {
    const running = job('READY');
    transition(running, 'RUNNING', new Date('2026-01-01T00:00:01.000Z'));
    expect(running.finishedAt).toBeNull();
    transition(running, 'TIMING-OUT', new Date('2026-01-01T00:00:02.000Z'));
    expect(running.finishedAt).toBeNull();
    transition(running, 'TIMED-OUT', new Date('2026-01-01T00:00:02.500Z'));
    expect(running).toMatchObject({
      status: 'TIMED-OUT',
      finishedAt: '2026-01-01T00:00:02.500Z',
      stats: { durationMillis: 2500, runTimeSecs: 2.5 },
    });
  });

  it('refuses to move a terminal job or to go backwards', () => {
    const finished = job('SUCCEEDED');
    expect(() => transition(finished, 'RUNNING', new Date())).toThrow(IllegalTransitionError);
    expect(() => transition(job('ABORTING'), 'RUNNING', new Date())).toThrow(IllegalTransitionError);
    expect(finished.status).toBe('SUCCEEDED');
  });

  it('reopens only terminal jobs (resurrect), clearing finishedAt', () => {
    const finished = job('RUNNING');
    transition(finished, 'FAILED', new Date());
    reopen(finished);
    expect(finished).toMatchObject({ status: 'RUNNING', finishedAt: null });
    expect(() => reopen(job('RUNNING'))).toThrow(IllegalTransitionError);
  });
});
