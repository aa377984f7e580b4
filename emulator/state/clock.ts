// Timestamps that never repeat: each one is at least a millisecond after the previous, so records sorted by
// createdAt or startedAt have a total order even when many are created within one millisecond.

export class Clock {
  private last = 0;

  /** `isoDates: false` is the fault dates-not-iso: timestamps written with Date.toString(). */
  constructor(private readonly options: { isoDates: boolean } = { isoDates: true }) {}

  now(): Date {
    this.last = Math.max(Date.now(), this.last + 1);
    return new Date(this.last);
  }

  /** An ISO-8601 UTC string with milliseconds and Z, the API's date format. */
  iso(): string {
    const now = this.now();
    return this.options.isoDates ? now.toISOString() : now.toString();
  }
}
