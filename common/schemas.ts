// The JSON Schemas of schemas/, loaded once into one ajv instance: validation with messages that name the
// failing field, and sample data from json-schema-faker. Synchronous, so Dredd hooks can use it as well.
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv, type DefinedError, type ErrorObject } from 'ajv';
import formatsModule from 'ajv-formats';
import { JSONSchemaFaker } from 'json-schema-faker';
import type { SchemaName, SchemaTypes } from './api-types.ts';

export type { SchemaName, SchemaTypes } from './api-types.ts';

export type ValidationResult = { ok: true } | { ok: false; errors: string[] };

export type JsonSchema = { [keyword: string]: unknown };

/** Every schema's `$id` is this base plus its file name; `$ref`s between the files are bare file names. */
export const SCHEMA_BASE_URI = 'https://conformance.apify-v2.test/schemas/';

export const SCHEMA_DIRECTORY = new URL('../schemas/', import.meta.url);

const SCHEMA_PRESENCE: Record<SchemaName, true> = {
  id: true,
  'date-time': true,
  'build-number': true,
  'job-status': true,
  'job-meta': true,
  metamorph: true,
  'env-var': true,
  'source-file': true,
  version: true,
  'version-update': true,
  actor: true,
  'actor-short': true,
  'act-create': true,
  'act-update': true,
  webhook: true,
  build: true,
  'build-short': true,
  run: true,
  'run-short': true,
  'paginated-list': true,
  'version-list': true,
  'key-list': true,
  error: true,
  'actor-response': true,
  'actor-list-response': true,
  'version-response': true,
  'version-list-response': true,
  'webhook-list-response': true,
  'build-response': true,
  'build-list-response': true,
  'run-response': true,
  'run-list-response': true,
  'metamorph-run-response': true,
  'run-failed-error': true,
  'run-timeout-error': true,
  // Request queues
  'request-queue': true,
  'request-queue-response': true,
  'request-queue-list-response': true,
  'request-queue-update': true,
  'request-without-id': true,
  'request-id': true,
  request: true,
  'request-response': true,
  'request-operation-info': true,
  'request-operation-response': true,
  'head-item': true,
  'queue-head': true,
  'queue-head-response': true,
  'locked-queue-head-response': true,
  'request-lock-response': true,
  'unlock-response': true,
  'batch-result-response': true,
  'request-list-response': true,
  'key-value-store': true,
  dataset: true,
  'storage-update': true,
  'key-value-store-response': true,
  'key-value-store-list-response': true,
  'dataset-response': true,
  'dataset-list-response': true,
  'key-list-response': true,
  'dataset-items': true,
  'empty-object': true,
  // Actor tasks, webhooks and their dispatches, users
  task: true,
  'task-short': true,
  'task-create': true,
  'task-update': true,
  'task-input': true,
  'task-response': true,
  'task-list-response': true,
  'task-run-response': true,
  'webhook-create': true,
  'webhook-update': true,
  'webhook-response': true,
  'webhook-dispatch': true,
  'webhook-dispatch-response': true,
  'webhook-dispatch-list-response': true,
  'user-public': true,
  'user-private': true,
  'user-public-response': true,
  'user-private-response': true,
};

export const SCHEMA_NAMES = Object.keys(SCHEMA_PRESENCE) as SchemaName[];

export function isSchemaName(name: string): name is SchemaName {
  return Object.hasOwn(SCHEMA_PRESENCE, name);
}

function loadSchemas(): Map<SchemaName, JsonSchema> {
  const files = readdirSync(SCHEMA_DIRECTORY).filter((file) => file.endsWith('.json'));
  const unlisted = files.map((file) => file.slice(0, -'.json'.length)).filter((name) => !isSchemaName(name));
  if (unlisted.length > 0) {
    throw new Error(`schemas/ holds files common/schemas.ts does not list: ${unlisted.join(', ')}`);
  }
  const schemas = new Map<SchemaName, JsonSchema>();
  for (const name of SCHEMA_NAMES) {
    const file = `${name}.json`;
    if (!files.includes(file)) throw new Error(`schemas/${file} is missing`);
    const schema = JSON.parse(readFileSync(new URL(file, SCHEMA_DIRECTORY), 'utf8')) as JsonSchema;
    if (schema.$id !== SCHEMA_BASE_URI + file) {
      throw new Error(`schemas/${file} has $id ${String(schema.$id)}, expected ${SCHEMA_BASE_URI + file}`);
    }
    schemas.set(name, schema);
  }
  return schemas;
}

const schemas = loadSchemas();

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
formatsModule.default(ajv);
for (const schema of schemas.values()) ajv.addSchema(schema);

/** A deep copy of one schema as stored in schemas/. */
export function schemaOf(name: SchemaName): JsonSchema {
  return structuredClone(getSchema(name));
}

function getSchema(name: SchemaName): JsonSchema {
  const schema = schemas.get(name);
  if (schema === undefined) throw new Error(`unknown schema ${String(name)}`);
  return schema;
}

export function validate(name: SchemaName, data: unknown): ValidationResult {
  const check = ajv.getSchema(`${SCHEMA_BASE_URI}${name}.json`);
  if (check === undefined) throw new Error(`unknown schema ${String(name)}`);
  if (check(data)) return { ok: true };
  return { ok: false, errors: explainErrors(check.errors ?? []) };
}

