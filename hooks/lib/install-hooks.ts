import { type ConformanceConfig, formatConfigError, loadConfig } from '../../common/config.ts';
import { implementsAll } from '../../common/features.ts';
import type { CleanupReport } from '../../common/fixtures/index.ts';
import { createConfiguredClient } from '../../common/http.ts';
import { describeFailure } from '../../common/inconclusive.ts';
import { redactProcessOutput } from '../../common/output-redaction.ts';
import { type Redactor, redactorForSecrets } from '../../common/redact.ts';
import { readSpecContract, transactionNameOf, transactionRuns } from '../../common/spec-contract.ts';
import { PLANS, type TransactionPlan } from '../plans/index.ts';
import { noContentProblem, normaliseCharset, relaxNoContentExpectation, schemaProblem } from './comparison.ts';
import type { DreddHooks, DreddTransaction } from './dredd-types.ts';
import { announce, CLEANUP_DONE_EVENT, HOOKS_BROKEN_EVENT, HOOKS_LOADED_EVENT, LOG_PREFIX } from './events.ts';
import { HookFixtures } from './fixtures.ts';
import { allTransactionsHook, transactionHook } from './hook-adapter.ts';
import { guardHooks } from './hook-guard.ts';
import { cleanUpOnInterruption } from './interruption.ts';
import { quotaRefusal } from './quota-refusal.ts';
import { resendWhileRateLimited } from './rate-limit-retry.ts';
import { insertHeaders, insertToken, redactRequest, titleTransaction } from './request-rewrite.ts';
import { applyProblems, failBeforeRequest, recordProblem } from './verdict.ts';

/** The documented actions and their transactions: what the plans are looked up in and a selection is read against. */
const CONTRACT = readSpecContract();

/**
 * Registers the conformance hooks on Dredd's Hooks instance. Per transaction, in Dredd's order:
 * beforeEach   the action's plan creates its fixtures and rewrites the request; 204 expectations are relaxed to "no
 *              body"; the real token goes in last, so a failed preparation never exposes it;
 * beforeEachValidation  a request refused with 429 is sent again with the documented backoff; the token is taken out
 *              of everything Dredd prints; the charset rule is applied;
 * afterEach    204-without-body and our strict schemas are checked; the plan registers what the request created.
 * beforeAll checks the hooks themselves and starts the shared fixtures; afterAll (or an interruption) cleans up.
 */
