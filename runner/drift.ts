import { responseBodyRule } from '../common/response-schemas.ts';
import { isRecord } from '../common/schema-walk.ts';
import { matchAction, type SpecContract } from '../common/spec-contract.ts';
import { walkBody } from './drift-body-walk.ts';
import { effectiveMethod, pathnameOf, type RecordedExchange } from './exchanges/exchange.ts';
import type { CheckResult } from './results.ts';

/**
 * Drift: where the target's answers and the spec part ways without breaking a documented rule. These are warnings, not
 * failures (an extra field or header breaks no rule); they are the evidence for updating the spec and spec/ERRATA.md.
 * Listed in the order the reports show them: an announced deprecation first, undocumented members last.
 */
export const DRIFT_KINDS = [
  // A Deprecation or Sunset response header: the target announces that an action goes away.
  'deprecation',
  'undocumented-status',
  'unknown-error-type',
  'unknown-enum-value',
  // A member that is null where its schema does not allow null.
  'null-field',
  // A member the schema declares that no instance of its object carried.
  'missing-field',
  'undocumented-header',
  'extra-field',
] as const;

export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface DriftFinding {
  kind: DriftKind;
  /** The object (schema title), action or status the finding is about; `any action` for an undocumented header. */
  subject: string;
  /** The field path, value, status, header name, or `Deprecation: <value>` / `Sunset: <value>`. */
  detail: string;
  /** How many responses showed it (for a missing member: how many instances of its object lacked it). */
  count: number;
  /** The first response that showed it: `METHOD /path -> status`. */
  example: string;
}

export interface DriftReport {
  /** Responses examined (from Dredd and the suites). */
  responses: number;
  findings: DriftFinding[];
}

/** The subject of an undocumented header: one finding per header, whichever actions send it, so it is stable from run to run. */
export const ANY_ACTION = 'any action';

// Headers any HTTP server or proxy may add (RFC 9110/9111 and common security and CORS headers): not API drift.
const GENERAL_HEADERS = new Set([
  'accept-ranges',
  'age',
  'allow',
  'alt-svc',
  'cache-control',
  'connection',
  'content-disposition',
  'content-encoding',
  'content-language',
  'content-length',
  'content-security-policy',
  'date',
  'etag',
  'expires',
  'keep-alive',
  'last-modified',
  'pragma',
  'referrer-policy',
  'retry-after',
  'server',
  'strict-transport-security',
  'transfer-encoding',
  'vary',
  'via',
  'x-content-type-options',
  'x-frame-options',
  'x-xss-protection',
  'permissions-policy',
  'nel',
  'report-to',
]);
const GENERAL_HEADER_PREFIXES = ['access-control-', 'cross-origin-'];

/** RFC 9745 (Deprecation) and RFC 8594 (Sunset): reported as `deprecation` of the action, not as undocumented headers. */
const DEPRECATION_HEADERS: Record<string, string> = { deprecation: 'Deprecation', sunset: 'Sunset' };

export interface DriftOptions {
  /**
   * Whether the check that read this response accepted it. A missing member or a forbidden null breaks the body's
   * schema, which the reader validated: a reader that failed has reported it already, so these two kinds are judged on
   * accepted responses only. Default: every response.
   */
  accepted?: (exchange: RecordedExchange) => boolean;
}

/**
 * `accepted` for a run's results: a response belongs to the check that sent it, or (sent by a file's set-up) to every
 * check of that file; the check accepted it when it passed (an unexpected pass also passed).
 */
export function acceptedByItsCheck(checks: readonly CheckResult[]): (exchange: RecordedExchange) => boolean {
  const passed = (c: CheckResult) => c.status === 'passed' || c.status === 'unexpected-pass';
  const failedIds = new Set(checks.filter((c) => !passed(c)).map((c) => c.id));
  const failedFiles = new Set(checks.filter((c) => !passed(c) && c.file !== undefined).map((c) => c.file));
  return (exchange) => (exchange.checkId !== undefined ? !failedIds.has(exchange.checkId) : !failedFiles.has(exchange.source));
}

