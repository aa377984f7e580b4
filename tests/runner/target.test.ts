import { createServer, type Server } from 'node:http';
import { setTimeout } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../common/config.ts';
import { loadProfile } from '../../runner/profiles.ts';
import { openTarget, TargetError } from '../../runner/target.ts';
import { freePort } from '../support/free-port.ts';

// A target named by APIFY_API_BASE_URL is asked once whether it answers; with --wait-for-target it is asked again until
// it does (a server started together with the run), and a target that never answers is named, never judged.

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

function answerLater(port: number, afterMs: number): void {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ data: { total: 0, offset: 0, limit: 1, count: 0, desc: false, items: [] } }));
  });
  servers.push(server);
  void setTimeout(afterMs).then(() => server.listen(port, '127.0.0.1'));
}

async function reach(port: number, waitSecs: string): Promise<void> {
  const env = { APIFY_API_BASE_URL: `http://127.0.0.1:${port}`, APIFY_TOKEN: 'target-test-token', CONFORMANCE_WAIT_FOR_TARGET_SECS: waitSecs };
  const target = await openTarget(env, loadProfile('generic'));
  await target.checkReachable(loadConfig({ ...env, ...target.env }));
}

describe('reaching the target', () => {
  it('waits for a target that starts listening after the run, when told to', async () => {
    const port = await freePort();
    answerLater(port, 1000);
    const started = Date.now();
    await reach(port, '20');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('names a target that does not answer at once when not told to wait, and one that never answers after the wait', async () => {
    const port = await freePort();
    await expect(reach(port, '0')).rejects.toThrow(TargetError);
    await expect(reach(port, '0')).rejects.toThrow(/is unreachable \(GET \/v2\/acts\?limit=1: /);
    await expect(reach(port, '1')).rejects.toThrow(/is unreachable after 1 s of trying/);
  });
});
