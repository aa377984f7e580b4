// The action → body table hooks and suites validate responses with: every rule is usable, and each kind of
// rule accepts what it should and rejects the rest.
import { describe, expect, it } from 'vitest';
import { type BodyRule, checkRequestBody, checkResponseBody, REQUEST_BODIES, RESPONSE_BODIES, responseBodyRule } from '../../common/response-schemas.ts';
import { fake, SCHEMA_NAMES } from '../../common/schemas.ts';
import { readSpecContract } from '../../common/spec-contract.ts';

const ROWS = Object.entries(RESPONSE_BODIES).flatMap(([action, byStatus]) =>
  Object.entries(byStatus as Record<string, BodyRule>).map(([status, rule]) => [action, Number(status), rule] as const),
);

describe('the response table', () => {
  it('documents every action the spec documents, and no other', () => {
    expect(Object.keys(RESPONSE_BODIES).sort()).toEqual(
      readSpecContract()
        .actions.map((action) => action.name)
        .sort(),
    );
  });

  it.each(ROWS)('%s %i names a known schema or a schema-less rule', (_action, status, rule) => {
    if (rule.kind === 'json') expect(SCHEMA_NAMES).toContain(rule.schema);
    if (rule.kind === 'no-body') expect(status).toBe(204);
  });

  it.each(ROWS.filter(([, , rule]) => rule.kind === 'json'))('%s %i accepts a sample of its schema', (action, status, rule) => {
    if (rule.kind !== 'json') throw new Error('filtered above');
    expect(checkResponseBody(action, status, JSON.stringify(fake(rule.schema, { seed: status })))).toEqual({ ok: true });
  });

  it('run-sync answers 201 with any JSON, 400 run-failed and 408 run-timeout-exceeded', () => {
    for (const action of ['Run actor synchronously > With input', 'Run actor synchronously > Without input']) {
      expect(checkResponseBody(action, 201, '{"bar":"foo"}')).toEqual({ ok: true });
      expect(checkResponseBody(action, 201, '[1,"two"]')).toEqual({ ok: true });
      expect(checkResponseBody(action, 201, '<html>')).toEqual({ ok: false, errors: ['expected a JSON body, got "<html>"'] });
      const failed = JSON.stringify({ error: { type: 'run-failed', message: 'Actor run did not succeed' } });
      const timedOut = JSON.stringify({ error: { type: 'run-timeout-exceeded', message: 'Actor run exceeded timeout' } });
      expect(checkResponseBody(action, 400, failed)).toEqual({ ok: true });
      expect(checkResponseBody(action, 408, timedOut)).toEqual({ ok: true });
      expect(checkResponseBody(action, 400, timedOut)).toMatchObject({ ok: false, errors: [expect.stringContaining('/error/type')] });
    }
  });

  it('a 204 must come without a body', () => {
    expect(checkResponseBody('Actor object > Delete actor', 204, '')).toEqual({ ok: true });
    expect(checkResponseBody('Version object > Delete version', 204, '{}')).toEqual({
      ok: false,
      errors: ['expected no body, got 2 characters'],
    });
  });

  it('any undocumented 4xx or 5xx must still carry the error envelope', () => {
    expect(responseBodyRule('Actor object > Get actor', 404)).toEqual({ kind: 'json', schema: 'error' });
    expect(responseBodyRule('Run collection > Run actor', 503)).toEqual({ kind: 'json', schema: 'error' });
    const notFound = JSON.stringify({ error: { type: 'record-not-found', message: 'Actor was not found' } });
    expect(checkResponseBody('Actor object > Get actor', 404, notFound)).toEqual({ ok: true });
    expect(checkResponseBody('Actor object > Get actor', 404, '{"message":"not found"}')).toEqual({
      ok: false,
      errors: ['/error is required but missing'],
    });
  });

  it('names an unknown action or an undocumented success status instead of passing it', () => {
    expect(responseBodyRule('Actor object > Get actor', 201)).toBeUndefined();
    expect(checkResponseBody('Actor object > Get actor', 201, '{}')).toEqual({
      ok: false,
      errors: ['"Actor object > Get actor" documents no 201 response'],
    });
    expect(checkResponseBody('Actor object > Rename actor', 200, '{}')).toEqual({
      ok: false,
      errors: ['"Actor object > Rename actor" is not a documented action'],
    });
  });

  it('a documented body that is not JSON fails with what came', () => {
    expect(checkResponseBody('Actor object > Get actor', 200, '')).toEqual({ ok: false, errors: ['expected a JSON body, got an empty body'] });
  });
});

describe('the request table', () => {
  it.each(Object.entries(REQUEST_BODIES))('%s belongs to a documented action and takes a sample of its schema', (action, rule) => {
    expect(Object.keys(RESPONSE_BODIES)).toContain(action);
    expect(checkRequestBody(action, JSON.stringify(fake(rule.schema, { seed: 1 })))).toEqual({ ok: true });
  });

  it('Create actor needs a name, Update actor does not', () => {
    expect(checkRequestBody('Actor collection > Create actor', '{"isPublic":false}')).toEqual({ ok: false, errors: ['/name is required but missing'] });
    expect(checkRequestBody('Actor object > Update actor', '{"isPublic":false}')).toEqual({ ok: true });
  });

  it('an action without a documented JSON body says so', () => {
    expect(checkRequestBody('Actor object > Get actor', '{}')).toEqual({ ok: false, errors: ['"Actor object > Get actor" documents no JSON request body'] });
  });
});
