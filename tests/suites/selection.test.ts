import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedTarget, startEmbeddedTarget } from './support/embedded-target.ts';
import { type RecordingProxy, startRecordingProxy } from './support/recording-proxy.ts';
import { openSuiteSession, type SuiteRun } from './support/suite-session.ts';

// The suites' own selection: CONFORMANCE_READ_ONLY=1 runs only the checks tagged read-only, and they send nothing that
// could change the target (a pass-through proxy sees every request); CONFORMANCE_SELECT picks families, ids and tags.
let target: EmbeddedTarget;
let proxy: RecordingProxy;
let readOnly: SuiteRun;
let readOnlyRequests: string[];
let selected: SuiteRun;
const SELECTION = 'errors,auth.query-and-bearer,tag:rate-limit';

beforeAll(async () => {
  target = await startEmbeddedTarget();
  proxy = await startRecordingProxy(target.url);
  const readOnlySession = await openSuiteSession(target.env(proxy.url, { CONFORMANCE_READ_ONLY: '1' }));
  try {
    readOnly = await readOnlySession.run();
    readOnlyRequests = [...proxy.seen];
  } finally {
    await readOnlySession.close();
  }
  const selectedSession = await openSuiteSession(target.env(target.url, { CONFORMANCE_SELECT: SELECTION }));
  try {
    selected = await selectedSession.run();
  } finally {
    await selectedSession.close();
  }
}, 180_000);

afterAll(async () => {
  await proxy?.close();
  await target?.close();
});

describe('CONFORMANCE_READ_ONLY=1', () => {
  it('runs exactly the checks tagged read-only, and they pass', () => {
    const ran = readOnly.checks.filter((check) => check.state !== 'skipped');
    expect(ran.length).toBeGreaterThan(0);
    expect(ran.filter((check) => !check.meta?.tags.includes('read-only')).map((check) => check.id)).toEqual([]);
    expect(ran.filter((check) => check.state !== 'passed').map((check) => `${check.id}: ${check.message}`)).toEqual([]);
  });

  it('skips every other check with the reason', () => {
    const skipped = readOnly.checks.filter((check) => !check.meta?.tags.includes('read-only'));
    expect(new Set(skipped.map((check) => `${check.state}: ${check.message}`))).toEqual(new Set(['skipped: creates resources on the target (read-only mode)']));
  });

  it('sends the target nothing but reads', () => {
    expect(readOnlyRequests.length).toBeGreaterThan(0);
    expect(readOnlyRequests.filter((request) => !request.startsWith('GET '))).toEqual([]);
    expect(readOnly.fileErrors).toEqual([]);
  });
});

describe('CONFORMANCE_SELECT', () => {
  it('runs the selected families, ids and tags, and they pass', () => {
    const ran = selected.checks.filter((check) => check.state !== 'skipped').map((check) => check.id);
    const expected = selected.checks
      .filter(({ id, meta }) => meta?.family === 'errors' || id === 'auth.query-and-bearer' || meta?.tags.includes('rate-limit'))
      .map((check) => check.id);
    expect(ran.sort()).toEqual(expected.sort());
    expect(ran).toContain('errors.unknown-actor-404');
    expect(ran).toContain('rate-limit.burst-gets-429');
    expect(selected.checks.filter((check) => check.state === 'failed').map((check) => `${check.id}: ${check.message}`)).toEqual([]);
  });

  it('skips the others, naming the selection', () => {
    const skipped = selected.checks.filter((check) => check.state === 'skipped');
    expect(skipped.length).toBeGreaterThan(50);
    for (const check of skipped) expect(check.message).toBe(`not selected by CONFORMANCE_SELECT=${SELECTION}`);
  });
});
