// What the fault tests share: a probe per fault (a scenario, what it observes on a correct emulator and what with the
// fault on), emulators started through the public entry point with explicit options, and a raw HTTP exchange for
// answers that a client library would hide (a 204 that carries a body).
import { connect } from 'node:net';
import { expect } from 'vitest';
import type { EmulatorOptions } from '../../../emulator/config.ts';
import type { FaultId } from '../../../emulator/faults/catalogue.ts';
import { startEmulator } from '../../../emulator/index.ts';
import { MAIN_USER, SECOND_USER, type TestEmulator } from '../helpers/emulator.ts';
import { ApiClient } from '../helpers/http.ts';

export interface Probe {
  /** Emulator settings the scenario needs; the clean and the faulty emulator get the same. */
  settings?: Partial<EmulatorOptions>;
  /** Drives the emulator and returns what the fault changes, as plain data. */
  observe(emu: TestEmulator): Promise<unknown>;
  /** What `observe` returns on a correct emulator. */
  correct: unknown;
  /** What it returns with the fault switched on. */
  faulty: unknown;
}

/** A probe for every fault of the catalogue. */
export type ProbeTable = Record<FaultId, Probe>;

// Far above what a job takes even on a loaded machine, so a wait meant to see a job end never turns into a cap; the
// probes about the cap set a short one of their own.
const MAX_WAIT_SECS = 30;
/** The waitForFinish of a probe that must see its job end: it answers as soon as the job has ended. */
export const UNTIL_ENDED_SECS = 25;

/** An emulator on a free port with the given faults, every option explicit so no EMULATOR_* variable leaks in. */
export async function startWithFaults(faults: FaultId[], settings: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const running = await startEmulator({
    host: '127.0.0.1',
    port: 0,
    token: MAIN_USER.token,
    username: MAIN_USER.username,
    token2: SECOND_USER.token,
    username2: SECOND_USER.username,
    maxWaitSecs: MAX_WAIT_SECS,
    rateLimitDefault: 0,
    rateLimitHigh: 0,
    maxPageSize: 1000,
    variations: [],
    webhookRetryMs: 100,
    ...settings,
    faults,
  });
  return {
    url: running.url,
    maxWaitSecs: running.options.maxWaitSecs,
    user: MAIN_USER,
    user2: SECOND_USER,
    api: new ApiClient(running.url, MAIN_USER.token),
    api2: new ApiClient(running.url, SECOND_USER.token),
    close: () => running.close(),
  };
}

async function observeWith(faults: FaultId[], probe: Probe): Promise<unknown> {
  const emu = await startWithFaults(faults, probe.settings);
  try {
    return await probe.observe(emu);
  } finally {
    await emu.close();
  }
}

/** Runs the probe on a clean emulator and on one with the fault alone; each must observe what the probe says. */
export async function expectFaultChangesBehaviour(id: FaultId, probe: Probe): Promise<void> {
  const [clean, faulty] = await Promise.all([observeWith([], probe), observeWith([id], probe)]);
  expect(clean, `without ${id} the emulator should behave correctly`).toEqual(probe.correct);
  expect(faulty, `with ${id} the emulator should show the fault`).toEqual(probe.faulty);
}

export interface RawAnswer {
  statusLine: string;
  headers: Record<string, string>;
  /** Every byte after the header block, whatever the status says about bodies. */
  body: string;
}

/** One HTTP/1.1 exchange on a fresh socket, read until the server closes it. */
export function rawExchange(url: string, method: string, path: string, token: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.end(`${method} ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ statusLine, headers, body: text.slice(end + 4) });
    });
  });
}
