import { describe, expect, it } from 'vitest';
import { isFeature } from '../../common/features.ts';
import { readSpecContract, transactionNames } from '../../common/spec-contract.ts';
import { formatList, listChecks } from '../../runner/list.ts';

describe('--list', () => {
  it('lists every documented response and every suite check once, each with at least one known feature', async () => {
    const checks = await listChecks();
    const ids = checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(transactionNames(readSpecContract())));
    expect(checks.filter((c) => c.layer === 'vitest').length).toBeGreaterThan(50);
    expect(checks.filter((c) => c.features.length === 0 || !c.features.every(isFeature)).map((c) => c.id)).toEqual([]);
    expect(formatList(checks)).toContain('pagination.actors-count-equals-items  [pagination, actors]  pagination read-only');
  }, 60_000);
});
