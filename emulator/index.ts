// The emulator's public entry point (contract: docs/ARCHITECTURE.md): start it in-process, get its URL, close it.
import { buildApp } from './app.ts';
import { type EmulatorOptions, loadOptions } from './config.ts';
import { Faults } from './faults/faults.ts';
import { BuildJobs } from './jobs/builds.ts';
import { jobBehaviourOf } from './jobs/job-behaviour.ts';
import { RunJobs } from './jobs/runs.ts';
import { JobWaiters } from './jobs/wait-for-finish.ts';
import { WebhookDispatcher } from './jobs/webhook-dispatcher.ts';
import { Workspace } from './jobs/workspace.ts';
import type { EmulatorContext } from './routes/context.ts';
import { Clock } from './state/clock.ts';
import { EmulatorState, type UserSeed } from './state/store.ts';

export type { EmulatorOptions } from './config.ts';
export { ConfigError } from './config.ts';

export interface RunningEmulator {
  /** The API root, e.g. http://127.0.0.1:8377 (no trailing slash, no /v2). */
  url: string;
  options: EmulatorOptions;
  /** Stops every actor process, closes the server and removes the emulator's temporary files. */
  close(): Promise<void>;
}

export async function startEmulator(overrides: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const options = loadOptions(overrides);
  const users: UserSeed[] = [{ token: options.token, username: options.username }];
  if (options.token2 !== null && options.username2 !== null) users.push({ token: options.token2, username: options.username2 });
  const faults = new Faults(options.faults);
  const state = new EmulatorState(users, new Clock({ isoDates: !faults.has('dates-not-iso') }));
  const waiters = new JobWaiters(faults);
  const workspace = await Workspace.create();
  let url = '';
  const events = new WebhookDispatcher({ state, faults, retryMs: options.webhookRetryMs, apiBaseUrl: () => url });
  const jobContext = { state, waiters, workspace, faults, events, behaviour: jobBehaviourOf(options), apiBaseUrl: () => url };
  const builds = new BuildJobs(jobContext);
  const runs = new RunJobs(jobContext, builds);
  const context: EmulatorContext = { options, state, builds, runs, waiters, faults, baseUrl: () => url };
  const app = await buildApp(context);
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close();
    await workspace.remove();
    throw error;
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('The emulator is not listening on a TCP port');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      try {
        events.close();
        await Promise.all([runs.shutdown(), builds.shutdown()]);
        waiters.releaseAll();
        await app.close();
      } finally {
        await workspace.remove();
      }
    })();
    return closing;
  };
  return { url, options, close };
}
