// The process that starts actor processes for the emulator. Forking from a small process costs a few milliseconds of
// CPU; forking from the emulator, whose heap holds the whole API and often a test runner, costs tens of milliseconds
// each time, on the same cores the checks are timed on. Plain JavaScript, so it starts without a TypeScript loader.
//
// Messages in:  { type: 'spawn', id, args, cwd, env }   { type: 'kill', id, signal }
// Messages out: { type: 'output', id, text }   { type: 'exit', id, code, signal, error? }
// IPC keeps the order of messages, so every output of a process arrives before its exit.
import { spawn } from 'node:child_process';

// Output may still be in the pipes when 'exit' fires; wait this long for 'close' before declaring the exit.
const OUTPUT_DRAIN_MS = 500;

/** @type {Map<number, import('node:child_process').ChildProcess>} */
const children = new Map();

function send(message) {
  if (process.connected) process.send(message);
}

function start({ id, args, cwd, env }) {
  // Each process leads its own group, so a signal reaches whatever it started too.
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.set(id, child);
  const forward = (text) => send({ type: 'output', id, text });
  child.stdout.setEncoding('utf8').on('data', forward);
  child.stderr.setEncoding('utf8').on('data', forward);
  const closed = new Promise((done) => child.once('close', done));
  const finish = (exit) => {
    // A process that could not start may report both 'error' and 'exit'.
    if (!children.delete(id)) return;
    send({ type: 'exit', id, ...exit });
  };
  child.once('error', (error) => finish({ code: null, signal: null, error: error.message }));
  child.once('exit', (code, signal) => {
    const drained = new Promise((done) => setTimeout(done, OUTPUT_DRAIN_MS));
    void Promise.race([closed, drained]).then(() => finish({ code, signal }));
  });
}

function signal({ id, signal: name }) {
  const child = children.get(id);
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, name);
  } catch {
    child.kill(name);
  }
}

process.on('message', (message) => {
  if (message.type === 'spawn') start(message);
  else if (message.type === 'kill') signal(message);
});

// The emulator is gone: nothing it started may outlive it.
process.on('disconnect', () => {
  for (const id of children.keys()) signal({ id, signal: 'SIGKILL' });
  process.exit(0);
});
