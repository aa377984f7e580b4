import { isSchemaName, type JsonSchema, type SchemaName, schemaOf } from './schemas.ts';

// What the walks over a response body against its schemas share (the drift report, runner/drift-body-walk.ts, and the
// probe, probe/schema-gaps.ts): schemas by name, how a $ref, a type and null are read. One reading, so the two never
// disagree on the same body.

const cache = new Map<SchemaName, JsonSchema>();

/** schemas/<name>.json, parsed once. */
export function schemaNamed(name: SchemaName): JsonSchema {
  let schema = cache.get(name);
  if (schema === undefined) {
    schema = schemaOf(name);
    cache.set(name, schema);
  }
  return schema;
}

/** The schema a `$ref` names, if the fragment is one; a reference to a file schemas/ does not hold is a defect of ours. */
export function referencedSchema(schema: JsonSchema): SchemaName | undefined {
  if (typeof schema.$ref !== 'string') return undefined;
  const name = schema.$ref.replace(/\.json$/, '');
  if (!isSchemaName(name)) throw new Error(`A schema refers to ${schema.$ref}, which schemas/ does not hold`);
  return name;
}

/** Whether a schema can describe the value, judged by its declared type only (enough to pick an anyOf branch). */
export function typeFits(schema: JsonSchema, value: unknown, depth = 0): boolean {
  const target = referencedSchema(schema);
  if (target !== undefined) return depth > 20 || typeFits(schemaNamed(target), value, depth + 1);
  if (schema.type === undefined) return true;
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return typesOf(schema).some((type) => type === actual || (type === 'integer' && actual === 'number'));
}

/**
 * Whether null passes a schema as far as its types, enumerations and combinations say (formats and patterns never apply
 * to null): every allOf part must allow it, some anyOf/oneOf branch, and a documented absence (`not: {}`) never does.
 */
export function allowsNull(schema: JsonSchema, depth = 0): boolean {
  if (depth > 20) return true;
  const target = referencedSchema(schema);
  if (target !== undefined) return allowsNull(schemaNamed(target), depth + 1);
  if (isForbidden(schema)) return false;
  if (schema.type !== undefined && !typesOf(schema).includes('null')) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) return false;
  if ('const' in schema && schema.const !== null) return false;
  if (Array.isArray(schema.allOf) && !schema.allOf.filter(isSchema).every((part) => allowsNull(part, depth + 1))) return false;
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches) && !branches.filter(isSchema).some((branch) => allowsNull(branch, depth + 1))) return false;
  }
  return true;
}

/** A member documented as absent (`not: {}`, e.g. a public user's email). */
export function isForbidden(schema: JsonSchema): boolean {
  return isRecord(schema.not) && Object.keys(schema.not).length === 0;
}

export function titleOf(schema: JsonSchema): string | undefined {
  return typeof schema.title === 'string' ? schema.title : undefined;
}

export function isSchema(value: unknown): value is JsonSchema {
  return isRecord(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(schema: JsonSchema): unknown[] {
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}
