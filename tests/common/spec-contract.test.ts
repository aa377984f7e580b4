import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESPONSE_BODIES } from '../../common/response-schemas.ts';
import { matchAction, parseSpecContract, readSpecContract, SPEC_FILES, transactionNames } from '../../common/spec-contract.ts';

const contract = readSpecContract();

describe("the runner's reading of the spec", () => {
  it('finds every documented action and response: 74 actions, 85 responses', () => {
    expect(contract.actions).toHaveLength(74);
    expect(transactionNames(contract)).toHaveLength(85);
  });

  it('agrees with common/response-schemas.ts on every action and its documented statuses', () => {
    const fromSpec = Object.fromEntries(contract.actions.map((a) => [a.name, [...new Set(a.responses.map((r) => r.status))].sort()]));
    const fromSchemas = Object.fromEntries(Object.entries(RESPONSE_BODIES).map(([name, bodies]) => [name, Object.keys(bodies).map(Number)]));
    expect(fromSpec).toEqual(fromSchemas);
  });

  it('names transactions the way Dredd does, with Example n only where an action has several pairs', () => {
    const names = transactionNames(contract);
    expect(names).toContain('Apify API > Actors > Actor object > Get actor');
    expect(names).toContain('Apify API > Actors > Run actor synchronously > Without input > Example 3');
    expect(names).toContain('Apify API > Request queues > Queue collection > Create request queue > Example 2');
    expect(names.filter((n) => n.includes('Example'))).toHaveLength(19);
    expect(names).toContain('Apify API > Key-value stores > Record > Put record > Example 2');
    expect(names).toContain('Apify API > Actor tasks > Run task synchronously > Run task synchronously (GET) > Example 3');
  });

  it('reads the general error statuses and types, and the documented headers', () => {
    expect(contract.errorStatuses).toEqual([400, 401, 404, 405, 429]);
    expect(contract.errorTypes).toEqual(
      expect.arrayContaining(['record-not-found', 'token-not-provided', 'rate-limit-exceeded', 'run-failed', 'run-timeout-exceeded']),
    );
    expect(contract.headers).toEqual([
      'content-type',
      'location',
      'x-apify-pagination-count',
      'x-apify-pagination-limit',
      'x-apify-pagination-offset',
      'x-apify-pagination-total',
    ]);
  });

  it('matches a request to its action by method and path template', () => {
    expect(matchAction(contract, 'GET', '/v2/acts/abc/runs/def')?.name).toBe('Run object > Get run');
    expect(matchAction(contract, 'POST', '/v2/acts/abc/runs/def/abort')?.name).toBe('Abort run > Abort run');
    expect(matchAction(contract, 'DELETE', '/v2/acts/user~name')?.name).toBe('Actor object > Delete actor');
    expect(matchAction(contract, 'GET', '/v2/actor-runs/def')).toBeUndefined();
    expect(matchAction(contract, 'PATCH', '/v2/acts/abc')).toBeUndefined();
  });

  it('reads the spec from every file of spec/, the overview first', () => {
    expect(SPEC_FILES.map((file) => path.basename(file))[0]).toBe('00-overview.apib');
    expect(new Set(contract.actions.map((a) => a.file)).size).toBe(SPEC_FILES.length - 1);
  });

  it('keeps the resource path when an action names only its method, and drops the query template', () => {
    const small = parseSpecContract([
      {
        file: 'spec/small.apib',
        text: [
          '# API',
          '# Group G',
          '## Thing [/v2/things/{id}{?token}]',
          'Features: `datasets`, `pagination`',
          '### Read [GET]',
          'Features: `datasets.formats`',
          '+ Response 200 (application/json)',
          '',
          '    + Headers',
          '',
          '            X-Extra: 1',
          '',
        ].join('\n'),
      },
    ]);
    expect(small.actions).toEqual([
      {
        name: 'Thing > Read',
        group: 'G',
        file: 'spec/small.apib',
        features: ['datasets', 'pagination', 'datasets.formats'],
        method: 'GET',
        path: '/v2/things/{id}',
        responses: [{ status: 200, headers: ['content-type', 'x-extra'] }],
      },
    ]);
    expect(transactionNames(small)).toEqual(['API > G > Thing > Read']);
  });

  it('refuses a feature common/features.ts does not list', () => {
    const text = ['# API', '# Group G', '## Thing [/v2/things]', 'Features: `actors`, `teleport`', '### Read [GET]', '+ Response 200'].join('\n');
    expect(() => parseSpecContract([{ file: 'spec/small.apib', text }])).toThrow('spec/small.apib: unknown feature teleport');
  });

  it('gives every documented action at least one feature', () => {
    expect(contract.actions.filter((a) => a.features.length === 0).map((a) => a.name)).toEqual([]);
  });
});
