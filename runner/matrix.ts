import { matchAction, type SpecContract, transactionNames } from '../common/spec-contract.ts';
import { effectiveMethod, pathnameOf, type RecordedExchange } from './exchanges/exchange.ts';
import type { CheckResult, CheckStatus } from './results.ts';

/**
 * The conformance matrix: every documented action against the Dredd transactions of its responses and every check
 * family whose checks sent it a request. A cell holds the worst status of those checks, so a failed pagination
 * check shows on each action it exercised.
 */
export interface ConformanceMatrix {
  families: string[];
  rows: MatrixRow[];
}

export interface MatrixRow {
  /** `<Resource> > <Action>`. */
  action: string;
  method: string;
  path: string;
  /** The Dredd transaction of each documented response, in document order. */
  responses: Array<{ id: string; status: number; result: CheckStatus }>;
  /** Per family that exercised the action: the worst status of its checks that did, and how many did. */
  families: Record<string, { result: CheckStatus; checks: number }>;
}

// From the worst to the best; a cell shows the first that occurs.
const SEVERITY: CheckStatus[] = ['error', 'failed', 'inconclusive', 'unexpected-pass', 'expected-failure', 'passed', 'skipped'];

export function worstStatus(statuses: CheckStatus[]): CheckStatus {
  return SEVERITY.find((s) => statuses.includes(s)) ?? 'skipped';
}

export function buildMatrix(contract: SpecContract, checks: CheckResult[], exchanges: RecordedExchange[]): ConformanceMatrix {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const names = transactionNames(contract);
  let next = 0;
  const rows: MatrixRow[] = contract.actions.map((action) => ({
    action: action.name,
    method: action.method,
    path: action.path,
    responses: action.responses.map((response) => {
      const id = names[next++]!;
      return { id, status: response.status, result: byId.get(id)?.status ?? 'skipped' };
    }),
    families: {},
  }));
  const checksPerCell = new Map<string, Set<string>>();
  for (const exchange of exchanges) {
    const check = exchange.layer === 'vitest' && exchange.checkId ? byId.get(exchange.checkId) : undefined;
    if (!check) continue;
    const action = matchAction(contract, effectiveMethod(exchange), pathnameOf(exchange));
    if (!action) continue;
    const key = `${action.name}\u0000${check.family}`;
    checksPerCell.set(key, (checksPerCell.get(key) ?? new Set()).add(check.id));
  }
  const families = new Set<string>();
  for (const row of rows) {
    for (const family of new Set(checks.filter((c) => c.layer === 'vitest').map((c) => c.family))) {
      const ids = checksPerCell.get(`${row.action}\u0000${family}`);
      if (!ids) continue;
      families.add(family);
      row.families[family] = { result: worstStatus([...ids].map((id) => byId.get(id)!.status)), checks: ids.size };
    }
  }
  return { families: [...families].sort(), rows };
}
