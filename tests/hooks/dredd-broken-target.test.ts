import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceConfig } from '../../common/config.ts';
import { type DreddRunResult, runDredd } from '../../runner/dredd/index.ts';
import { editJson, type Fault, startBreakingProxy } from './support/breaking-proxy.ts';
import { type EmulatorTarget, freshRun, leftoversOf, SECRET_TOKEN, startEmulatorTarget } from './support/emulator-target.ts';

const ACTORS_SPEC = fileURLToPath(new URL('../../spec/01-actors.apib', import.meta.url));

// A proxy in front of a correct emulator breaks one documented response of Dredd's per case (the hooks' own setup
// requests pass through untouched); every case breaks a different transaction, so one replay shows them all, and every
// other response is changed only in ways the contract allows. The gate must fail the run, fail exactly those
// transactions, say why for each, pass all the others, and still clean up.

const ACTOR = '[^/]+';

interface Case {
  title: string;
  transaction: string;
  fault: Fault;
  message: RegExp;
}

const cases: Case[] = [
  {
    title: 'a wrong status (202 for Get version)',
    transaction: 'Apify API > Actors > Version object > Get version',
    fault: {
      method: 'GET',
      path: new RegExp(`^/v2/acts/${ACTOR}/versions/[^/]+$`),
      break: (r) => {
        r.status = 202;
      },
    },
    message: /Expected status code '200', but got '202'/,
  },
  {
    title: 'a missing required field (Get actor without createdAt)',
    transaction: 'Apify API > Actors > Actor object > Get actor',
    fault: {
      method: 'GET',
      path: new RegExp(`^/v2/acts/${ACTOR}$`),
      break: (r) => editJson(r, (body) => delete body.data.createdAt),
    },
    message: /createdAt/,
  },
  {
    title: 'a wrong content type (text/plain for Get list of runs)',
    transaction: 'Apify API > Actors > Run collection > Get list of runs',
    fault: {
      method: 'GET',
      path: new RegExp(`^/v2/acts/${ACTOR}/runs$`),
      break: (r) => {
        r.headers['content-type'] = 'text/plain';
      },
    },
    message: /content-type/i,
  },
  {
    title: '200 instead of 201 (Create actor)',
    transaction: 'Apify API > Actors > Actor collection > Create actor',
    fault: {
      method: 'POST',
      path: /^\/v2\/acts$/,
      break: (r) => {
        r.status = 200;
      },
    },
    message: /Expected status code '201', but got '200'/,
  },
  {
    title: 'a value only our strict schemas reject (Get run with a startedAt that is not ISO 8601)',
    transaction: 'Apify API > Actors > Run object > Get run',
    fault: {
      method: 'GET',
      // Not runs/last: the last run is another documented action.
      path: new RegExp(`^/v2/acts/${ACTOR}/runs/(?!last$)[^/]+$`),
      break: (r) =>
        editJson(r, (body) => {
          body.data.startedAt = 'yesterday';
        }),
    },
    message: /does not match the schema for "Run object > Get run"[\s\S]*\/data\/startedAt/,
  },
  {
    title: 'a body on a 204 (Delete version)',
    transaction: 'Apify API > Actors > Version object > Delete version',
    fault: {
      method: 'DELETE',
      path: new RegExp(`^/v2/acts/${ACTOR}/versions/[^/]+$`),
      break: (_r, raw) => {
        // Written on the socket as a careless server would: Node's own server refuses to send a 204 body.
        raw.socket?.end('HTTP/1.1 204 No Content\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
        return 'sent';
      },
    },
    message: /.+/,
  },
  {
    title: 'an announced body on a 204 (Delete actor with Content-Length: 2)',
    transaction: 'Apify API > Actors > Actor object > Delete actor',
    fault: {
      method: 'DELETE',
      path: new RegExp(`^/v2/acts/${ACTOR}$`),
      break: (_r, raw) => {
        raw.socket?.end('HTTP/1.1 204 No Content\r\nContent-Length: 2\r\nConnection: close\r\n\r\n');
        return 'sent';
      },
    },
    message: /HTTP 204 must have no body, but the response declares Content-Length: 2/,
  },
];

// A wait cap of 5 s: run-sync's 201 example must finish its run within the cap on a loaded machine.
const MAX_WAIT_SECS = 5;

// Every other answer differs from the emulator's only in ways the contract allows: extra undocumented members, members
// reordered, a charset parameter, a Content-Type on a 204. A log or a record is not JSON, and items are a bare array:
// only JSON objects can carry extra members. Run-sync answers with the run's OUTPUT record, the actor's own bytes, so
// that answer is left as it is.
const allowedDifferences: Fault = {
  path: /^(?!.*\/run-sync$)/,
  break(response) {
    if (response.status === 204) {
      response.headers['content-type'] = 'application/json; charset=utf-8';
      return;
    }
    if (!/json/i.test(response.headers['content-type'] ?? '')) return;
    const body = JSON.parse(response.body.toString('utf8')) as unknown;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
    const data = (body as Record<string, unknown>).data as Record<string, unknown> | undefined;
    const extended =
      data !== null && typeof data === 'object' && !Array.isArray(data)
        ? { data: { undocumentedField: { nested: true }, ...Object.fromEntries(Object.entries(data).reverse()) } }
        : { ...body, undocumentedTopLevel: 1 };
    response.body = Buffer.from(JSON.stringify(extended));
    response.headers['content-type'] = 'application/json;charset=UTF-8';
  },
};

let target: EmulatorTarget;
let config: ConformanceConfig;
let result: DreddRunResult;
let hits: readonly number[];

// One replay of the Actors file (it has every kind of answer the other files have: objects, lists, a 204, a log that
// is not JSON) through a proxy that breaks the cases' responses and changes every other one in an allowed way.
beforeAll(async () => {
  target = await startEmulatorTarget(MAX_WAIT_SECS);
  const proxy = await startBreakingProxy(target.url, ...cases.map((c) => c.fault), allowedDifferences);
  try {
    const run = freshRun(target, proxy.url);
    config = run.config;
    result = await runDredd({ baseUrl: proxy.url, env: run.env, specPaths: [ACTORS_SPEC] });
    hits = proxy.hits;
  } finally {
    await proxy.close();
  }
}, 120_000);

afterAll(async () => {
  await target?.close();
});

describe('Dredd with the hooks against a target that differs only in ways the contract allows', () => {
  it('passes extra undocumented fields, reordered members, charset parameters and a Content-Type on a 204', () => {
    // Every response of Dredd's but run-sync's (a record) went through the proxy changed, by a case or by the allowed differences.
    const changeable = result.specTransactions?.filter((name) => !name.includes(' > Run actor synchronously > '));
    expect(hits.reduce((sum, n) => sum + n, 0)).toBe(changeable?.length);
    expect(hits.at(-1)).toBeGreaterThan(0);
    const broken = new Set(cases.map((c) => c.transaction));
    expect(result.transactions.filter((t) => !broken.has(t.name) && t.status !== 'pass').map((t) => `${t.name}: ${t.message}`)).toEqual([]);
  });
});

describe('Dredd with the hooks against a target that breaks the contract', () => {
  it('fails the run, on exactly the broken transactions, without the token, and cleans up', async () => {
    expect(result.brokenReasons).toEqual([]);
    expect(result.outcome).toBe('failed');
    expect(result.exitCode).not.toBe(0);
    const failed = result.transactions.filter((t) => t.status !== 'pass');
    expect(failed.map((t) => t.name).sort()).toEqual(cases.map((c) => c.transaction).sort());
    expect(result.output).not.toContain(SECRET_TOKEN);
    expect(await leftoversOf(target.api, config)).toEqual([]);
  });

  it.each(cases)('fails on $title and names the transaction', ({ transaction, fault, message }) => {
    expect(hits[cases.findIndex((c) => c.fault === fault)]).toBeGreaterThan(0);
    const outcome = result.transactions.find((t) => t.name === transaction);
    expect(outcome?.status).toBe('fail');
    expect(outcome?.message).toMatch(message);
    expect(result.output).toContain(transaction.replace('Apify API > ', ''));
  });
});
