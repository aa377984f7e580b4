import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../emulator/index.ts';
import type { Har } from '../../../runner/reports/har.ts';
import { startLoopbackProxy } from '../../support/loopback-proxy.ts';
import { controlledEnvironment, describeRun, type ProcessResult, runCli } from './support/cli-process.ts';
import { startForwardProxy } from './support/forward-proxy.ts';
import { readReports } from './support/reports.ts';

// A target behind a gateway that wants a header of its own, reached through the network's HTTP proxy: both layers
// (Dredd and the suites) send the header with every request, the suites' and hooks' client goes through HTTP_PROXY,
// and the header's value, a secret, reaches no output or report.

const TOKEN = 'proxyAndHeadersToken00000';
const GATEWAY_KEY = 'gateway-key-5f1c9e';

let workDir: string;
let run: ProcessResult;
/** The gateway's view: each request, by whom it was sent, from which port, and whether it carried the key. */
const seen: Array<{ dredd: boolean; keyed: boolean; port: number; request: string }> = [];
let reached: string[];
let proxyPorts: ReadonlySet<number>;
let gatewayHost: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'proxy-and-headers-'));
  const emulator = await startEmulator({ host: '127.0.0.1', port: 0, token: TOKEN, username: 'gateway-user', token2: null, username2: null, maxWaitSecs: 3 });
  const gateway = await startLoopbackProxy(emulator.url, (incoming, forward) => {
    seen.push({
      dredd: String(incoming.headers['user-agent']).startsWith('Dredd/'),
      keyed: incoming.headers['x-gateway-key'] === GATEWAY_KEY,
      port: incoming.socket.remotePort ?? 0,
      request: `${incoming.method} ${incoming.url}`,
    });
    return forward();
  });
  const proxy = await startForwardProxy();
  gatewayHost = new URL(gateway.url).host;
  try {
    run = await runCli(
      ['--select', 'errors,tag:spec/09-users.apib', '--header', `X-Gateway-Key: ${GATEWAY_KEY}`, '--har', '--reports', path.join(workDir, 'reports')],
      controlledEnvironment({ APIFY_API_BASE_URL: gateway.url, APIFY_TOKEN: TOKEN, CONFORMANCE_MAX_WAIT_SECS: '3', HTTP_PROXY: proxy.url }),
    );
    reached = [...proxy.reached];
    proxyPorts = proxy.ports;
  } finally {
    await proxy.close();
    await gateway.close();
    await emulator.close();
  }
}, 180_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('a target behind a gateway, through an HTTP proxy', () => {
  it('passes, and both layers sent every request with the extra header', async () => {
    expect(run.code, describeRun(run)).toBe(0);
    const { summary } = await readReports(path.join(workDir, 'reports'));
    expect(summary.checks.some((c) => c.layer === 'dredd' && c.status === 'passed')).toBe(true);
    expect(seen.some((request) => request.dredd)).toBe(true);
    expect(seen.some((request) => !request.dredd)).toBe(true);
    expect(seen.filter((request) => !request.keyed)).toEqual([]);
  });

  it("sent the suites' and the hooks' requests only through the proxy (Dredd 14 sends its replays directly)", () => {
    expect(new Set(reached)).toEqual(new Set([gatewayHost]));
    // Every request of our own client came from a connection the proxy opened. Dredd turns proxies off for the server
    // under test (its performRequest sets proxy: false), so its replays are left out.
    const ours = seen.filter((request) => !request.dredd);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.filter((request) => !proxyPorts.has(request.port))).toEqual([]);
  });

  it('archives every exchange of both layers in exchanges.har (--har)', async () => {
    const har = JSON.parse(await readFile(path.join(workDir, 'reports', 'exchanges.har'), 'utf8')) as Har;
    const layers = new Set(har.log.entries.map((entry) => entry._layer));
    expect(layers).toEqual(new Set(['dredd', 'vitest']));
    // Dredd's replays all; of the rest, the checks' own requests (not the runner's probe and sweeps, nor the hooks' fixtures).
    expect(har.log.entries.filter((entry) => entry._layer === 'dredd').length).toBe(seen.filter((request) => request.dredd).length);
    const sent = new Set(seen.map((request) => request.request.replace(/token=[^&]*/, 'token=***')));
    for (const entry of har.log.entries)
      expect(sent, entry.request.url).toContain(`${entry.request.method} ${new URL(entry.request.url).pathname}${new URL(entry.request.url).search}`);
  });

  it("keeps the header's value out of the output and the reports", async () => {
    expect(run.stdout + run.stderr).not.toContain(GATEWAY_KEY);
    const dir = path.join(workDir, 'reports');
    for (const file of (await readdir(dir)).filter((name) => name !== 'spec')) {
      expect(await readFile(path.join(dir, file), 'utf8'), file).not.toContain(GATEWAY_KEY);
    }
  });
});
