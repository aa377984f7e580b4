import { configToEnvironment, loadConfig, readEnvironment, type ConformanceConfig, type Environment } from '../common/config.ts';
import { createConfiguredClient } from '../common/http.ts';
import { redactProcessOutput } from '../common/output-redaction.ts';
import { redactorForTokens, type Redactor } from '../common/redact.ts';
import { computeCoverage } from './coverage.ts';
import { dreddCheckResults } from './dredd/check-results.ts';
import { runDredd } from './dredd/index.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import { loadProfile, type Profile } from './profiles.ts';
import { writeReports } from './reports/write.ts';
import { buildSummary, type Summary } from './reports/summary.ts';
import { applyExpectations, isFailing, type CheckResult } from './results.ts';
import { STALE_AFTER_MS, sweepLeftovers, sweepThisRun } from './sweep.ts';
import { openTarget, type Target } from './target.ts';
import { runSuites } from './vitest/run-suites.ts';

export interface RunOptions {
  /** Settings from the command line; they win over the environment and .env. */
  overrides: Environment;
  reportsDir: string;
  print: (line: string) => void;
  /** Aborted on SIGINT/SIGTERM: the run stops, removes what it created and reports what it has. */
  signal: AbortSignal;
}

/** Everything a run needs once its configuration is resolved. */
interface Session {
  config: ConformanceConfig;
  profile: Profile;
  target: Target;
  redactor: Redactor;
  childEnv: Record<string, string>;
}

/** Resolves the profile and the target, and validates the configuration (ConfigError / TargetError on a bad one). */
export async function openSession(overrides: Environment): Promise<Session> {
  const env = { ...readEnvironment(), ...overrides };
  const profile = loadProfile(env.CONFORMANCE_PROFILE?.trim() || (env.APIFY_API_BASE_URL?.trim() ? 'generic' : 'emulator'));
  const target = await openTarget(env, profile);
  try {
    const config = loadConfig({ ...env, ...target.env });
    const redactor = redactorForTokens(config);
    redactProcessOutput(redactor);
    return { config, profile, target, redactor, childEnv: configToEnvironment(config) };
  } catch (error) {
    await target.close();
    throw error;
  }
}

/** The whole gate: Dredd and the suites side by side against one target, then the reports. */
export async function runConformance(options: RunOptions): Promise<{ summary: Summary; exitCode: ExitCode }> {
  const startedAt = new Date();
  const session = await openSession(options.overrides);
  const { config, profile, target, redactor, childEnv } = session;
  const print = options.print;
  const api = createConfiguredClient(config);
  try {
    print(`Target ${redactor.url(config.baseUrl)} (${target.kind}, profile ${profile.name}); wait cap ${config.maxWaitSecs} s; run id ${config.runId}`);
    const swept = await sweepLeftovers(api, config, new Date(Date.now() - STALE_AFTER_MS));
    if (swept.deleted.length > 0) print(`Removed ${swept.deleted.length} leftover(s) of earlier runs`);

    const brokenReasons: string[] = [];
    const dreddLayer = config.readOnly
      ? Promise.resolve(undefined)
      : runDredd({
          baseUrl: config.baseUrl,
          env: childEnv,
          signal: options.signal,
          onTransaction: (t, n) => print(`  [dredd] transaction ${n}  ${t.status === 'pass' ? 'ok' : t.status.toUpperCase()} ${t.name}`),
        });
    const suitesLayer = runSuites({ env: childEnv, redact: redactor.text, print });
    const [dredd, suites] = await Promise.all([dreddLayer, suitesLayer]);

    const dreddResults = dredd ? dreddCheckResults(dredd) : [];
    if (dredd?.outcome === 'broken') brokenReasons.push(...dredd.brokenReasons.map((r) => `dredd: ${r}`));
    brokenReasons.push(...suites.brokenReasons.map((r) => `suites: ${r}`));
    if (options.signal.aborted) brokenReasons.push('interrupted before the end');

    const checks: CheckResult[] = applyExpectations([...dreddResults, ...suites.results], profile.expectations);
    const coverage = computeCoverage(dreddResults, profile.uncovered);
    // Read-only mode runs no Dredd transaction by design, so it cannot be held to the coverage gate.
    const coverageGap = !config.readOnly && coverage.unexercised.length > 0;
    const failing = checks.some((c) => isFailing(c.status));
    const outcome = brokenReasons.length > 0 ? 'broken' : failing || coverageGap ? 'failed' : 'passed';
    const exitCode: ExitCode = outcome === 'broken' ? EXIT.broken : outcome === 'failed' ? EXIT.failed : EXIT.passed;
    const summary = buildSummary({
      target: { kind: target.kind, baseUrl: redactor.url(config.baseUrl), profile: profile.name, maxWaitSecs: config.maxWaitSecs },
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      outcome,
      exitCode,
      brokenReasons,
      coverage,
      knownDrift: profile.drift,
      checks,
    });
    const files = await writeReports(options.reportsDir, summary, redactor);
    printSummary(summary, files, print);
    return { summary, exitCode };
  } finally {
    // Whatever the checks' own cleanup missed (an interruption, a crash) carries this run's id in its name.
    const leftover = await sweepThisRun(api, config).catch(() => undefined);
    if (leftover && leftover.failures.length > 0) print(`Cleanup could not remove: ${leftover.failures.join('; ')}`);
    await target.close();
  }
}

/** `--sweep`: remove every prefixed leftover of earlier runs, whatever its age. */
export async function sweepOnly(overrides: Environment, print: (line: string) => void): Promise<ExitCode> {
  const { config, target } = await openSession(overrides);
  try {
    const report = await sweepLeftovers(createConfiguredClient(config), config);
    print(`Swept actors named ${config.resourcePrefix}*: removed ${report.deleted.length}, aborted ${report.aborted.length} job(s)`);
    for (const failure of report.failures) print(`  could not remove: ${failure}`);
    return report.failures.length > 0 ? EXIT.failed : EXIT.passed;
  } finally {
    await target.close();
  }
}

function printSummary(summary: Summary, files: string[], print: (line: string) => void): void {
  const t = summary.totals;
  const c = summary.coverage;
  print('');
  for (const check of summary.checks.filter((x) => isFailing(x.status))) print(`${check.status.toUpperCase()} ${check.id}\n  ${check.message.split('\n').join('\n  ')}`);
  for (const reason of summary.brokenReasons) print(`BROKEN ${reason}`);
  for (const id of c.unexercised) print(`NOT EXERCISED ${id}`);
  print(`Coverage: ${c.actions.passed}/${c.actions.documented} actions, ${c.responses.passed}/${c.responses.documented} responses exercised and passed`);
  print(`Checks: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped, ${t['expected-failure']} expected failures, ${t['unexpected-pass']} unexpected passes, ${t.error} errors (${(summary.durationMs / 1000).toFixed(1)} s)`);
  print(`Reports: ${files.join(', ')}`);
  print(`Outcome: ${summary.outcome} (exit ${summary.exitCode})`);
  // The plain closing line CI systems read.
  print(`${t.passed + t['expected-failure']} passed, ${t.failed + t['unexpected-pass'] + t.error} failed, ${t.skipped} skipped`);
}
