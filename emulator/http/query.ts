// Query parameters as clients send them: booleans as true/false or 1/0 (apify-client sends 1/0), numbers as decimal
// text. The `queryValue` schema keyword converts a parameter in place and rejects nonsense with a clear message, so
// each route's querystring schema reads like the documentation: { desc: queryBoolean, offset: queryInteger(0) }.
import type { Ajv, ErrorObject, SchemaObject } from 'ajv';

interface QueryValueSpec {
  type: 'boolean' | 'integer' | 'number';
  minimum?: number;
  maximum?: number;
}

export const queryBoolean = { queryValue: { type: 'boolean' } } as const;

export function queryInteger(minimum?: number, maximum?: number): SchemaObject {
  return { queryValue: { type: 'integer', minimum, maximum } };
}

export function queryNumber(minimum?: number): SchemaObject {
  return { queryValue: { type: 'number', minimum } };
}

export const queryString = { type: 'string' } as const;

const BOOLEAN_TEXT: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };
const NUMBER_TEXT = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Converts one query value; returns the converted value or an error message. */
export function parseQueryValue(raw: unknown, spec: QueryValueSpec): { value: boolean | number } | { error: string } {
  if (typeof raw === 'boolean' || typeof raw === 'number') return { value: raw };
  if (typeof raw !== 'string') return { error: 'must be given once' };
  if (spec.type === 'boolean') {
    const value = BOOLEAN_TEXT[raw.toLowerCase()];
    return value === undefined ? { error: `must be true, false, 1 or 0, got "${raw}"` } : { value };
  }
  const value = NUMBER_TEXT.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value)) return { error: `must be a number, got "${raw}"` };
  if (spec.type === 'integer' && !Number.isInteger(value)) return { error: `must be an integer, got "${raw}"` };
  if (spec.minimum !== undefined && value < spec.minimum) return { error: `must be at least ${spec.minimum}, got "${raw}"` };
  if (spec.maximum !== undefined && value > spec.maximum) return { error: `must be at most ${spec.maximum}, got "${raw}"` };
  return { value };
}

interface DataContext {
  parentData: Record<string | number, unknown>;
  parentDataProperty: string | number;
}

type CompiledKeyword = ((data: unknown, context?: DataContext) => boolean) & { errors?: Array<Partial<ErrorObject>> };

/** Ajv plugin (Fastify's `ajv.plugins`) that adds the `queryValue` keyword. */
export function addQueryKeywords(ajv: Ajv): Ajv {
  ajv.addKeyword({
    keyword: 'queryValue',
    modifying: true,
    errors: true,
    schemaType: 'object',
    compile(spec: QueryValueSpec) {
      const validate: CompiledKeyword = (data, context) => {
        const result = parseQueryValue(data, spec);
        if ('error' in result) {
          validate.errors = [{ keyword: 'queryValue', message: result.error, params: {} }];
          return false;
        }
        if (context !== undefined) context.parentData[context.parentDataProperty] = result.value;
        return true;
      };
      return validate;
    },
  });
  return ajv;
}
