import type { Redactor } from './redact.ts';

type Write = typeof process.stdout.write;

const installed = new WeakSet<NodeJS.WriteStream>();

/**
 * The last line of defence for tools we do not control (Dredd and its logger print request URLs and headers in several
 * places, some only at debug level): every string or buffer written to this process's stdout and stderr passes through
 * the redactor. Installing it twice on a stream is a no-op. A secret split across two separate writes is not caught;
 * the loggers involved write whole lines.
 */
export function redactProcessOutput(redactor: Redactor, streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if (installed.has(stream)) continue;
    installed.add(stream);
    const original = stream.write.bind(stream) as Write;
    const redacting = function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : undefined;
      const safe = text === undefined ? chunk : redactor.text(text);
      return (original as (...args: unknown[]) => boolean)(safe, ...rest);
    };
    stream.write = redacting as Write;
  }
}