/** Throws an error listing every violation unless `data` passes the schema; `context` says what was checked. */
export function assertValid<N extends SchemaName>(name: N, data: unknown, context: string): asserts data is SchemaTypes[N] {
  const result = validate(name, data);
  if (!result.ok) throw new Error(`${context} does not match schemas/${name}.json:\n  ${result.errors.join('\n  ')}`);
}

export interface FakeOptions {
  /** The same seed gives the same sample. Without one, the sample is random. */
  seed?: number;
}

/** How often one sample may resolve the same $ref (json-schema-faker's default depth of 3 is meant for recursion). */
const REF_USES = 100_000;

/** A sample that passes the schema, made by json-schema-faker 0.5.9. */
export function fake<N extends SchemaName>(name: N, options: FakeOptions = {}): SchemaTypes[N] {
  JSONSchemaFaker.option({
    random: options.seed === undefined ? Math.random : seededRandom(options.seed),
    refDepthMin: REF_USES,
    refDepthMax: REF_USES,
    failOnInvalidFormat: true,
    failOnInvalidTypes: true,
  });
  // json-schema-faker rewrites the schemas it walks, so it gets copies.
  const refs: Record<string, JsonSchema> = {};
  for (const [other, schema] of schemas) refs[`${other}.json`] = structuredClone(schema);
  const sample: unknown = JSONSchemaFaker.generate(schemaOf(name), refs);
  assertValid(name, sample, `json-schema-faker's sample of ${name}`);
  return sample;
}

/** mulberry32: a small, fast, deterministic generator of numbers in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Error messages. Each names the JSON pointer of the failing field and what came. By convention, a schema with
// a pattern, an enum or `not: {}` may carry a description that completes the phrase "<field> must be ...".

function explainErrors(errors: ErrorObject[]): string[] {
  // An anyOf failure says nothing its branches do not say better.
  let kept = errors.filter(
    (error) => !(error.keyword === 'anyOf' && errors.some((other) => other !== error && isWithin(other.instancePath, error.instancePath))),
  );
  // A nullable field is anyOf [null, X]: once the value had X's type and failed inside X, "must be null" is noise.
  kept = kept.filter(
    (error) =>
      !(
        error.keyword === 'type' &&
        error.schema === 'null' &&
        kept.some((other) => other.keyword !== 'type' && isWithin(other.instancePath, error.instancePath))
      ),
  );
  // Type errors at one path (the alternatives of a nullable field) become one "must be A or B", in the place of the first.
  const typesAt = new Map<string, { types: Set<string>; data: unknown }>();
  const ordered: Array<string | { typesAt: string }> = [];
  for (const error of kept) {
    if (error.keyword !== 'type') {
      ordered.push(explainError(error as DefinedError));
      continue;
    }
    let entry = typesAt.get(error.instancePath);
    if (entry === undefined) {
      entry = { types: new Set(), data: error.data };
      typesAt.set(error.instancePath, entry);
      ordered.push({ typesAt: error.instancePath });
    }
    for (const type of typeNames(error.schema)) entry.types.add(type);
  }
  const messages = ordered.map((item) => {
    if (typeof item === 'string') return item;
    const entry = typesAt.get(item.typesAt);
    return `${pointer(item.typesAt)} must be ${[...(entry?.types ?? [])].join(' or ')}, got ${describe(entry?.data)}`;
  });
  return [...new Set(messages)];
}

function typeNames(schema: unknown): string[] {
  if (typeof schema === 'string') return [schema];
  if (Array.isArray(schema)) return schema.filter((type): type is string => typeof type === 'string');
  return [];
}

function explainError(error: DefinedError): string {
  const at = pointer(error.instancePath);
  const got = `got ${describe(error.data)}`;
  const description = describedAs(error.parentSchema);
  switch (error.keyword) {
    case 'required':
      return `${pointer(`${error.instancePath}/${escapePointer(error.params.missingProperty)}`)} is required but missing`;
    case 'pattern':
      return `${at} must be ${description ?? `a string matching ${error.params.pattern}`}, ${got}`;
    case 'enum':
      if (description !== undefined) return `${at} must be ${description}, ${got}`;
      return `${at} must be one of ${error.params.allowedValues.map((value: unknown) => JSON.stringify(value)).join(', ')}, ${got}`;
    case 'const':
      return `${at} must be ${JSON.stringify(error.params.allowedValue)}, ${got}`;
    case 'not':
      return isEmptySchema(error.schema) ? `${at} must be ${description ?? 'absent'}, ${got}` : `${at} ${error.message ?? 'is invalid'}, ${got}`;
    case 'format':
      return `${at} must be a valid ${error.params.format}, ${got}`;
    default:
      return `${at} ${error.message ?? 'is invalid'}, ${got}`;
  }
}

function isWithin(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

function pointer(path: string): string {
  return path === '' ? '(root)' : path;
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function isEmptySchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && Object.keys(schema).length === 0;
}

function describedAs(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const description: unknown = (schema as Record<string, unknown>).description;
  return typeof description === 'string' ? description : undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  return `${typeof value} ${String(value)}`;
}
