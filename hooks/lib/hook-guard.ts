import type { DreddHooks, DreddTransaction, RegisteredHook } from './dredd-types.ts';

/**
 * Dredd picks how to call a hook by its arity: one parameter runs it synchronously (a returned promise is dropped, its
 * errors vanish), two pass a `done` callback, and any other count means it is never called and never finishes, so Dredd
 * stops in the middle of the run. `guardHooks` finds such hooks among all registered ones before any transaction runs
 * and swaps each for a stand-in that reports the mistake instead of stalling or racing the request.
 */

type Data = DreddTransaction | DreddTransaction[];

/** Called when a hook turns out to be wrong: `where` names the hook, `data` is what Dredd passed it. */
export type HookMistakeReporter = (message: string, data: Data) => void;

interface Registered {
  where: string;
  hook: RegisteredHook;
  replace(standIn: (data: Data) => void): void;
}

function registered(hooks: DreddHooks): Registered[] {
  const found: Registered[] = [];
  const fromList = (where: string, list: RegisteredHook[]) =>
    list.forEach((hook, index) => {
      found.push({
        where,
        hook,
        replace: (standIn) => {
          list[index] = standIn as unknown as RegisteredHook;
        },
      });
    });
  fromList('beforeAll', hooks.beforeAllHooks);
  fromList('afterAll', hooks.afterAllHooks);
  fromList('beforeEach', hooks.beforeEachHooks);
  fromList('beforeEachValidation', hooks.beforeEachValidationHooks);
  fromList('afterEach', hooks.afterEachHooks);
  for (const [kind, byName] of [
    ['before', hooks.beforeHooks],
    ['beforeValidation', hooks.beforeValidationHooks],
    ['after', hooks.afterHooks],
  ] as const) {
    for (const [name, list] of Object.entries(byName)) fromList(`${kind}('${name}')`, list);
  }
  return found;
}

function isAsyncFunction(hook: RegisteredHook): boolean {
  const kind = Object.prototype.toString.call(hook);
  return kind === '[object AsyncFunction]' || kind === '[object AsyncGeneratorFunction]';
}

function staticMistake(where: string, hook: RegisteredHook): string | undefined {
  if (isAsyncFunction(hook)) {
    return `the ${where} hook is an async function, which Dredd does not await; register (transaction, done) => ... (see hooks/lib/hook-adapter.ts)`;
  }
  if (hook.length === 0) return `the ${where} hook takes no parameters, so Dredd never calls it and stops the run there`;
  if (hook.length > 2) return `the ${where} hook takes ${hook.length} parameters, so Dredd never calls it and stops the run there`;
  return undefined;
}

/**
 * Inspects every registered hook. Returns the mistakes visible before running (async functions, wrong arity), and
 * replaces those hooks with stand-ins that report the mistake for each call (the original is not run: it would not be
 * awaited, or Dredd would wait for it forever). One-parameter hooks are wrapped so that one returning a promise is
 * reported too.
 */
export function guardHooks(hooks: DreddHooks, report: HookMistakeReporter): string[] {
  const mistakes: string[] = [];
  for (const { where, hook, replace } of registered(hooks)) {
    const mistake = staticMistake(where, hook);
    if (mistake !== undefined) {
      mistakes.push(mistake);
      replace((data) => report(mistake, data));
      continue;
    }
    if (hook.length !== 1) continue;
    const call = hook as unknown as (data: Data) => unknown;
    replace((data) => {
      const result = call(data);
      if (typeof (result as { then?: unknown } | null)?.then === 'function') {
        (result as Promise<unknown>).catch(() => undefined);
        report(`the ${where} hook returned a promise, which Dredd does not await; register (transaction, done) => ...`, data);
      }
    });
  }
  return mistakes;
}
