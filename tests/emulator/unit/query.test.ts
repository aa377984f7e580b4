// Query values as clients send them: booleans true/false/1/0, decimal numbers; anything else is a clear error.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { addQueryKeywords, parseQueryValue, queryBoolean, queryInteger } from '../../../emulator/http/query.ts';

describe('parseQueryValue', () => {
  it('accepts true/false/1/0 for booleans, case-insensitively', () => {
    for (const [raw, value] of [
      ['true', true],
      ['1', true],
      ['TRUE', true],
      ['false', false],
      ['0', false],
    ] as const) {
      expect(parseQueryValue(raw, { type: 'boolean' })).toEqual({ value });
    }
    expect(parseQueryValue('yes', { type: 'boolean' })).toEqual({ error: 'must be true, false, 1 or 0, got "yes"' });
    expect(parseQueryValue('', { type: 'boolean' })).toHaveProperty('error');
  });

  it('accepts decimal integers within bounds', () => {
    expect(parseQueryValue('10', { type: 'integer', minimum: 0 })).toEqual({ value: 10 });
    expect(parseQueryValue('-1', { type: 'integer', minimum: 0 })).toEqual({ error: 'must be at least 0, got "-1"' });
    expect(parseQueryValue('1.5', { type: 'integer' })).toEqual({ error: 'must be an integer, got "1.5"' });
    expect(parseQueryValue('abc', { type: 'integer' })).toEqual({ error: 'must be a number, got "abc"' });
    expect(parseQueryValue('', { type: 'integer' })).toHaveProperty('error');
    expect(parseQueryValue('0x10', { type: 'integer' })).toHaveProperty('error');
    expect(parseQueryValue('999999', { type: 'number', minimum: 0 })).toEqual({ value: 999999 });
    expect(parseQueryValue('5', { type: 'integer', maximum: 4 })).toEqual({ error: 'must be at most 4, got "5"' });
  });

  it('refuses a parameter given twice', () => {
    expect(parseQueryValue(['1', '2'], { type: 'integer' })).toEqual({ error: 'must be given once' });
  });
});

describe('the queryValue schema keyword', () => {
  const ajv = addQueryKeywords(new Ajv({ coerceTypes: false }));
  const validate = ajv.compile({ type: 'object', properties: { desc: queryBoolean, offset: queryInteger(0) } });

  it('converts the values in place', () => {
    const query: Record<string, unknown> = { desc: '1', offset: '20', other: 'kept' };
    expect(validate(query)).toBe(true);
    expect(query).toEqual({ desc: true, offset: 20, other: 'kept' });
  });

  it('reports the offending parameter', () => {
    expect(validate({ offset: 'ten' })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/offset', message: 'must be a number, got "ten"' });
  });
});
