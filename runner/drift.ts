import { responseBodyRule } from '../common/response-schemas.ts';
import { isSchemaName, type JsonSchema, type SchemaName, schemaOf } from '../common/schemas.ts';
import { matchAction, type SpecContract } from '../common/spec-contract.ts';
import { effectiveMethod, pathnameOf, type RecordedExchange } from './exchanges/exchange.ts';

/**
 * Drift: what the target answered that the spec does not document. These are warnings, not failures (an extra field
 * or header breaks no documented rule); they are the evidence for updating the spec and spec/ERRATA.md.
 */
export type DriftKind = 'extra-field' | 'unknown-enum-value' | 'unknown-error-type' | 'undocumented-status' | 'undocumented-header';

export interface DriftFinding {
  kind: DriftKind;
  /** The object (schema title), action or status the finding is about. */
  subject: string;
  /** The field path, value, status or header name. */
  detail: string;
  /** How many responses showed it. */
  count: number;
  /** The first response that showed it: `METHOD /path -> status`. */
  example: string;
}

export interface DriftReport {
  /** Responses examined (from Dredd and the suites). */
  responses: number;
  findings: DriftFinding[];
}

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

export function analyseDrift(exchanges: RecordedExchange[], contract: SpecContract): DriftReport {
  const findings = new Map<string, DriftFinding>();
  const add = (kind: DriftKind, subject: string, detail: string, exchange: RecordedExchange) => {
    const key = `${kind}\u0000${subject}\u0000${detail}`;
    const seen = findings.get(key);
    if (seen) seen.count += 1;
    else findings.set(key, { kind, subject, detail, count: 1, example: `${effectiveMethod(exchange)} ${pathnameOf(exchange)} -> ${exchange.status}` });
  };
  const documentedHeaders = new Set(contract.headers);
  const errorTypes = new Set(contract.errorTypes);
  const errorStatuses = new Set(contract.errorStatuses);
  const headerActions = new Map<string, Set<string>>();
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
    for (const name of Object.keys(exchange.responseHeaders)) {
      if (!documentedHeaders.has(name) && !GENERAL_HEADERS.has(name) && !GENERAL_HEADER_PREFIXES.some((p) => name.startsWith(p))) {
        // One finding per header, whichever actions send it; the subject says how many.
        add('undocumented-header', '', name, exchange);
        headerActions.set(name, (headerActions.get(name) ?? new Set()).add(action.name));
      }
    }
    const rule = responseBodyRule(action.name, status);
    if (rule?.kind === 'json' && body !== undefined) {
      const schema = schemaNamed(rule.schema);
      walk([schema], body.value, { owner: titleOf(schema) ?? rule.schema, path: '' }, (kind, owner, detail) => add(kind, owner, detail, exchange));
    }
  }
  for (const finding of findings.values()) {
    if (finding.kind !== 'undocumented-header') continue;
    const actions = [...(headerActions.get(finding.detail) ?? [])];
    finding.subject = actions.length === 1 ? actions[0]! : `${actions.length} actions`;
  }
  const order: DriftKind[] = ['undocumented-status', 'unknown-error-type', 'unknown-enum-value', 'undocumented-header', 'extra-field'];
  return {
    responses,
    findings: [...findings.values()].sort(
      (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.subject.localeCompare(b.subject) || a.detail.localeCompare(b.detail),
    ),
  };
}

type Report = (kind: 'extra-field' | 'unknown-enum-value', owner: string, detail: string) => void;

interface Place {
  /** Title of the nearest named schema (e.g. `Run`). */
  owner: string;
  /** Path from that object, e.g. `stats.computeUnits` or `items[]`. */
  path: string;
}

// Walks a value against the set of schemas that apply to it (allOf branches, $refs and the matching anyOf branches
// flattened), reporting members no schema of the set declares and enum values none of them allows.
function walk(schemas: JsonSchema[], value: unknown, place: Place, report: Report): void {
  const applicable = expand(schemas, value);
  const named = applicable.map(titleOf).filter((t): t is string => t !== undefined && t !== place.owner);
  const here: Place = named.length > 0 && place.path !== '' ? { owner: named[named.length - 1]!, path: '' } : place;

  const enums = applicable.filter((s) => Array.isArray(s.enum)).map((s) => s.enum as unknown[]);
  // Reported where the value sits (`Run`, `status`), not under the enum's own title.
  if (enums.length > 0 && !enums.some((allowed) => allowed.includes(value)))
    report('unknown-enum-value', place.owner, `${place.path || '(value)'} = ${JSON.stringify(value)}`);

  if (Array.isArray(value)) {
    const items = applicable.map((s) => s.items).filter(isSchema);
    if (items.length > 0) for (const item of value) walk(items, item, { ...here, path: `${here.path}[]` }, report);
    return;
  }
  if (!isRecord(value)) return;
  const declared = applicable.filter((s) => isRecord(s.properties));
  // An object no schema describes member by member (free-form input, options) has no extra members.
  if (declared.length === 0) return;
  const open = applicable.map((s) => s.additionalProperties).filter(isSchema);
  for (const [key, member] of Object.entries(value)) {
    const memberPath = here.path === '' ? key : `${here.path}.${key}`;
    const memberSchemas = declared.map((s) => (s.properties as Record<string, unknown>)[key]).filter(isSchema);
    if (memberSchemas.length > 0) walk(memberSchemas, member, { owner: here.owner, path: memberPath }, report);
    else if (open.length > 0) walk(open, member, { owner: here.owner, path: memberPath }, report);
    else report('extra-field', here.owner, memberPath);
  }
}

function expand(schemas: JsonSchema[], value: unknown, depth = 0): JsonSchema[] {
  if (depth > 20) return schemas;
  const result: JsonSchema[] = [];
  for (const schema of schemas) {
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.replace(/\.json$/, '');
      if (isSchemaName(name)) result.push(...expand([schemaNamed(name)], value, depth + 1));
      continue;
    }
    result.push(schema);
    if (Array.isArray(schema.allOf)) result.push(...expand(schema.allOf.filter(isSchema), value, depth + 1));
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const branches = schema[keyword];
      if (Array.isArray(branches))
        result.push(
          ...expand(
            branches.filter(isSchema).filter((b) => typeFits(b, value)),
            value,
            depth + 1,
          ),
        );
    }
  }
  return result;
}

// Whether a branch can describe the value, judged by its declared type only (enough to pick the non-null branch).
function typeFits(schema: JsonSchema, value: unknown): boolean {
  if (typeof schema.$ref === 'string') return value !== null;
  const declared = schema.type;
  if (declared === undefined) return true;
  const types = Array.isArray(declared) ? declared : [declared];
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return types.some((t) => t === actual || (t === 'integer' && actual === 'number'));
}

const schemaCache = new Map<SchemaName, JsonSchema>();

function schemaNamed(name: SchemaName): JsonSchema {
  let schema = schemaCache.get(name);
  if (schema === undefined) {
    schema = schemaOf(name);
    schemaCache.set(name, schema);
  }
  return schema;
}

function titleOf(schema: JsonSchema): string | undefined {
  return typeof schema.title === 'string' ? schema.title : undefined;
}

function isSchema(value: unknown): value is JsonSchema {
  return isRecord(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
