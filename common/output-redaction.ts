import type { Redactor } from './redact.ts';

type Write = typeof process.stdout.write;

/** The redactors installed on each wrapped stream, all applied to what it writes. */
const installed = new WeakMap<NodeJS.WriteStream, Redactor[]>();

/**
 * The last line of defence for tools we do not control (Dredd and its logger print request URLs and headers in several
 * places, some only at debug level): every string or buffer written to this process's stdout and stderr passes through
 * the redactor. A stream is wrapped once; a process that runs the gate again (a self-test worker) adds the redactor of
 * each run, and every one of them applies. A secret split across two separate writes is not caught;
 * the loggers involved write whole lines.
 */
export function redactProcessOutput(redactor: Redactor, streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    const redactors = installed.get(stream);
    if (redactors !== undefined) {
      redactors.push(redactor);
      continue;
    }
    const all = [redactor];
    installed.set(stream, all);
    const original = stream.write.bind(stream) as Write;
    const redacting = function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : undefined;
      const safe = text === undefined ? chunk : all.reduce((redacted, r) => r.text(redacted), text);
      return (original as (...args: unknown[]) => boolean)(safe, ...rest);
    };
    stream.write = redacting as Write;
  }
}
