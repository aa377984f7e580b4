import { spawn } from 'node:child_process';
import { killGroup, PROJECT_ROOT } from './cli-process.ts';

export interface EmulatorProcess {
  /** The API root the emulator printed. */
  url: string;
  /** Stops the whole process group (npm, tsx, node and any actor it runs) and waits until npm has exited. */
  stop(): Promise<void>;
}

const LISTENING = /Apify API emulator listening on (http:\/\/\S+)/;

/**
 * `npm run emulator` in the background (or another command that starts it, from another folder), as a user would start
 * it for a separate target. EMULATOR_PORT=0 lets it pick a free port; the URL comes from the one line it prints once it
 * accepts requests.
 */
export function startEmulatorProcess(
  env: Record<string, string>,
  how: { command: string[]; cwd: string } = { command: ['npm', 'run', 'emulator'], cwd: PROJECT_ROOT },
  timeoutMs = 60_000,
): Promise<EmulatorProcess> {
  const [command = 'npm', ...args] = how.command;
  const child = spawn(command, args, { cwd: how.cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const stop = async () => {
    killGroup(child.pid, 'SIGTERM');
    const stubborn = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(stubborn);
  };
  let output = '';
  let listening = false;
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      if (listening) return;
      clearTimeout(timer);
      void stop();
      reject(new Error(`${how.command.join(' ')} ${why}; its output:\n${output}`));
    };
    const timer = setTimeout(() => fail(`printed no URL within ${timeoutMs / 1000} s`), timeoutMs);
    const read = (chunk: string) => {
      output += chunk;
      const match = LISTENING.exec(output);
      if (match && !listening) {
        listening = true;
        clearTimeout(timer);
        resolve({ url: match[1]!, stop });
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('error', (error) => fail(`could not be started (${error.message})`));
    child.once('close', (code) => fail(`exited (status ${code}) before it listened`));
  });
}
