/** Slack allowed after a server-side wait ends, in ms: a loaded machine or a remote target answers late, never early. */
export function capTolerance(capSecs: number): number {
  return Math.max(2000, capSecs * 250);
}
