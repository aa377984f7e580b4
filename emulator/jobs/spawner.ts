// The emulator's side of actor-spawner.mjs: one small helper process per emulator process (shared by every emulator
// it hosts) starts and signals the actor processes. It holds the event loop only while processes run, and a new one
// is forked if it dies.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  error?: Error;
}

export interface SpawnRequest {
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

interface Pending {
  onOutput(text: string): void;
  exit(result: ProcessExit): void;
}

type SpawnerMessage =
  | { type: 'output'; id: number; text: string }
  | { type: 'exit'; id: number; code: number | null; signal: NodeJS.Signals | null; error?: string };

const SPAWNER_FILE = fileURLToPath(new URL('./actor-spawner.mjs', import.meta.url));

class Spawner {
  private helper: ChildProcess | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** Starts `node <args>`; returns the id that `kill` takes. */
  spawn(request: SpawnRequest, onOutput: (text: string) => void, exit: (result: ProcessExit) => void): number {
    const id = this.nextId++;
    this.pending.set(id, { onOutput, exit });
    const helper = this.running();
    this.hold(true);
    helper.send({ type: 'spawn', id, ...request });
    return id;
  }

  kill(id: number, signal: NodeJS.Signals): void {
    if (this.pending.has(id)) this.helper?.send({ type: 'kill', id, signal });
  }

  private running(): ChildProcess {
    if (this.helper !== null) return this.helper;
    // No loader flags and no inherited NODE_OPTIONS: the helper is plain JavaScript and should start small.
    const helper = fork(SPAWNER_FILE, [], { execArgv: [], env: {}, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    helper.on('message', (message: SpawnerMessage) => this.receive(message));
    helper.once('exit', () => this.lost(helper));
    this.helper = helper;
    return helper;
  }

  private receive(message: SpawnerMessage): void {
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    if (message.type === 'output') {
      pending.onOutput(message.text);
      return;
    }
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.hold(false);
    const { code, signal, error } = message;
    pending.exit(error === undefined ? { code, signal } : { code, signal, error: new Error(error) });
  }

  /** The helper died: its processes were killed with it, so each one ends as a process that could not run. */
  private lost(helper: ChildProcess): void {
    if (this.helper !== helper) return;
    this.helper = null;
    const error = new Error('the process that starts actor processes exited');
    for (const pending of this.pending.values()) pending.exit({ code: null, signal: null, error });
    this.pending.clear();
  }

  /** Keeps the event loop alive only while actor processes run, so an idle emulator can exit. */
  private hold(active: boolean): void {
    const helper = this.helper;
    if (helper === null) return;
    const channel = helper.channel as { ref(): void; unref(): void } | undefined;
    if (active) {
      helper.ref();
      channel?.ref();
    } else {
      helper.unref();
      channel?.unref();
    }
  }
}

let shared: Spawner | null = null;

/** The spawner of this process (of this thread, under worker threads). */
export function spawner(): Spawner {
  shared ??= new Spawner();
  return shared;
}
