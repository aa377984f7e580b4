import { isSchemaName, type JsonSchema, type SchemaName, schemaOf } from '../common/schemas.ts';

/** What one walk over a response body reports to the drift analysis (runner/drift.ts). */
export interface BodyObserver {
  /** A member no schema declares, a value outside every enumeration, or a null no schema allows. */
  finding(kind: 'extra-field' | 'unknown-enum-value' | 'null-field', owner: string, detail: string): void;
  /** A member the schemas declare for an object, and whether this instance of the object has it. */
  member(owner: string, memberPath: string, present: boolean): void;
}

interface Place {
  /** Title of the nearest named schema (e.g. `Run`). */
  owner: string;
  /** Path from that object, e.g. `stats.computeUnits` or `items[]`. */
  path: string;
}

/** Walks a response body against its schema (schemas/<name>.json), reporting to `observer`. */
export function walkBody(schemaName: SchemaName, body: unknown, observer: BodyObserver): void {
  const schema = schemaNamed(schemaName);
  walk([schema], body, { owner: titleOf(schema) ?? schemaName, path: '' }, observer);
}

// Walks a value against the set of schemas that apply to it (allOf branches, $refs and the matching anyOf branches
// flattened), reporting members no schema of the set declares, enum values none of them allows, nulls none of them
// allows, and which declared members each object has.
function walk(schemas: JsonSchema[], value: unknown, place: Place, observer: BodyObserver): void {
  const applicable = expand(schemas, value);
  const named = applicable.map(titleOf).filter((t): t is string => t !== undefined && t !== place.owner);
  const here: Place = named.length > 0 && place.path !== '' ? { owner: named[named.length - 1]!, path: '' } : place;

  if (value === null) {
    // Reported where the value sits, once: a forbidden null is not also an unknown enum value.
    if (nullForbidden(applicable)) observer.finding('null-field', place.owner, place.path || '(value)');
    return;
  }
  const enums = applicable.filter((s) => Array.isArray(s.enum)).map((s) => s.enum as unknown[]);
  // Reported where the value sits (`Run`, `status`), not under the enum's own title.
  if (enums.length > 0 && !enums.some((allowed) => allowed.includes(value)))
    observer.finding('unknown-enum-value', place.owner, `${place.path || '(value)'} = ${JSON.stringify(value)}`);

  if (Array.isArray(value)) {
    const items = applicable.map((s) => s.items).filter(isSchema);
    if (items.length > 0) for (const item of value) walk(items, item, { ...here, path: `${here.path}[]` }, observer);
    return;
  }
  if (!isRecord(value)) return;
  const declared = applicable.filter((s) => isRecord(s.properties));
  // An object no schema describes member by member (free-form input, options) has no extra or missing members.
  if (declared.length === 0) return;
  const pathOf = (key: string) => (here.path === '' ? key : `${here.path}.${key}`);
  const open = applicable.map((s) => s.additionalProperties).filter(isSchema);
  for (const [key, member] of Object.entries(value)) {
    const memberSchemas = declared.map((s) => (s.properties as Record<string, unknown>)[key]).filter(isSchema);
    if (memberSchemas.length > 0) walk(memberSchemas, member, { owner: here.owner, path: pathOf(key) }, observer);
    else if (open.length > 0) walk(open, member, { owner: here.owner, path: pathOf(key) }, observer);
    else observer.finding('extra-field', here.owner, pathOf(key));
  }
  for (const key of new Set(declared.flatMap((s) => Object.keys(s.properties as Record<string, unknown>)))) {
    const memberSchemas = declared.map((s) => (s.properties as Record<string, unknown>)[key]).filter(isSchema);
    // A member documented as absent (`not: {}`, e.g. a public user's email) is not missing when it is absent.
    if (memberSchemas.some(isForbidden)) continue;
    observer.member(here.owner, pathOf(key), Object.hasOwn(value, key));
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

// Null is documented where a schema that applies lists it (`type: [X, "null"]`, the null branch of an anyOf, an enum
// with null); a schema with a type, an enumeration or a constant that does not list it forbids it.
function nullForbidden(applicable: JsonSchema[]): boolean {
  const allowsNull = (s: JsonSchema) =>
    s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null')) || (Array.isArray(s.enum) && s.enum.includes(null)) || s.const === null;
  if (applicable.some(allowsNull)) return false;
  return applicable.some((s) => s.type !== undefined || Array.isArray(s.enum) || 'const' in s);
}

function isForbidden(schema: JsonSchema): boolean {
  return isRecord(schema.not) && Object.keys(schema.not).length === 0;
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
