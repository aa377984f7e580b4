import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../common/redact.ts';
import { insertToken, queryParam, redactRequest, requestJson, setPathParams, setQueryParams, setRequestJson } from '../../hooks/lib/request-rewrite.ts';
import { transaction } from './support/transaction.ts';

describe('request rewriting', () => {
  it('puts fixture ids into request.uri and fullPath together, keeping an endpoint path prefix', () => {
    const t = transaction({ uri: '/v2/acts/zdc3Pyhyz3m8vjDeM/runs/3KH8gEpp4d8uQSe8T?token=YOUR_API_TOKEN', fullPathPrefix: '/proxy' });
    setPathParams(t, '/v2/acts/{actorId}/runs/{runId}', { actorId: 'user~my-actor', runId: 'aaaaaaaaaaaaaaaaa' });
    expect(t.request.uri).toBe('/v2/acts/user~my-actor/runs/aaaaaaaaaaaaaaaaa?token=YOUR_API_TOKEN');
    expect(t.fullPath).toBe('/proxy/v2/acts/user~my-actor/runs/aaaaaaaaaaaaaaaaa?token=YOUR_API_TOKEN');
  });

  it('refuses a template that does not match the spec’s path', () => {
    const t = transaction({ uri: '/v2/acts/zdc3Pyhyz3m8vjDeM/versions/1.0' });
    expect(() => setPathParams(t, '/v2/acts/{actorId}/builds/{buildId}', { actorId: 'a', buildId: 'b' })).toThrow(/expect the path/);
    expect(() => setPathParams(t, '/v2/acts/{actorId}', { actorId: 'a' })).toThrow(/expect the path/);
    expect(() => setPathParams(t, '/v2/acts/{actorId}/versions/{versionNumber}', { actorId: 'a' })).toThrow(/no value for path parameter \{versionNumber\}/);
  });

  it('replaces documented query values, removes on undefined, and adds only when asked', () => {
    const t = transaction({ uri: '/v2/acts/x/run-sync?token=T&outputRecordKey=OUTPUT&timeout=60&memory=256' });
    setQueryParams(t, { timeout: 400, build: '0.0.1', memory: undefined });
    expect(t.request.uri).toBe('/v2/acts/x/run-sync?token=T&outputRecordKey=OUTPUT&timeout=400');
    setQueryParams(t, { build: 'latest' }, { add: true });
    expect(queryParam(t, 'build')).toBe('latest');
    expect(t.fullPath).toBe(t.request.uri);
  });

  it('inserts the token only where the documented request carries one', () => {
    const withToken = transaction({ uri: '/v2/acts?token=YOUR_API_TOKEN&my=true' });
    expect(insertToken(withToken, 'real-token')).toBe(true);
    expect(withToken.fullPath).toBe('/v2/acts?token=real-token&my=true');
    const without = transaction({ uri: '/v2/acts/a/runs/b' });
    expect(insertToken(without, 'real-token')).toBe(false);
    expect(without.request.uri).toBe('/v2/acts/a/runs/b');
  });

  it('reads and replaces JSON bodies, declaring the content type', () => {
    const t = transaction({ method: 'POST', body: '{"name":"my-actor","isPublic":false}' });
    expect(requestJson(t)).toEqual({ name: 'my-actor', isPublic: false });
    setRequestJson(t, { exitCode: 1 });
    expect(t.request.body).toBe('{"exitCode":1}');
    expect(t.request.headers['Content-Type']).toBe('application/json');
    expect(requestJson(transaction({ body: '' }))).toBeUndefined();
    expect(() => requestJson(transaction({ body: '[1]' }))).toThrow(/not a JSON object/);
  });

  it('redacts everything Dredd prints about the request', () => {
    const secret = 'very-secret-token-123';
    const t = transaction({ uri: `/v2/acts?token=${secret}` });
    t.request.headers.Authorization = `Bearer ${secret}`;
    t.request.body = `{"note":"${secret}"}`;
    redactRequest(t, createRedactor([secret]));
    redactRequest(t, createRedactor([secret]));
    expect(JSON.stringify(t)).not.toContain(secret);
    expect(t.request.uri).toBe('/v2/acts?token=***');
    expect(t.fullPath).toBe('/v2/acts?token=***');
    expect(t.request.headers.Authorization).toBe('Bearer ***');
  });
});
