// Rule: Dredd 14 itself compiles every documented request/response pair of the spec's files, silently
// dropping none and warning about nothing (spec/ERRATA.md, "Actions Dredd dropped" and "run-sync 400/408").
// The command is the one in package.json (`npm run dredd:names`); port 9 is never contacted with --names.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED_TRANSACTIONS, MIN_TRANSACTIONS } from './expected-transactions.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COMMAND = ['dredd', 'spec/*.apib', 'http://127.0.0.1:9', '--names'];

interface DreddRun {
  exitCode: number;
  lines: string[];
}

/** One listed transaction: Dredd prints `info: <name>` and then `skip: <METHOD> (<status>) <uri>`. */
interface ListedTransaction {
  name: string;
  method: string;
  status: number;
  uri: string;
}

const ANSI_COLOUR = /\x1b\[[0-9;]*m/g;
const SKIP_LINE = /^skip: ([A-Z]+) \((\d{3})\) (\S+)$/;

function runDreddNames(): Promise<DreddRun> {
  return new Promise((resolve) => {
    execFile('npx', COMMAND, { cwd: PROJECT_ROOT, timeout: 50_000 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      const lines = `${stdout}\n${stderr}`
        .replace(ANSI_COLOUR, '')
        .split('\n')
        .map((line) => line.trimEnd())
        .filter((line) => line !== '');
      resolve({ exitCode, lines });
    });
  });
}

function listedTransactions(lines: string[]): ListedTransaction[] {
  const listed: ListedTransaction[] = [];
  lines.forEach((line, index) => {
    const skip = SKIP_LINE.exec(lines[index + 1] ?? '');
    if (!line.startsWith('info: ') || !skip) return;
    listed.push({ name: line.slice('info: '.length), method: skip[1], status: Number(skip[2]), uri: skip[3] });
  });
  return listed;
}

describe(`npx ${COMMAND.join(' ')}`, () => {
  let run: DreddRun;
  let listed: ListedTransaction[];

  beforeAll(async () => {
    run = await runDreddNames();
    listed = listedTransactions(run.lines);
  }, 60_000);

  it('exits with code 0', () => {
    expect(run.exitCode, `Dredd's output:\n${run.lines.join('\n')}`).toBe(0);
  });

  it('logs no warning and no error about the blueprint', () => {
    const complaints = run.lines.filter((line) => /^(warn|error):/.test(line) || /Ambiguous URI parameter|API description (parser|processing)/.test(line));
    expect(complaints, 'Dredd complained about the spec').toEqual([]);
  });

  it('lists exactly the expected transaction names, in document order', () => {
    expect(listed.map((transaction) => transaction.name)).toEqual(EXPECTED_TRANSACTIONS.map((transaction) => transaction.name));
  });

  it(`lists at least the ${MIN_TRANSACTIONS} documented request/response pairs, and its summary counts them all`, () => {
    expect(listed.length).toBeGreaterThanOrEqual(MIN_TRANSACTIONS);
    const summary = run.lines.find((line) => /^complete: .* total$/.test(line));
    expect(summary, 'Dredd printed no summary line').toBeDefined();
    expect(summary).toContain(`${listed.length} skipped, ${listed.length} total`);
  });

  it('lists each transaction with its expected method and status', () => {
    const seen = listed.map(({ name, method, status }) => ({ name, method, status }));
    expect(seen).toEqual(EXPECTED_TRANSACTIONS.map(({ name, method, status }) => ({ name, method, status })));
  });
});
