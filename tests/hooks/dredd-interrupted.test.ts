import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpecContract, transactionNames } from '../../common/spec-contract.ts';
import { runDredd } from '../../runner/dredd/index.ts';
import { type EmulatorTarget, freshRun, leftoversOf, SECRET_TOKEN, startEmulatorTarget } from './support/emulator-target.ts';

/** The documented request/response pairs, read from the spec (one Dredd transaction each). */
const TRANSACTIONS = transactionNames(readSpecContract()).length;

// A run stopped half-way (SIGTERM, as CI or a user's Ctrl+C would) must still remove what it created.

let target: EmulatorTarget;

beforeAll(async () => {
  target = await startEmulatorTarget(1);
});

afterAll(async () => {
  await target?.close();
});

describe('Dredd with the hooks, interrupted', () => {
  it('cleans up before it exits', async () => {
    const run = freshRun(target);
    const stop = new AbortController();
    let output = '';
    const result = await runDredd({
      baseUrl: target.url,
      env: run.env,
      signal: stop.signal,
      onOutput: (text) => {
        output += text;
        // By the third passing transaction the shared fixtures exist and transactions have created their own.
        if ((output.match(/^pass: /gm) ?? []).length >= 3) stop.abort();
      },
    });
    expect(result.exitCode).toBe(143);
    expect(result.outcome).toBe('broken');
    expect(result.brokenReasons[0]).toMatch(/interrupted \(exit code 143\)/);
    expect(result.brokenReasons[1]).toMatch(new RegExp(`Dredd reported \\d+ of the spec's ${TRANSACTIONS} transactions; never reported: `));
    expect(result.transactions.length).toBeLessThan(result.specTransactions?.length ?? 0);
    expect(result.output).toMatch(/SIGTERM: removing what this run created/);
    expect(result.cleanup?.failures).toEqual([]);
    expect(result.cleanup?.deleted.length).toBeGreaterThan(0);
    expect(await leftoversOf(target.api, run.config)).toEqual([]);
    expect(result.output).not.toContain(SECRET_TOKEN);
  }, 120_000);
});
