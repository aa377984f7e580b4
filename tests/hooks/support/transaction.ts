import type { DreddTransaction } from '../../../hooks/lib/dredd-types.ts';

/** A Dredd transaction as TransactionRunner.configureTransaction builds it, for unit tests of the hook helpers. */
export function transaction(overrides: {
  uri?: string;
  fullPathPrefix?: string;
  method?: string;
  body?: string;
  expectedStatus?: string;
  expectedHeaders?: Record<string, string>;
  resourceName?: string;
  actionName?: string;
}): DreddTransaction {
  const uri = overrides.uri ?? '/v2/acts/zdc3Pyhyz3m8vjDeM?token=YOUR_API_TOKEN';
  const resourceName = overrides.resourceName ?? 'Actor object';
  const actionName = overrides.actionName ?? 'Get actor';
  return {
    name: `Actors > ${resourceName} > ${actionName}`,
    id: `GET (200) ${uri}`,
    origin: { filename: 'spec.apib', apiName: 'Apify API', resourceGroupName: 'Actors', resourceName, actionName, exampleName: '' },
    host: '127.0.0.1',
    port: '8377',
    protocol: 'http:',
    fullPath: `${overrides.fullPathPrefix ?? ''}${uri}`,
    request: { method: overrides.method ?? 'GET', uri, headers: { 'User-Agent': 'Dredd/14.1.0' }, body: overrides.body ?? '' },
    expected: { statusCode: overrides.expectedStatus ?? '200', headers: overrides.expectedHeaders ?? { 'Content-Type': 'application/json' } },
    skip: false,
  };
}
