import { describe, expect, it } from 'vitest';
import { validate } from '../../common/schemas.ts';
import { memberPaths } from '../../probe/member-paths.ts';
import { schemaGaps } from '../../probe/schema-gaps.ts';

// How a body parts from its schema, each gap charged to the schema file that would have to change.

const ID = 'aBcDeFgHiJkLmNoPq';
const AT = '2024-02-29T12:00:00.000Z';

/** A run as Get run answers it, with exactly the documented members. */
function runResponse(): { data: Record<string, unknown> & { meta: Record<string, unknown> } } {
  const ids = { id: ID, actId: ID, buildId: ID, userId: ID, defaultKeyValueStoreId: ID, defaultDatasetId: ID, defaultRequestQueueId: ID };
  return { data: { ...ids, startedAt: AT, finishedAt: AT, status: 'SUCCEEDED', meta: { origin: 'API' }, stats: {}, exitCode: 0 } };
}

function runListResponse(items: object[]): { data: Record<string, unknown> } {
  const item = {
    id: ID,
    buildId: ID,
    status: 'RUNNING',
    startedAt: AT,
    finishedAt: null,
    defaultKeyValueStoreId: ID,
    defaultDatasetId: ID,
    defaultRequestQueueId: ID,
  };
  return { data: { total: items.length, offset: 0, limit: 10, desc: true, count: items.length, items: items.map((extra) => ({ ...item, ...extra })) } };
}

describe('schemaGaps', () => {
  it('finds nothing in a body with the documented members', () => {
    expect(validate('run-response', runResponse())).toEqual({ ok: true });
    expect(schemaGaps('run-response', runResponse())).toEqual([]);
    expect(validate('run-list-response', runListResponse([{}]))).toEqual({ ok: true });
    expect(schemaGaps('run-list-response', runListResponse([{}]))).toEqual([]);
  });

  it('names a missing required member, a forbidden null and an undeclared member, each under its own file', () => {
    const body = runResponse();
    delete body.data.defaultDatasetId;
    body.data.meta.origin = null;
    body.data.usageTotalUsd = 0.01;
    body.data.stats = { ...(body.data.stats as object), memAvgBytes: 1 };
    expect(schemaGaps('run-response', body)).toEqual([
      { kind: 'missing-required', schema: 'run.json', member: 'defaultDatasetId', at: 'data.defaultDatasetId' },
      { kind: 'null-not-allowed', schema: 'job-meta.json', member: 'origin', at: 'data.meta.origin' },
      { kind: 'undeclared', schema: 'run.json', member: 'stats.memAvgBytes', at: 'data.stats.memAvgBytes' },
      { kind: 'undeclared', schema: 'run.json', member: 'usageTotalUsd', at: 'data.usageTotalUsd' },
    ]);
  });

  it('accepts the nulls a schema allows, through anyOf and type lists', () => {
    const body = runResponse();
    body.data.finishedAt = null; // anyOf [null, date-time]
    body.data.exitCode = null; // type [integer, null]
    expect(schemaGaps('run-response', body)).toEqual([]);
  });

  it('charges a list item to the item schema and a list member to the list schema, once per member', () => {
    const list = runListResponse([{ usage: {} }, { usage: {} }]);
    list.data.nextCursor = 'abc';
    expect(schemaGaps('run-list-response', list)).toEqual([
      { kind: 'undeclared', schema: 'run-short.json', member: 'usage', at: 'data.items[].usage' },
      { kind: 'undeclared', schema: 'paginated-list.json', member: 'nextCursor', at: 'data.nextCursor' },
    ]);
  });
});

describe('memberPaths', () => {
  it('lists every member once, arrays as [], and the null ones apart', () => {
    expect(
      memberPaths({
        data: {
          a: null,
          items: [
            { id: 1, b: null },
            { id: 2, c: [] },
          ],
        },
      }),
    ).toEqual({
      members: ['data', 'data.a', 'data.items', 'data.items[].b', 'data.items[].c', 'data.items[].id'],
      nullMembers: ['data.a', 'data.items[].b'],
    });
  });
});
