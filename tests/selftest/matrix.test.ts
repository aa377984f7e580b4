import { describe, expect, it } from 'vitest';
import { buildMatrix, type CaseOutcome } from '../../selftest/matrix.ts';

const outcome = (id: string, kind: CaseOutcome['kind'], exitCode: number, dredd: string[] = [], vitest: string[] = [], family?: string): CaseOutcome => ({
  id,
  kind,
  exitCode,
  failedChecks: { dredd, vitest },
  durationMs: 1,
  family,
});

describe('the kill matrix', () => {
  const outcomes = [
    outcome('clean', 'clean', 0),
    outcome('charset', 'variation', 0),
    outcome('extra-fields', 'variation', 1, [], ['round-trip.x']),
    outcome('a', 'fault', 1, ['Apify API > Actors > Actor object > Get actor'], [], 'transactions'),
    outcome('b', 'fault', 1, [], ['pagination.count-equals-items'], 'pagination'),
    outcome('c', 'fault', 1, ['Apify API > Actors > Run object > Get run'], ['lifecycle.statuses-move-forward'], 'lifecycle'),
    outcome('d', 'fault', 0, [], [], 'abort'),
    outcome('e', 'fault', 2, [], [], 'auth'),
  ];
  const matrix = buildMatrix(outcomes);

  it('scores caught faults over all faults, a broken run counting as caught', () => {
    expect(matrix.faults).toBe(5);
    expect(matrix.caught).toBe(4);
    expect(matrix.score).toBeCloseTo(0.8);
    expect(matrix.uncaught).toEqual(['d']);
  });

  it('splits the catches by layer', () => {
    expect(matrix.byLayer).toEqual({ dreddAlone: 1, vitestAlone: 1, both: 1 });
  });

  it('credits each family with the faults its checks caught', () => {
    expect(matrix.byFamily.pagination).toEqual({ faults: 1, caught: 1, catches: 1 });
    expect(matrix.byFamily.transactions).toEqual({ faults: 1, caught: 1, catches: 2 });
    expect(matrix.byFamily.abort).toEqual({ faults: 1, caught: 0, catches: 0 });
  });

  it('lists every correct variation the gate failed as a false alarm', () => {
    expect(matrix.falseAlarms).toEqual(['extra-fields']);
  });
});
