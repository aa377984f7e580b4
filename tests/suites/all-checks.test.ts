import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../common/config.ts';
import { runNamePrefix } from '../../common/fixtures/index.ts';
import { createConfiguredClient } from '../../common/http.ts';
import { type EmbeddedTarget, startEmbeddedTarget, TOKENS } from './support/embedded-target.ts';
import { resolves } from './support/spec-anchors.ts';
import { openSuiteSession, type SuiteRun, type SuiteSession } from './support/suite-session.ts';

// The whole behavioural suite against the embedded emulator (3 s cap, 30 requests/s, a second user): a correct
// implementation, so every check must pass and nothing may be left behind.
const FAMILIES = [
  'pagination',
  'method-override',
  'rate-limit',
  'wait-for-finish',
  'abort',
  'lifecycle',
  'run-sync',
  'auth',
  'errors',
  'round-trip',
  'tasks',
  'webhooks',
  'last-run',
  'logs',
  'users',
];

let target: EmbeddedTarget;
let session: SuiteSession;
let env: Record<string, string>;
let run: SuiteRun;

beforeAll(async () => {
  target = await startEmbeddedTarget();
  env = target.env();
  session = await openSuiteSession(env);
  run = await session.run();
}, 180_000);

afterAll(async () => {
  await session?.close();
  await target?.close();
});

describe('the behavioural suites against the emulator', () => {
  it('run checks of every family', () => {
    expect(new Set(run.checks.map((check) => check.meta?.family))).toEqual(new Set(FAMILIES));
  });

  it('pass every check, skipping none', () => {
    const notPassed = run.checks.filter((check) => check.state !== 'passed').map((check) => `${check.id} ${check.state}: ${check.message}`);
    expect(notPassed).toEqual([]);
    expect(run.checks.length).toBeGreaterThanOrEqual(70);
  });

  it('register every check with a unique id in its family folder, a one-line rule and a spec link that resolves', () => {
    const ids = run.checks.map((check) => check.id);
    expect(ids.length).toBe(new Set(ids).size);
    for (const { id, meta, file } of run.checks) {
      expect(meta, id).toBeDefined();
      expect(file.split('/').slice(0, 2), id).toEqual(['suites', meta!.family]);
      expect(id.startsWith(`${meta!.family}.`), id).toBe(true);
      expect(meta!.tags[0], id).toBe(meta!.family);
      expect(meta!.title, id).not.toMatch(/\n/);
      expect(resolves(meta!.spec), `${id} links ${meta!.spec}`).toBe(true);
    }
  });

  it('have no error outside a check, clean-up included', () => {
    expect(run.fileErrors).toEqual([]);
  });

  it('leave no resource of the run behind, for either user', async () => {
    const config = loadConfig(env);
    for (const token of [TOKENS.main, TOKENS.second]) {
      const api = createConfiguredClient({ ...config, token });
      const response = await api.request<{ data: { items: Array<{ name: string }> } }>({ path: '/v2/acts', query: { my: 1 } });
      const left = response.body?.data.items.filter((actor) => actor.name.startsWith(runNamePrefix(config))).map((actor) => actor.name);
      expect(left).toEqual([]);
    }
  });
});
