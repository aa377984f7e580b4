// Safety (docs/ARCHITECTURE.md "What a running actor sees"; spec/00-overview.apib#authentication): the emulator
// listens on 127.0.0.1 unless told otherwise, an actor process gets only the documented variables (nothing of the
// emulator's own environment), closing the emulator stops actor processes, and tokens are not printed.
import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { setEnvironment } from '../support/environment.ts';
import { emulatorEnvironment, MAIN_USER, startTestEmulator } from './helpers/emulator.ts';
import { createBuiltActor, getJsonRecord, runToEnd, startRun, waitForPid, waitForProcessExit } from './helpers/fixtures.ts';
import type { EnvDump } from './helpers/types.ts';

const DOCUMENTED_VARIABLES = new Set([
  'APIFY_TOKEN',
  'APIFY_API_BASE_URL',
  'APIFY_API_PUBLIC_BASE_URL',
  'APIFY_DEFAULT_KEY_VALUE_STORE_ID',
  'APIFY_DEFAULT_DATASET_ID',
  'APIFY_DEFAULT_REQUEST_QUEUE_ID',
  'APIFY_INPUT_KEY',
  'APIFY_ACTOR_ID',
  'APIFY_ACTOR_RUN_ID',
  'APIFY_ACTOR_BUILD_ID',
  'APIFY_USER_ID',
  'APIFY_MEMORY_MBYTES',
  'APIFY_TIMEOUT_AT',
  'APIFY_IS_AT_HOME',
  'ACTOR_DEFAULT_KEY_VALUE_STORE_ID',
  'ACTOR_DEFAULT_DATASET_ID',
  'ACTOR_INPUT_KEY',
  'ACTOR_RUN_ID',
  'ACTOR_ID',
  'ACTOR_BUILD_ID',
  'ACTOR_MEMORY_MBYTES',
  'ACTOR_TIMEOUT_AT',
  'PATH',
  'HOME',
  'NODE_OPTIONS',
]);

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(3_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe('safety: where the emulator listens', () => {
  test('by default it listens on 127.0.0.1 only', async () => {
    const emu = await startTestEmulator();
    try {
      const url = new URL(emu.url);
      expect(url.hostname).toBe('127.0.0.1');
      expect(emu.url, 'the url is the API root, without a trailing slash or /v2').toBe(`http://127.0.0.1:${url.port}`);
      const port = Number(url.port);
      expect(await canConnect('127.0.0.1', port)).toBe(true);
      const outward = Object.values(networkInterfaces())
        .flat()
        .filter((address) => address && !address.internal && address.family === 'IPv4');
      for (const address of outward) {
        expect(await canConnect(address?.address ?? '', port), `the emulator must not answer on ${address?.address}`).toBe(false);
      }
    } finally {
      await emu.close();
    }
  });

  test('EMULATOR_HOST moves it to another address', async () => {
    const emu = await startTestEmulator({ host: '127.0.0.2' });
    try {
      const url = new URL(emu.url);
      expect(url.hostname).toBe('127.0.0.2');
      expect(await canConnect('127.0.0.2', Number(url.port))).toBe(true);
      expect(await canConnect('127.0.0.1', Number(url.port)), 'nothing answers on 127.0.0.1 then').toBe(false);
    } finally {
      await emu.close();
    }
  });
});

describe("safety: the actor process does not see the emulator's environment", () => {
  test('only the documented variables reach the actor; sentinels of the host environment do not', async () => {
    const sentinels: Record<string, string> = {
      SAFETY_SENTINEL_SECRET: 'host-secret-must-not-leak',
      APIFY_PROXY_PASSWORD: 'host-proxy-password-must-not-leak',
      APIFY_TOKEN: 'hostAccountTokenMustNotLeak0',
      ACTOR_SENTINEL: 'host-actor-variable-must-not-leak',
      AWS_SECRET_ACCESS_KEY: 'host-cloud-key-must-not-leak',
    };
    const restoreEnvironment = setEnvironment(sentinels);
    const emu = await startTestEmulator();
    try {
      const { actor } = await createBuiltActor(emu, 'env-dump');
      const run = await runToEnd(emu, actor.id);
      expect(run.status).toBe('SUCCEEDED');
      const { env } = await getJsonRecord<EnvDump>(emu, run.defaultKeyValueStoreId, 'OUTPUT');
      const undocumented = Object.keys(env)
        .filter((name) => !DOCUMENTED_VARIABLES.has(name))
        .sort();
      expect(undocumented, 'variables beyond the documented list reached the actor').toEqual([]);
      const dump = JSON.stringify(env);
      for (const [name, value] of Object.entries(sentinels)) {
        expect(dump, `the host's ${name} value leaked into the actor`).not.toContain(value);
      }
      expect(env.APIFY_TOKEN, "the actor gets its owner's emulator token, not the host's APIFY_TOKEN").toBe(emu.user.token);
      for (const name of Object.keys(emulatorEnvironment())) expect(env, `${name} must not reach the actor`).not.toHaveProperty(name);
    } finally {
      await emu.close();
      restoreEnvironment();
    }
  });
});

describe('safety: closing the emulator', () => {
  test('close() stops the actor processes that are still running', async () => {
    const emu = await startTestEmulator();
    let pid = 0;
    try {
      const { actor } = await createBuiltActor(emu, 'scripted');
      const run = await startRun(emu, actor.id, { input: { sleepMs: 120_000, recordPid: true } });
      pid = await waitForPid(emu, run);
    } finally {
      await emu.close();
    }
    expect(await waitForProcessExit(pid), `actor process ${pid} outlived the emulator`).toBe(true);
  });
});

describe('safety: tokens never reach the log', () => {
  test('npm run emulator prints its URL line and never a token, even for requests that carry tokens', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const child: ChildProcess = spawn('npm', ['run', '--silent', 'emulator'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...emulatorEnvironment() },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line in 30 s; output so far: ${output}`)), 30_000);
        const check = () => {
          const match = /Apify API emulator listening on (http:\/\/\S+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout?.on('data', check);
        child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const wrongToken = 'wrongTokenThatMustNotBeLogged';
      await fetch(`${url}/v2/acts?token=${MAIN_USER.token}`);
      await fetch(`${url}/v2/acts?token=${wrongToken}`);
      await fetch(`${url}/v2/acts`, { headers: { authorization: `Bearer ${MAIN_USER.token}` } });
      await fetch(`${url}/v2/no-such-path?token=${MAIN_USER.token}`);
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    }
    expect(output).not.toContain(MAIN_USER.token);
    expect(output).not.toContain('wrongTokenThatMustNotBeLogged');
  });
});
