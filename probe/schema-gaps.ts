import { allowsNull, isRecord, isSchema, referencedSchema, schemaNamed, typeFits } from '../common/schema-walk.ts';
import type { JsonSchema, SchemaName } from '../common/schemas.ts';
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
    const target = referencedSchema(scoped.schema);
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

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function relativePath(at: string, base: string): string {
  if (base === '') return at;
  return at.startsWith(`${base}.`) ? at.slice(base.length + 1) : at;
}
