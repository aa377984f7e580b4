/**
 * Tolerances of the timing checks. A client's clock starts before the server's and stops after it, so an answer held
 * for a wait is never early by the client's measure, only late: by network and scheduling delays, which grow on a
 * loaded machine or a remote target. The bounds are generous where that is the only risk and tight where it is not.
 */

/**
 * How late an answer held for a wait of `waitSecs` may arrive after the wait ends, in ms: a tenth of the wait, for
 * servers whose timers drift with it, and at least 2 s of network and scheduling delay.
 */
export function lateSlackMs(waitSecs: number): number {
  return Math.max(2000, waitSecs * 100);
}

/** How early it may arrive: 2% of the wait (at least 100 ms), for servers whose wait timers are coarse. */
export function earlySlackMs(waitSecs: number): number {
  return Math.max(100, waitSecs * 20);
}

/** The longest an answer that should come "at once" may take, in ms: the late slack, but well below the cap. */
export function promptMs(capSecs: number): number {
  return Math.min(lateSlackMs(capSecs), Math.round((capSecs * 2000) / 3));
}

/** An actor sleep certain to outlive a wait of `waitSecs` and every tolerance around it, in ms. */
export function outlivingSleepMs(waitSecs: number, capSecs: number): number {
  return waitSecs * 1000 + lateSlackMs(capSecs) + 5000;
}

/** Milliseconds between two ISO timestamps the server wrote. */
export function serverMillis(from: unknown, to: unknown): number {
  return Date.parse(String(to)) - Date.parse(String(from));
}

/** Whether a held answer's duration fits a wait of `waitSecs`: not early, not later than the slack of that wait. */
export function heldFor(durationMs: number, waitSecs: number): boolean {
  return durationMs >= waitSecs * 1000 - earlySlackMs(waitSecs) && durationMs <= waitSecs * 1000 + lateSlackMs(waitSecs);
}

export function describeWindow(waitSecs: number): string {
  const low = (waitSecs * 1000 - earlySlackMs(waitSecs)) / 1000;
  const high = (waitSecs * 1000 + lateSlackMs(waitSecs)) / 1000;
  return `an answer after ${low} to ${high} s (a wait of ${waitSecs} s)`;
}
