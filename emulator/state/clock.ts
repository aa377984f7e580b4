// Timestamps that never repeat: each one is at least a millisecond after the previous, so records sorted by
// createdAt or startedAt have a total order even when many are created within one millisecond.

export class Clock {
  private last = 0;

  now(): Date {
    this.last = Math.max(Date.now(), this.last + 1);
    return new Date(this.last);
  }

  /** An ISO-8601 UTC string with milliseconds and Z, the API's date format. */
  iso(): string {
    return this.now().toISOString();
  }
}
