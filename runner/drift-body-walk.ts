import { allowsNull, isForbidden, isRecord, isSchema, referencedSchema, schemaNamed, titleOf, typeFits } from '../common/schema-walk.ts';
import type { JsonSchema, SchemaName } from '../common/schemas.ts';

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
  if (value === null) {
    // Reported where the value sits, once: a forbidden null is not also an unknown enum value.
    if (!schemas.some((schema) => allowsNull(schema))) observer.finding('null-field', place.owner, place.path || '(value)');
    return;
  }
  const applicable = expand(schemas, value);
  const named = applicable.map(titleOf).filter((t): t is string => t !== undefined && t !== place.owner);
  const here: Place = named.length > 0 && place.path !== '' ? { owner: named[named.length - 1]!, path: '' } : place;

  // A `const` is an enumeration of one (the secret branch of an env var: isSecret true).
  const enums = applicable.flatMap((s) => (Array.isArray(s.enum) ? [s.enum as unknown[]] : Object.hasOwn(s, 'const') ? [[s.const]] : []));
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
    const target = referencedSchema(schema);
    if (target !== undefined) {
      result.push(...expand([schemaNamed(target)], value, depth + 1));
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
