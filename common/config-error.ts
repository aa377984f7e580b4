/**
 * A setting that is missing or malformed. The message names the variable and the form it expects, so the suite can print
 * one readable line instead of a stack trace (see `formatConfigError`).
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    /** The environment variable at fault, e.g. `CONFORMANCE_MAX_WAIT_SECS`. */
    readonly variable: string,
    /** What a valid value looks like, e.g. `a positive whole number of seconds (e.g. 300)`. */
    readonly expected: string,
    /** A short description of what was found; never the value of a secret. */
    readonly found: string,
  ) {
    super(`${variable} must be ${expected}; ${found}.`);
  }
}

/** The user-facing text for a configuration error, or undefined when `error` is something else. */
export function formatConfigError(error: unknown): string | undefined {
  if (!(error instanceof ConfigError)) return undefined;
  return `Configuration error: ${error.message}\nSet it in the environment or in .env (see .env.example).`;
}

/**
 * Prints a configuration error without a stack trace and reports whether it was one; anything else is left to the caller.
 * Typical use in an entry point: `catch (e) { if (printConfigError(e)) process.exit(2); throw e; }`.
 */
export function printConfigError(error: unknown, write: (text: string) => void = (t) => process.stderr.write(t)): boolean {
  const text = formatConfigError(error);
  if (text === undefined) return false;
  write(`${text}\n`);
  return true;
}