export function installHooks(hooks: DreddHooks): void {
  let config: ConformanceConfig;
  try {
    config = loadConfig();
  } catch (error) {
    const message = formatConfigError(error) ?? `Loading the configuration failed: ${describeFailure(error)}`;
    process.stderr.write(`${LOG_PREFIX} ${message}\n`);
    hooks.beforeAll(
      allTransactionsHook((transactions) => {
        announce(HOOKS_BROKEN_EVENT, message);
        failAll(transactions, message);
      }, failAll),
    );
    announce(HOOKS_LOADED_EVENT);
    return;
  }

  const redactor = redactorForSecrets(config);
  redactProcessOutput(redactor);
  const fixtures = new HookFixtures(createConfiguredClient(config), config);
  // Re-sends transactions exactly as Dredd sent them: fullPath already holds the endpoint's path.
  const resender = createConfiguredClient({ ...config, baseUrl: new URL(config.baseUrl).origin });
  const safe = (message: string) => redactor.text(message);
  // Set once anything may have been created on the target; until then there is nothing to clean up.
  let touchedTarget = false;
  const cleanup = cleanupOnce(fixtures, redactor, () => touchedTarget);

  hooks.beforeAll(
    allTransactionsHook(
      (transactions) => {
        const mistakes = guardHooks(hooks, (message, data) => {
          announce(HOOKS_BROKEN_EVENT, message);
          for (const transaction of Array.isArray(data) ? data : [data]) failBeforeRequest(transaction, message);
        });
        const problems = [...endpointProblems(hooks.configuration.endpoint, config.baseUrl), ...mistakes];
        if (problems.length > 0) {
          for (const problem of problems) announce(HOOKS_BROKEN_EVENT, problem);
          failAll(transactions, `the hooks cannot run: ${problems.join('; ')}`);
          return;
        }
        touchedTarget = true;
        // Under a selection each fixture is made when a selected transaction first needs it: nothing unused is built.
        if (config.select.length === 0) fixtures.warmUp((features) => implementsAll(features, config.features));
      },
      (transactions, message) => failAll(transactions, safe(message)),
    ),
  );

  hooks.beforeEach(
    transactionHook(
      async (transaction) => {
        if (transaction.fail) return;
        const name = transactionNameOf(transaction.origin);
        if (!transactionRuns(CONTRACT, name, config)) {
          // Not selected (CONFORMANCE_SELECT, CONFORMANCE_EXCLUDE), of a feature the target lacks (CONFORMANCE_FEATURES) or
          // outwaiting a long run-sync cap: Dredd sends nothing and reports it skipped; the runner tells them apart.
          transaction.skip = true;
          return;
        }
        touchedTarget = true;
        await planFor(transaction).prepare(transaction, fixtures);
        relaxNoContentExpectation(transaction);
        titleTransaction(transaction, redactor);
        insertHeaders(transaction, config.headers);
        insertToken(transaction, config.token);
      },
      (transaction, message) => {
        redactRequest(transaction, redactor);
        failBeforeRequest(transaction, safe(`preparing "${transaction.name}" failed: ${message}`));
      },
    ),
  );

  hooks.beforeEachValidation(
    transactionHook(
      async (transaction) => {
        // Before the token is taken out of the request, which the re-send needs as it was.
        const resent = await resendWhileRateLimited(transaction, resender);
        if (resent > 0) process.stderr.write(`${LOG_PREFIX} "${transaction.name}" was refused with 429; sent again ${resent} time(s) with backoff\n`);
        redactRequest(transaction, redactor);
        normaliseCharset(transaction);
      },
      (transaction, message) => recordProblem(transaction, safe(message)),
    ),
  );

  hooks.afterEach(
    transactionHook(
      async (transaction) => {
        redactRequest(transaction, redactor);
        try {
          if (transaction.real !== undefined) {
            for (const problem of [quotaRefusal(transaction), noContentProblem(transaction), schemaProblem(transaction)]) {
              if (problem !== undefined) recordProblem(transaction, safe(problem));
            }
          }
        } finally {
          try {
            // Whatever came before, also without a response or after a failed preparation: settle gives back what it held.
            if (!transaction.skip) await planFor(transaction).settle?.(transaction, fixtures);
          } finally {
            applyProblems(transaction);
          }
        }
      },
      (transaction, message) => {
        recordProblem(transaction, safe(message));
        applyProblems(transaction);
      },
    ),
  );

  hooks.afterAll(
    allTransactionsHook(
      () => cleanup.run(),
      (_transactions, message) => process.stderr.write(`${LOG_PREFIX} cleanup failed: ${safe(message)}\n`),
    ),
  );

  cleanUpOnInterruption(
    () => cleanup.run(),
    () => cleanup.finished,
  );
  announce(HOOKS_LOADED_EVENT);
}

function planFor(transaction: DreddTransaction): TransactionPlan {
  // Resource names are unique across the spec's groups, so "<resource> > <action>" names one action.
  const { resourceGroupName, resourceName, actionName } = transaction.origin;
  const key = `${resourceName} > ${actionName}`;
  // The plan of the action the spec documents under this name in this group (the same name may not exist elsewhere).
  const documented = CONTRACT.actions.some((action) => action.name === key && action.group === resourceGroupName);
  const plan = documented && Object.hasOwn(PLANS, key) ? PLANS[key as keyof typeof PLANS] : undefined;
  if (plan === undefined) {
    throw new Error(`no plan in hooks/plans for "${transaction.name}": every transaction of the spec needs one, or it would run against example ids`);
  }
  return plan;
}

function failAll(transactions: DreddTransaction[], message: string): void {
  for (const transaction of transactions) failBeforeRequest(transaction, message);
}

// Fixtures are created through APIFY_API_BASE_URL; Dredd must test that same server.
function endpointProblems(endpoint: string, baseUrl: string): string[] {
  const normalise = (url: string) => url.replace(/\/+$/, '');
  if (normalise(endpoint) === normalise(baseUrl)) return [];
  return [`Dredd tests ${endpoint}, but APIFY_API_BASE_URL is ${baseUrl}; the fixtures would be created on another server`];
}

/** Cleanup that reports what it did and tells the Dredd runner; skipped when nothing reached the target. */
function cleanupOnce(fixtures: HookFixtures, redactor: Redactor, needed: () => boolean): { run(): Promise<void>; readonly finished: boolean } {
  let finished = false;
  return {
    get finished() {
      return finished;
    },
    async run() {
      const report: CleanupReport = needed() ? await fixtures.cleanup() : { aborted: [], deleted: [], failures: [] };
      finished = true;
      const safeReport = redactor.value(report);
      process.stderr.write(`${LOG_PREFIX} cleanup: aborted ${safeReport.aborted.length} job(s), deleted ${safeReport.deleted.length} resource(s)\n`);
      for (const failure of safeReport.failures) process.stderr.write(`${LOG_PREFIX} cleanup incomplete: ${failure}\n`);
      announce(CLEANUP_DONE_EVENT, safeReport);
    },
  };
}