export function analyseDrift(exchanges: RecordedExchange[], contract: SpecContract, options: DriftOptions = {}): DriftReport {
  const accepted = options.accepted ?? (() => true);
  const findings = new Map<string, DriftFinding>();
  const exampleOf = (exchange: RecordedExchange) => `${effectiveMethod(exchange)} ${pathnameOf(exchange)} -> ${exchange.status}`;
  const add = (kind: DriftKind, subject: string, detail: string, exchange: RecordedExchange, count = 1) => {
    const key = `${kind}\u0000${subject}\u0000${detail}`;
    const seen = findings.get(key);
    if (seen) seen.count += count;
    else findings.set(key, { kind, subject, detail, count, example: exampleOf(exchange) });
  };
  const documentedHeaders = new Set(contract.headers);
  const errorTypes = new Set(contract.errorTypes);
  const errorStatuses = new Set(contract.errorStatuses);
  const headerActions = new Map<string, Set<string>>();
  // Per declared member (object title and path): the instances seen, how many had it, and the first response.
  const members = new Map<string, { owner: string; path: string; instances: number; present: number; first: RecordedExchange }>();
  let responses = 0;

  for (const exchange of exchanges) {
    const status = exchange.status;
    if (status === undefined) continue;
    responses += 1;
    const action = matchAction(contract, effectiveMethod(exchange), pathnameOf(exchange));
    const body = parseJson(exchange);

    if (status >= 400) {
      const type = errorTypeOf(body);
      if (type !== undefined && !errorTypes.has(type)) add('unknown-error-type', `HTTP ${status}`, type, exchange);
    }
    // Everything below is judged against a documented action; requests outside the section carry no contract here.
    if (action === undefined) continue;
    const documented = action.responses.some((r) => r.status === status) || errorStatuses.has(status);
    if (!documented) add('undocumented-status', action.name, String(status), exchange);
    for (const [name, value] of Object.entries(exchange.responseHeaders)) {
      const announcement = DEPRECATION_HEADERS[name];
      if (announcement !== undefined) add('deprecation', action.name, `${announcement}: ${value}`, exchange);
      else if (!documentedHeaders.has(name) && !GENERAL_HEADERS.has(name) && !GENERAL_HEADER_PREFIXES.some((p) => name.startsWith(p))) {
        add('undocumented-header', ANY_ACTION, name, exchange);
        headerActions.set(name, (headerActions.get(name) ?? new Set()).add(action.name));
      }
    }
    const rule = responseBodyRule(action.name, status);
    if (rule?.kind !== 'json' || body === undefined) continue;
    const judgeSchemaBreaks = accepted(exchange);
    walkBody(rule.schema, body.value, {
      finding: (kind, owner, detail) => {
        if (kind !== 'null-field' || judgeSchemaBreaks) add(kind, owner, detail, exchange);
      },
      member: (owner, path, present) => {
        if (!judgeSchemaBreaks) return;
        const key = `${owner}\u0000${path}`;
        const tally = members.get(key) ?? { owner, path, instances: 0, present: 0, first: exchange };
        tally.instances += 1;
        if (present) tally.present += 1;
        members.set(key, tally);
      },
    });
  }
  for (const tally of members.values()) if (tally.present === 0) add('missing-field', tally.owner, tally.path, tally.first, tally.instances);
  for (const finding of findings.values()) {
    const actions = finding.kind === 'undocumented-header' ? (headerActions.get(finding.detail)?.size ?? 0) : 0;
    if (actions > 1) finding.example += ` (sent by ${actions} actions)`;
  }
  return {
    responses,
    findings: [...findings.values()].sort(
      (a, b) => DRIFT_KINDS.indexOf(a.kind) - DRIFT_KINDS.indexOf(b.kind) || a.subject.localeCompare(b.subject) || a.detail.localeCompare(b.detail),
    ),
  };
}

function parseJson(exchange: RecordedExchange): { value: unknown } | undefined {
  if (!exchange.responseBody || exchange.responseBodyTruncated) return undefined;
  if (!/json/i.test(exchange.responseHeaders['content-type'] ?? '')) return undefined;
  try {
    return { value: JSON.parse(exchange.responseBody) as unknown };
  } catch {
    return undefined;
  }
}

function errorTypeOf(body: { value: unknown } | undefined): string | undefined {
  const error = isRecord(body?.value) ? body.value.error : undefined;
  return isRecord(error) && typeof error.type === 'string' ? error.type : undefined;
}
