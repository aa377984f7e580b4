// One self-test worker runs case after case: each judged in its own environment, so a fault of one case never reaches
// the next, and each case's output goes to its own log.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SelfTestCase } from '../../selftest/cases.ts';
import { GateWorker } from '../../selftest/run-case.ts';

const CHECK = 'errors.unknown-actor-404';

function testCase(id: string, faults: string): SelfTestCase {
  return { id, kind: faults ? 'fault' : 'clean', description: id, emulatorEnv: { EMULATOR_FAULTS: faults, EMULATOR_VARIATIONS: '' }, select: [CHECK] };
}

let reportsRoot: string;
const worker = new GateWorker();

beforeAll(async () => {
  reportsRoot = await mkdtemp(path.join(tmpdir(), 'gate-worker-'));
});

afterAll(async () => {
  worker.close();
  await rm(reportsRoot, { recursive: true, force: true });
});

it('runs a fault case, then a clean case on the same worker, and the fault does not carry over', async () => {
  const faulty = await worker.run(testCase('faulty', 'not-found-wrong-type'), reportsRoot);
  expect(faulty).toMatchObject({ exitCode: 1, outcome: 'failed', failing: [{ id: CHECK, status: 'failed' }] });
  const clean = await worker.run(testCase('clean-after', ''), reportsRoot);
  expect(clean).toMatchObject({ exitCode: 0, outcome: 'passed', failing: [] });
  const [faultyLog, cleanLog] = await Promise.all(
    [faulty, clean].map((result) => readFile(path.join(reportsRoot, path.basename(result.reportDir), 'output.log'), 'utf8')),
  );
  expect(faultyLog).toContain(`FAILED ${CHECK}`);
  expect(cleanLog).not.toContain('FAILED');
  expect(cleanLog.match(/^Target /gm)).toHaveLength(1);
}, 120_000);
