/**
 * Process events through which the hooks tell the process that runs Dredd (runner/dredd/) what Dredd's own output does
 * not: that this hook file really loaded (Dredd only warns when one fails to), that the hooks cannot work, and what
 * cleanup removed or left behind.
 */
export const HOOKS_LOADED_EVENT = 'conformance-hooks:loaded';
export const CLEANUP_DONE_EVENT = 'conformance-hooks:cleanup';
/** The hooks cannot do their job (bad configuration, wrong endpoint, a mistaken hook): a suite defect, not a target's. */
export const HOOKS_BROKEN_EVENT = 'conformance-hooks:broken';

/** Prefix of every line the hooks print. */
export const LOG_PREFIX = '[conformance hooks]';

/** Emits one of the events above on `process` (Node's typings only list its built-in events). */
export function announce(event: typeof HOOKS_LOADED_EVENT | typeof CLEANUP_DONE_EVENT | typeof HOOKS_BROKEN_EVENT, ...args: unknown[]): void {
  (process as NodeJS.EventEmitter).emit(event, ...args);
}
