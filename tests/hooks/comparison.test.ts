import { describe, expect, it } from 'vitest';
import { noContentProblem, normaliseCharset, relaxNoContentExpectation, schemaProblem } from '../../hooks/lib/comparison.ts';
import { transaction } from './support/transaction.ts';

function withResponse(statusCode: number, headers: Record<string, string>, body?: string, expectedStatus = String(statusCode)) {
  const t = transaction({ expectedStatus });
  t.real = { statusCode, headers, body };
  return t;
}

describe('the charset rule', () => {
  it('drops only the charset parameter of the actual Content-Type, when the documented one has none', () => {
    const t = withResponse(200, { 'content-type': 'application/json; charset=utf-8' });
    normaliseCharset(t);
    expect(t.real?.headers['content-type']).toBe('application/json');
    const other = withResponse(200, { 'content-type': 'application/json;CHARSET=UTF-8; profile=x' });
    normaliseCharset(other);
    expect(other.real?.headers['content-type']).toBe('application/json; profile=x');
  });

  it('leaves a different media type different, and a documented charset alone', () => {
    const t = withResponse(200, { 'content-type': 'text/plain; charset=utf-8' });
    normaliseCharset(t);
    expect(t.real?.headers['content-type']).toBe('text/plain');
    const documented = withResponse(200, { 'content-type': 'application/json; charset=latin1' });
    documented.expected.headers['Content-Type'] = 'application/json; charset=utf-8';
    normaliseCharset(documented);
    expect(documented.real?.headers['content-type']).toBe('application/json; charset=latin1');
  });
});

describe('the 204 rule', () => {
  it('expects no Content-Type and no body for a documented 204, and nothing else changes', () => {
    const t = transaction({ expectedStatus: '204', expectedHeaders: { 'Content-Type': 'application/json', 'X-Kept': '1' } });
    t.expected.body = '{}';
    t.expected.bodySchema = '{"type":"object"}';
    relaxNoContentExpectation(t);
    expect(t.expected).toEqual({ statusCode: '204', headers: { 'X-Kept': '1' } });
    const ok = transaction({});
    ok.expected.body = '{}';
    relaxNoContentExpectation(ok);
    expect(ok.expected.body).toBe('{}');
  });

  it('fails a 204 that carries or announces a body', () => {
    expect(noContentProblem(withResponse(204, {}, '{}'))).toMatch(/must have no body, but the response carried 2 bytes/);
    expect(noContentProblem(withResponse(204, { 'content-length': '5' }))).toMatch(/declares Content-Length: 5/);
    expect(noContentProblem(withResponse(204, { 'transfer-encoding': 'chunked' }))).toMatch(/Transfer-Encoding/);
    expect(noContentProblem(withResponse(204, { 'content-length': '0', 'content-type': 'application/json' }))).toBeUndefined();
    expect(noContentProblem(withResponse(200, {}, '{}'))).toBeUndefined();
  });
});

describe('our strict schemas', () => {
  const actor = {
    id: 'zdc3Pyhyz3m8vjDeM',
    userId: 'wRsJZtadYvn4mBZmm',
    name: 'my-actor',
    username: 'john',
    isPublic: false,
    createdAt: '2019-07-08T11:27:57.401Z',
    modifiedAt: '2019-07-08T14:01:05.546Z',
    stats: { totalBuilds: 0, totalRuns: 0, totalUsers: 0, totalUsers7Days: 0, totalUsers30Days: 0, totalUsers90Days: 0, totalMetamorphs: 0 },
    versions: [],
  };

  it('pass a documented body and name the field of a wrong one', () => {
    expect(schemaProblem(withResponse(200, {}, JSON.stringify({ data: actor })))).toBeUndefined();
    const problem = schemaProblem(withResponse(200, {}, JSON.stringify({ data: { ...actor, id: 'short' } })));
    expect(problem).toMatch(/does not match the schema for "Actor object > Get actor"/);
    expect(problem).toMatch(/\/data\/id/);
  });

  it('leave a wrong status to Gavel', () => {
    expect(schemaProblem(withResponse(404, {}, '{"error":{}}', '200'))).toBeUndefined();
  });
});
