import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpecContract, SPEC_FILES, transactionNames } from '../../common/spec-contract.ts';
import { type DreddRunResult, runDredd } from '../../runner/dredd/index.ts';
import { type EmulatorTarget, freshRun, leftoversOf, listActors, SECRET_TOKEN, startEmulatorTarget } from './support/emulator-target.ts';
import { specTransactionNames } from './support/spec-transactions.ts';

/** The documented request/response pairs, read from the spec (one Dredd transaction each). */
const TRANSACTIONS = transactionNames(readSpecContract()).length;

// Dredd replays the whole spec against the emulator with the conformance hooks, in another order than the document's
// (sorted: each transaction must prepare what it needs itself; the gate's own runs, e.g. the embedded end-to-end test,
// replay it in the document's order): every transaction must run and pass, nothing the run created may remain, and the
// token must never appear in anything Dredd prints. The wait cap (and CONFORMANCE_MAX_WAIT_SECS to match) is 5 s: room
// for a run to end on a loaded machine before run-sync's cap.

const MAX_WAIT_SECS = 5;

let target: EmulatorTarget;
let actorsBefore: string[];
let result: DreddRunResult;
let expectedNames: string[];
const progress: string[] = [];

beforeAll(async () => {
  target = await startEmulatorTarget(MAX_WAIT_SECS);
  // An actor that is not the run's: cleanup must leave it alone.
  const bystander = await target.api.request({ method: 'POST', path: '/v2/acts', body: { name: 'bystander-actor' } });
  expect(bystander.status).toBe(201);
  actorsBefore = await listActors(target.api);
  expectedNames = await specTransactionNames();
  result = await runDredd({ baseUrl: target.url, env: target.env, sorted: true, onTransaction: (one, count) => progress.push(`${count} ${one.name}`) });
}, 240_000);

afterAll(async () => {
  await target?.close();
});

describe('Dredd with the hooks against the emulator, in another order than the document’s', () => {
  it('runs every transaction the spec defines, skips none, and all pass', () => {
    expect(result.brokenReasons).toEqual([]);
    expect(result.specTransactions?.length).toBe(expectedNames.length);
    const names = result.transactions.map((t) => t.name);
    expect(names).not.toEqual(expectedNames);
    expect([...names].sort()).toEqual([...expectedNames].sort());
    expect(result.transactions.filter((t) => t.status === 'skip')).toEqual([]);
    const failed = result.transactions.filter((t) => t.status !== 'pass').map((t) => `${t.name}: ${t.message}`);
    expect(failed).toEqual([]);
    expect(result.outcome).toBe('passed');
    expect(result.exitCode).toBe(0);
  });

  it('reports each transaction as soon as Dredd has run it', () => {
    expect(progress).toEqual(result.transactions.map((t, index) => `${index + 1} ${t.name}`));
  });

  it('tests every documented run-sync outcome, 408 by really reaching the cap', () => {
    const runSync = result.transactions.filter((t) => t.name.includes('Run actor synchronously'));
    expect(runSync.map((t) => t.actual?.statusCode).sort()).toEqual([201, 201, 400, 400, 408, 408]);
    for (const timedOut of runSync.filter((t) => t.actual?.statusCode === 408)) {
      expect(timedOut.durationMs).toBeGreaterThanOrEqual(MAX_WAIT_SECS * 1000 - 50);
    }
  });

  it('sends the fixtures’ ids, not the spec’s example ids', () => {
    for (const transaction of result.transactions) {
      expect(transaction.request?.uri, transaction.name).not.toMatch(/zdc3Pyhyz3m8vjDeM|HG7ML7M8z78YcAPEB|3KH8gEpp4d8uQSe8T|HDSasDasz78YcAPEB/);
    }
  });

  it('leaves nothing it created on the target, and touches nothing else', async () => {
    expect(result.cleanup?.failures).toEqual([]);
    expect(result.cleanup?.deleted.length).toBeGreaterThan(0);
    expect(await listActors(target.api)).toEqual(actorsBefore);
    expect(actorsBefore.some((line) => line.endsWith(' bystander-actor'))).toBe(true);
    expect(await leftoversOf(target.api, target.config)).toEqual([]);
  });

  it('never prints the token, though every request carried it', () => {
    expect(result.output).toContain(`${TRANSACTIONS} passing`);
    expect(result.output).toContain('token=***');
    expect(result.output).not.toContain(SECRET_TOKEN);
    expect(JSON.stringify(result.transactions)).not.toContain(SECRET_TOKEN);
  });
});

describe('the plain Dredd command line with these hooks, at debug log level', () => {
  // The redaction does not depend on what is replayed: the smallest file that requests with the token shows it.
  const USERS_SPEC = SPEC_FILES.find((file) => file.endsWith('09-users.apib'))!;
  const usersTransactions = transactionNames(readSpecContract([USERS_SPEC])).length;

  it('never prints the token either (the hooks redact Dredd’s own output)', async () => {
    const run = freshRun(target);
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          'node_modules/dredd/bin/dredd',
          USERS_SPEC,
          target.url,
          '--require',
          'tsx/cjs',
          '--hookfiles',
          'hooks/*.ts',
          '--loglevel',
          'debug',
          '--color',
          'false',
        ],
        { env: { ...process.env, ...run.env }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (exitCode) => resolve({ code: exitCode, output: text }));
    });
    // On failure, show Dredd's report of what failed.
    expect(output, output.slice(output.indexOf('Displaying failed tests'))).toContain(
      `${usersTransactions} passing, 0 failing, 0 errors, 0 skipped, ${usersTransactions} total`,
    );
    expect(code).toBe(0);
    // Debug logging prints every request URL; the token in it must be masked.
    expect(output).toMatch(/Performing HTTP request to the server under test: GET http:\/\/127\.0\.0\.1:\d+\/v2\/users\/\S*token=\*\*\*/);
    expect(output).not.toContain(SECRET_TOKEN);
    expect(await leftoversOf(target.api, run.config)).toEqual([]);
  }, 240_000);
});
