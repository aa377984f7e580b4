import { describe, expect, it } from 'vitest';
import type { DreddHooks, DreddTransaction, RegisteredHook } from '../../hooks/lib/dredd-types.ts';
import { transactionHook } from '../../hooks/lib/hook-adapter.ts';
import { guardHooks } from '../../hooks/lib/hook-guard.ts';
import { applyProblems, failBeforeRequest, recordProblem } from '../../hooks/lib/verdict.ts';
import { transaction } from './support/transaction.ts';

function emptyHooks(): DreddHooks {
  const hooks = {
    beforeHooks: {},
    beforeValidationHooks: {},
    afterHooks: {},
    beforeAllHooks: [],
    afterAllHooks: [],
    beforeEachHooks: [],
    beforeEachValidationHooks: [],
    afterEachHooks: [],
  } as unknown as DreddHooks;
  return hooks;
}

const callAsDreddWould = (hook: RegisteredHook, data: DreddTransaction): void => {
  // TransactionRunner.runHook: arity 1 is called synchronously; the guard's stand-ins all take one parameter.
  expect(hook.length).toBe(1);
  (hook as unknown as (d: DreddTransaction) => void)(data);
};

describe('guardHooks', () => {
  it('finds async, parameterless and over-long hooks and replaces them with stand-ins that report', () => {
    const hooks = emptyHooks();
    hooks.beforeEachHooks.push((async (_t: DreddTransaction) => undefined) as unknown as RegisteredHook);
    hooks.afterEachHooks.push((() => undefined) as unknown as RegisteredHook);
    hooks.beforeHooks['Actors > X > Y'] = [((_a: unknown, _b: unknown, _c: unknown) => undefined) as unknown as RegisteredHook];
    const reports: string[] = [];
    const mistakes = guardHooks(hooks, (message) => reports.push(message));
    expect(mistakes).toEqual([
      expect.stringMatching(/^the beforeEach hook is an async function/),
      expect.stringMatching(/^the afterEach hook takes no parameters/),
      expect.stringMatching(/^the before\('Actors > X > Y'\) hook takes 3 parameters/),
    ]);
    callAsDreddWould(hooks.beforeEachHooks[0], transaction({}));
    callAsDreddWould(hooks.afterEachHooks[0], transaction({}));
    expect(reports).toEqual([mistakes[0], mistakes[1]]);
  });

  it('keeps correct hooks working and reports a one-parameter hook that returns a promise', async () => {
    const hooks = emptyHooks();
    const seen: string[] = [];
    hooks.beforeEachHooks.push(((t: DreddTransaction) => void seen.push(`sync ${t.name}`)) as unknown as RegisteredHook);
    hooks.beforeEachHooks.push(((t: DreddTransaction) => Promise.reject(new Error(`late ${t.name}`))) as unknown as RegisteredHook);
    const callback = (_t: DreddTransaction, done: () => void) => done();
    hooks.afterEachHooks.push(callback as unknown as RegisteredHook);
    const reports: string[] = [];
    expect(guardHooks(hooks, (message) => reports.push(message))).toEqual([]);
    const t = transaction({});
    callAsDreddWould(hooks.beforeEachHooks[0], t);
    callAsDreddWould(hooks.beforeEachHooks[1], t);
    expect(seen).toEqual([`sync ${t.name}`]);
    expect(reports).toEqual([expect.stringMatching(/the beforeEach hook returned a promise/)]);
    expect(hooks.afterEachHooks[0]).toBe(callback);
  });
});

describe('the async hook adapter', () => {
  it('lets Dredd wait for an async body and turns its error into a failed transaction', async () => {
    const t = transaction({});
    const hook = transactionHook(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error('fixture setup broke');
      },
      (failed, message) => failBeforeRequest(failed, message),
    );
    expect(hook.length).toBe(2);
    await new Promise<void>((done) => hook(t, done));
    expect(t.fail).toBe('fixture setup broke');
  });
});

describe('verdicts after the response', () => {
  it('append our problems to Dredd’s own message and fail the test', () => {
    const t = transaction({});
    t.test = { status: 'pass', title: t.id, message: '', valid: true };
    recordProblem(t, 'HTTP 204 must have no body');
    applyProblems(t);
    expect(t.test).toMatchObject({ status: 'fail', valid: false, message: 'HTTP 204 must have no body' });
    const gavelFailed = transaction({});
    gavelFailed.test = { status: 'fail', title: gavelFailed.id, message: "statusCode: Expected status code '200', but got '500'.\n", valid: false };
    recordProblem(gavelFailed, 'schema problem');
    applyProblems(gavelFailed);
    expect(gavelFailed.test.message).toBe("statusCode: Expected status code '200', but got '500'.\nschema problem");
  });
});
