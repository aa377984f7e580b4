// `?method=` overrides the HTTP method before routing, case-insensitively; an unknown value leaves the request alone
// (the onRequest check then refuses it with 400).
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { applyMethodOverride, isOverridableMethod } from '../../../emulator/http/method-override.ts';

function request(method: string, url: string): IncomingMessage {
  return { method, url } as IncomingMessage;
}

describe('applyMethodOverride', () => {
  it('replaces the method named by the query', () => {
    const overridden = request('GET', '/v2/actor-runs/abc/abort?token=t&method=post');
    applyMethodOverride(overridden);
    expect(overridden.method).toBe('POST');
  });

  it('leaves requests without a usable method parameter alone', () => {
    for (const url of ['/v2/acts', '/v2/acts?token=t', '/v2/acts?method=FOO', '/v2/acts?xmethod=DELETE', '/v2/acts/method=DELETE']) {
      const untouched = request('GET', url);
      applyMethodOverride(untouched);
      expect(untouched.method, url).toBe('GET');
    }
  });

  it('knows the methods it may switch to', () => {
    expect(['GET', 'post', 'Put', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'].every(isOverridableMethod)).toBe(true);
    expect(isOverridableMethod('TRACE')).toBe(false);
  });
});
