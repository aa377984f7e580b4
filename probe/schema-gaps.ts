import { isSchemaName, type JsonSchema, type SchemaName, schemaOf } from '../common/schemas.ts';
import type { SchemaGap } from './facts.ts';

/**
 * Where a body parts from its schema in the three ways a profile rests on: members the schema does not declare (the
 * schemas stay open to them, so they are drift, not failures), required members that are missing, and nulls the
 * schema does not allow (both fail every check that validates the body). Each gap names the schema file to edit.
 */
export function schemaGaps(name: SchemaName, body: unknown): SchemaGap[] {
  const gaps = new Map<string, SchemaGap>();
  const add = (kind: SchemaGap['kind'], owner: Scoped, at: string) => {
    gaps.set(`${kind}\u0000${at}`, { kind, schema: owner.file, member: relativePath(at, owner.at), at });
  };
  walk([{ schema: schemaNamed(name), file: `${name}.json`, at: '' }], body, '', add);
  return [...gaps.values()].sort((a, b) => a.at.localeCompare(b.at) || a.kind.localeCompare(b.kind));
}

/** A schema fragment, with the file it comes from and the body path where that file's object starts. */
interface Scoped {
  schema: JsonSchema;
  file: string;
  at: string;
}

type Add = (kind: SchemaGap['kind'], owner: Scoped, at: string) => void;

function walk(candidates: Scoped[], value: unknown, path: string, add: Add): void {
  if (value === null) {
    if (!candidates.some((c) => allowsNull(c.schema))) add('null-not-allowed', candidates[0]!, path);
    return;
  }
  const applicable = expand(candidates, value, path);
  if (Array.isArray(value)) {
    const items = applicable.filter((s) => isSchema(s.schema.items)).map((s) => ({ ...s, schema: s.schema.items as JsonSchema }));
    if (items.length > 0) for (const item of value) walk(items, item, `${path}[]`, add);
    return;
  }
  if (!isRecord(value)) return;
  for (const scoped of applicable) {
    const required = Array.isArray(scoped.schema.required) ? scoped.schema.required : [];
    for (const member of required) if (typeof member === 'string' && !Object.hasOwn(value, member)) add('missing-required', scoped, join(path, member));
  }
  const declaring = applicable.filter((s) => isRecord(s.schema.properties));
  // An object no schema describes member by member (an actor's input, free-form options) has no undeclared members.
  if (declaring.length === 0) return;
  // Members are owned by the last file whose object starts here (a list item's own schema rather than the list's).
  const owner = [...applicable].reverse().find((s) => s.at === path) ?? applicable[0]!;
  for (const [key, member] of Object.entries(value)) {
    const memberSchemas = declaring
      .map((s) => ({ ...s, schema: (s.schema.properties as Record<string, unknown>)[key] }))
      .filter((s): s is Scoped => isSchema(s.schema));
    if (memberSchemas.length > 0) walk(memberSchemas, member, join(path, key), add);
    else add('undeclared', owner, join(path, key));
  }
}

/** The schemas that apply to a value: $refs resolved, allOf parts added, and the anyOf/oneOf branches its type fits. */
function expand(candidates: Scoped[], value: unknown, path: string, depth = 0): Scoped[] {
  if (depth > 20) return candidates;
  const result: Scoped[] = [];
  for (const scoped of candidates) {
    const target = referenced(scoped.schema);
    if (target !== undefined) {
      result.push(...expand([{ schema: schemaNamed(target), file: `${target}.json`, at: path }], value, path, depth + 1));
      continue;
    }
    result.push(scoped);
    const parts = (keyword: 'allOf' | 'anyOf' | 'oneOf') =>
      (Array.isArray(scoped.schema[keyword]) ? (scoped.schema[keyword] as unknown[]) : []).filter(isSchema).map((schema) => ({ ...scoped, schema }));
    result.push(...expand(parts('allOf'), value, path, depth + 1));
    result.push(
      ...expand(
        [...parts('anyOf'), ...parts('oneOf')].filter((branch) => typeFits(branch.schema, value)),
        value,
        path,
        depth + 1,
      ),
    );
  }
  return result;
}

/** Whether null passes a schema as far as its types say (formats and patterns never apply to null). */
function allowsNull(schema: JsonSchema, depth = 0): boolean {
  if (depth > 20) return true;
  const target = referenced(schema);
  if (target !== undefined) return allowsNull(schemaNamed(target), depth + 1);
  if (isRecord(schema.not) && Object.keys(schema.not).length === 0) return false;
  if (schema.type !== undefined && !typesOf(schema).includes('null')) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) return false;
  if (Array.isArray(schema.allOf) && !schema.allOf.filter(isSchema).every((part) => allowsNull(part, depth + 1))) return false;
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches) && !branches.filter(isSchema).some((branch) => allowsNull(branch, depth + 1))) return false;
  }
  return true;
}

function typeFits(schema: JsonSchema, value: unknown, depth = 0): boolean {
  const target = referenced(schema);
  if (target !== undefined) return depth > 20 || typeFits(schemaNamed(target), value, depth + 1);
  if (schema.type === undefined) return true;
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return typesOf(schema).some((type) => type === actual || (type === 'integer' && actual === 'number'));
}

function typesOf(schema: JsonSchema): unknown[] {
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

function referenced(schema: JsonSchema): SchemaName | undefined {
  if (typeof schema.$ref !== 'string') return undefined;
  const name = schema.$ref.replace(/\.json$/, '');
  if (!isSchemaName(name)) throw new Error(`A schema refers to ${schema.$ref}, which schemas/ does not hold`);
  return name;
}

const cache = new Map<SchemaName, JsonSchema>();

function schemaNamed(name: SchemaName): JsonSchema {
  let schema = cache.get(name);
  if (schema === undefined) {
    schema = schemaOf(name);
    cache.set(name, schema);
  }
  return schema;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function relativePath(at: string, base: string): string {
  if (base === '') return at;
  return at.startsWith(`${base}.`) ? at.slice(base.length + 1) : at;
}

function isSchema(value: unknown): value is JsonSchema {
  return isRecord(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
