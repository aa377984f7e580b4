import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createVitest } from 'vitest/node';
import { createRedactor } from '../../common/redact.ts';
import { type RecordedExchange, readExchangeLogs } from '../../runner/exchanges/exchange.ts';
import { Progress } from '../../runner/progress.ts';
import type { CheckResult } from '../../runner/results.ts';
import { CheckReporter } from '../../runner/vitest/reporter.ts';
import { setEnvironment } from '../support/environment.ts';

// The exchange recorder (runner/exchanges/recorder-setup.ts) in a real Vitest run of a probe check file
// (tests/runner/fixtures/recorder/) against a local server that records what reached it.
const ROOT = fileURLToPath(new URL('./fixtures/recorder/', import.meta.url));
const RECORDER = fileURLToPath(new URL('../../runner/exchanges/recorder-setup.ts', import.meta.url));
const TOKEN = 'recorder-test-token-5e1d';

const servers: Server[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function runProbe(readOnly: boolean): Promise<{ arrived: string[]; exchanges: RecordedExchange[]; results: CheckResult[] }> {
  const arrived: string[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    arrived.push(`${request.method} ${request.url}`);
    response.writeHead(request.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'x-echo': `token ${TOKEN}` });
    response.end(JSON.stringify({ data: { status: 'RUNNING', note: `seen ${TOKEN}` } }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const exchangeDir = await mkdtemp(path.join(tmpdir(), 'recorder-test-'));
  dirs.push(exchangeDir);
  const restoreEnvironment = setEnvironment({
    APIFY_API_BASE_URL: `http://127.0.0.1:${port}`,
    APIFY_TOKEN: TOKEN,
    CONFORMANCE_SELECT: '',
    CONFORMANCE_READ_ONLY: readOnly ? '1' : '0',
  });
  const reporter = new CheckReporter(ROOT, createRedactor([TOKEN]).text, new Progress(() => {}, []));
  const vitest = await createVitest(
    'test',
    { config: false, root: ROOT, include: ['suites/**/*.check.ts'], run: true, watch: false, reporters: [reporter] },
    { plugins: [{ name: 'recorder', config: () => ({ test: { setupFiles: [RECORDER], provide: { conformanceExchangeDir: exchangeDir } } }) }] },
  );
  try {
    await vitest.start();
  } finally {
    await vitest.close();
    restoreEnvironment();
  }
  return { arrived, exchanges: await readExchangeLogs(exchangeDir), results: reporter.results };
}

describe('the exchange recorder', () => {
  it('records every request with the check that sent it, redacted, and lets everything through', async () => {
    const { arrived, exchanges, results } = await runProbe(false);
    expect(arrived).toHaveLength(4);
    expect(results.every((r) => r.status === 'passed')).toBe(true);
    expect(exchanges.map((e) => [e.checkId, e.method, e.url, e.status])).toEqual([
      [undefined, 'GET', '/v2/acts?limit=1', 200],
      ['probe.reads', 'GET', '/v2/acts/abc/runs/def?waitForFinish=1', 200],
      ['probe.writes', 'POST', '/v2/acts', 201],
      ['probe.writes-through-override', 'GET', '/v2/acts/abc?method=DELETE', 200],
    ]);
    expect(exchanges[0]!.source).toBe('suites/probe/probe.check.ts');
    expect(exchanges[2]!.requestBody).toBe('{"name":"x"}');
    expect(exchanges[1]!.responseBody).toContain('"status":"RUNNING"');
    expect(JSON.stringify(exchanges)).not.toContain(TOKEN);
  }, 60_000);

  it('in read-only mode refuses, before it leaves, every request that could change the target', async () => {
    const { arrived, exchanges, results } = await runProbe(true);
    expect(arrived).toEqual(['GET /v2/acts?limit=1', 'GET /v2/acts/abc/runs/def?waitForFinish=1']);
    const status = (id: string) => results.find((r) => r.id === id)?.status;
    expect(status('probe.reads')).toBe('passed');
    expect(status('probe.writes')).toBe('error');
    expect(status('probe.writes-through-override')).toBe('error');
    expect(exchanges.filter((e) => e.error).map((e) => e.error)).toEqual([
      'CONFORMANCE_READ_ONLY_BLOCKED: read-only mode refused POST /v2/acts: it could change the target',
      'CONFORMANCE_READ_ONLY_BLOCKED: read-only mode refused DELETE /v2/acts/abc?method=DELETE: it could change the target',
    ]);
  }, 60_000);
});
