// The text log of a build or run: kept in memory (the newest part, up to a cap) and followed by streaming readers
// until the job ends.
import { PassThrough, type Readable } from 'node:stream';

const MAX_LOG_CHARS = 5_000_000;

interface Follower {
  write(chunk: string): void;
  end(): void;
}

export class JobLog {
  private chunks: string[] = [];
  private length = 0;
  private truncated = false;
  private ended = false;
  private readonly followers = new Set<Follower>();

  append(text: string): void {
    if (text === '') return;
    this.chunks.push(text);
    this.length += text.length;
    while (this.length > MAX_LOG_CHARS && this.chunks.length > 1) {
      this.length -= this.chunks.shift()!.length;
      this.truncated = true;
    }
    for (const follower of this.followers) follower.write(text);
  }

  /** Appends a line stamped with the time, the way the platform prefixes system messages. */
  line(message: string): void {
    this.append(`${new Date().toISOString()} ${message}\n`);
  }

  text(): string {
    const body = this.chunks.join('');
    this.chunks = body === '' ? [] : [body];
    return this.truncated ? `[earlier log lines were dropped]\n${body}` : body;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** The job ended: streaming readers get the end of their stream. */
  end(): void {
    this.ended = true;
    for (const follower of this.followers) follower.end();
    this.followers.clear();
  }

  /** The job runs again (resurrect). */
  reopen(): void {
    this.ended = false;
  }

  /** A stream of the log so far and then of each new chunk, ending when the job ends. */
  stream(): Readable {
    const stream = new PassThrough();
    stream.write(this.text());
    if (this.ended) {
      stream.end();
      return stream;
    }
    const follower: Follower = { write: (chunk) => stream.write(chunk), end: () => stream.end() };
    this.followers.add(follower);
    stream.on('close', () => this.followers.delete(follower));
    return stream;
  }
}
