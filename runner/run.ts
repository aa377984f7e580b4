import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, type ConformanceConfig, configToEnvironment, type Environment, loadConfig, readEnvironment } from '../common/config.ts';
import { BUILD_LEDGER } from '../common/fixtures/cleanup.ts';
import { createConfiguredClient } from '../common/http.ts';
import { redactProcessOutput } from '../common/output-redaction.ts';
import { type Redactor, redactorForSecrets } from '../common/redact.ts';
import { readSpecContract, transactionNames } from '../common/spec-contract.ts';
import { compareToBaseline, readBaseline } from './baseline.ts';
import { computeCoverage } from './coverage.ts';
import { dreddCheckResults, transactionCheck } from './dredd/check-results.ts';
import { type DreddRunResult, runDredd } from './dredd/index.ts';
import { acceptedByItsCheck, analyseDrift } from './drift.ts';
import { exchangeOfTransaction, READ_ONLY_BLOCKED, type RecordedExchange, readExchangeLogs } from './exchanges/exchange.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import { attachExchanges } from './failure-exchanges.ts';
import { featureScores } from './feature-scores.ts';
import { matchDrift } from './known-drift.ts';
import { buildMatrix } from './matrix.ts';
import { decideOutcome } from './outcome.ts';
import { loadProfile, type Profile } from './profiles.ts';
import { Progress } from './progress.ts';
import { driftLines } from './reports/drift-lines.ts';
import { githubAnnotations, githubStepSummary } from './reports/github.ts';
import { renderHar } from './reports/har.ts';
import { buildSummary, type Summary } from './reports/summary.ts';
import { writeReports } from './reports/write.ts';
import { applyExpectations, type CheckResult, cleanupFailed, gradeByFeature, isFailing } from './results.ts';
import { runIdentity } from './run-identity.ts';
import { type DreddPlan, dreddSelection, suiteFolders, unknownSelectionEntries } from './selection.ts';
import { STALE_AFTER_MS, sweepLeftovers, sweepThisRun } from './sweep.ts';
import { openTarget, type Target } from './target.ts';
import { waitObservations } from './timing.ts';
import { runSuites, type SuitesRunResult } from './vitest/run-suites.ts';

export interface ConformanceRunOptions {
  /** Settings from the command line; they win over the environment and .env. */
  overrides: Environment;
  reportsDir: string;
  print: (line: string) => void;
  /** Aborted on SIGINT/SIGTERM: the run stops, removes what it created and reports what it has. */
  signal: AbortSignal;
  /** An earlier run's summary.json: the summary says what is newly failing, newly passing and newly drifting. */
  baseline?: string;
  /** Also write every exchange of the run to <reportsDir>/exchanges.har. */
  har?: boolean;
  /** Set on GitHub Actions: annotate each failure, and append the verdict to the step summary file when there is one. */
  github?: { stepSummaryFile: string | undefined };
}

/** Everything a run needs once its configuration is resolved. */
interface Session {
  config: ConformanceConfig;
  profile: Profile;
  target: Target;
  redactor: Redactor;
  childEnv: Record<string, string>;
}

/**
 * Resolves the profile and the target, and validates the configuration (ConfigError / TargetError on a bad one). The
 * profile's `requires` is checked for a run only: `--sweep` runs no check, and needs no more than the main token.
 */
export async function openSession(overrides: Environment, purpose: 'run' | 'sweep' = 'run'): Promise<Session> {
  const given = { ...readEnvironment(), ...overrides };
  const profile = loadProfile(given.CONFORMANCE_PROFILE?.trim() || (given.APIFY_API_BASE_URL?.trim() ? 'generic' : 'emulator'));
  // The features the target implements: the profile's, unless CONFORMANCE_FEATURES says otherwise.
  const env = { ...given, CONFORMANCE_FEATURES: given.CONFORMANCE_FEATURES?.trim() || profile.features?.join(',') };
  const target = await openTarget(env, profile);
  try {
    const config = loadConfig({ ...env, ...target.env });
    if (purpose === 'run') checkRequirements(profile, config);
    const redactor = redactorForSecrets(config);
    redactProcessOutput(redactor);
    await target.checkReachable(config);
    return { config, profile, target, redactor, childEnv: configToEnvironment(config) };
  } catch (error) {
    await target.close();
    throw error;
  }
}

/** A profile's `requires` the run cannot meet: the checks that need it could not run, so there is no verdict. */
function checkRequirements(profile: Profile, config: ConformanceConfig): void {
  if (profile.requires.includes('second-user') && config.token2 === undefined) {
    throw new ConfigError('APIFY_TOKEN_2', `set: profile ${profile.name} requires a second user`, 'it is not set');
  }
}

/** The whole gate: Dredd and the suites side by side against one target, then the reports. */
export async function runConformance(options: ConformanceRunOptions): Promise<{ summary: Summary; exitCode: ExitCode }> {
  const startedAt = new Date();
  const contract = readSpecContract();
  // Read first: a wrong file ends the run before it touches the target.
  const baseline = options.baseline === undefined ? undefined : readBaseline(options.baseline);
  const session = await openSession(options.overrides);
  const { config, profile, target, redactor } = session;
  let sweptAtEnd = false;
  const print = options.print;
  const api = createConfiguredClient(config);
  const exchangeDir = await mkdtemp(path.join(tmpdir(), 'conformance-exchanges-'));
  // Where the run's processes share built actors and note the builds they start (common/fixtures/shared-actors.ts).
  const fixtureDir = await mkdtemp(path.join(tmpdir(), 'conformance-fixtures-'));
  const childEnv = { ...session.childEnv, CONFORMANCE_FIXTURE_DIR: fixtureDir };
  try {
    print(
      `Target ${redactor.url(config.baseUrl)} (${target.kind}, profile ${profile.name}); wait cap ${config.maxWaitSecs} s, run-sync cap ${config.runSyncMaxWaitSecs} s, rate limit ${config.rateLimitRps}/s; run id ${config.runId}`,
    );
    // Read-only mode changes nothing on the target, not even the leftovers of earlier runs.
    if (!config.readOnly) {
      const swept = await sweepLeftovers(api, config, new Date(Date.now() - STALE_AFTER_MS));
      if (swept.deleted.length > 0) print(`Removed ${swept.deleted.length} leftover(s) of earlier runs`);
    }

    const progress = new Progress(print, profile.expectations);
    const dreddPlan = dreddSelection(config, contract);
    const dreddRuns = dreddPlan.files.length > 0;
    if (dreddRuns) progress.plan('transactions', dreddPlan.transactions.length);
    const [dredd, suites] = await Promise.all([
      dreddRuns ? runDreddLayer(config, childEnv, dreddPlan, progress, options.signal) : Promise.resolve(undefined),
      runSuites({ env: childEnv, redact: redactor.text, progress, exchangeDir, signal: options.signal, folders: suiteFolders(config.select, contract) }),
    ]);

    const exchanges = [...(dredd?.transactions.map(exchangeOfTransaction).filter((e) => e !== undefined) ?? []), ...(await readExchangeLogs(exchangeDir))];
    // What Dredd did not run is skipped for the selection: the transactions the hooks had it skip, and those of the
    // files it was not given.
    const unselected = transactionNames(contract).filter((name) => !dreddPlan.selected.includes(name));
    const skipped = (result: Omit<CheckResult, 'status' | 'message'>): CheckResult => ({
      ...result,
      status: 'skipped',
      message: dreddPlan.outwaited[result.id] ?? dreddPlan.reason,
    });
    const dreddResults = [
      ...(dredd ? dreddCheckResults({ ...dredd, specTransactions: dredd.specTransactions ?? dreddPlan.transactions }, contract) : []).map((result) =>
        unselected.includes(result.id) ? skipped(result) : result,
      ),
      ...unselected.filter((name) => !dreddPlan.transactions.includes(name)).map((name) => skipped({ ...transactionCheck(name, contract), durationMs: 0 })),
    ];
    // Whatever the checks' own clean-up missed carries this run's id in its name; what even the sweep cannot remove fails the run.
    const leftovers = config.readOnly ? [] : ((await sweepThisRun(api, config).catch(() => undefined))?.failures ?? []);
    sweptAtEnd = true;
    const swept = leftovers.length === 0 ? [] : [cleanupFailed({ id: 'the end-of-run sweep', layer: 'runner', family: 'clean-up' }, leftovers)];
    const graded = gradeByFeature([...dreddResults, ...suites.results, ...swept], config.features);
    const checks = attachExchanges(applyExpectations(graded, profile.expectations), exchanges);
    const drift = matchDrift(analyseDrift(exchanges, contract, { accepted: acceptedByItsCheck(checks) }), profile.drift);
    const brokenReasons = brokenReasonsOf({ dreddPlan, config, profile, dredd, suites, checks, exchanges, aborted: options.signal.aborted });
    // What outwaits the run-sync cap and was left off (common/outwaits.ts) is excused with that reason, as `uncovered` is.
    const outwaited = Object.entries(dreddPlan.outwaited).map(([id, reason]) => ({ id, reason }));
    const coverage = computeCoverage(
      gradeByFeature(dreddResults, config.features),
      [...profile.uncovered, ...outwaited.filter((o) => !profile.uncovered.some((u) => u.id === o.id))],
      dreddPlan.reason ? { applied: false, reason: dreddPlan.reason } : undefined,
    );
    const { outcome, exitCode } = decideOutcome(brokenReasons, checks, coverage, { failOnSkip: config.failOnSkip });
    const summary = buildSummary({
      run: await runIdentity(config.runId),
      target: {
        kind: target.kind,
        baseUrl: redactor.url(config.baseUrl),
        profile: profile.name,
        maxWaitSecs: config.maxWaitSecs,
        runSyncMaxWaitSecs: config.runSyncMaxWaitSecs,
        maxConcurrentBuilds: config.maxConcurrentBuilds ?? null,
        rateLimitRps: config.rateLimitRps,
        features: config.features ?? null,
      },
      selection: { select: config.select, readOnly: config.readOnly, dredd: dreddRuns },
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      outcome,
      exitCode,
      brokenReasons,
      coverage,
      features: featureScores(checks, config.features),
      matrix: buildMatrix(contract, checks, exchanges),
      drift,
      waits: waitObservations(exchanges),
      knownDrift: profile.drift,
      notes: profile.notes,
      workload: await countBuilds(fixtureDir),
      baseline: baseline === undefined ? null : compareToBaseline(checks, drift.findings, baseline),
      checks,
    });
    if (dredd?.outcome === 'broken') printTail("Dredd's output (last lines)", dredd.output, print);
    const files = await writeReports(options.reportsDir, summary, redactor);
    if (options.har) {
      const file = path.join(options.reportsDir, 'exchanges.har');
      const har = renderHar(exchanges, { baseUrl: summary.target.baseUrl, startedAt: summary.startedAt, suiteVersion: summary.run.suiteVersion });
      await writeFile(file, redactor.text(JSON.stringify(har, null, 1)));
      files.push(file);
    }
    printSummary(summary, files, print);
    if (options.github) {
      for (const line of githubAnnotations(summary)) print(redactor.text(line));
      const file = options.github.stepSummaryFile;
      if (file !== undefined) await appendFile(file, redactor.text(githubStepSummary(summary)));
    }
    return { summary, exitCode };
  } finally {
    // After an interruption or a crash the sweep above did not run.
    if (!config.readOnly && !sweptAtEnd) {
      const leftover = await sweepThisRun(api, config).catch(() => undefined);
      if (leftover && leftover.failures.length > 0) print(`Cleanup could not remove: ${leftover.failures.join('; ')}`);
    }
    await rm(exchangeDir, { recursive: true, force: true });
    await rm(fixtureDir, { recursive: true, force: true });
    await target.close();
  }
}

/** The builds every process of the run noted in the ledger (common/fixtures/cleanup.ts), and how many made fixtures. */
async function countBuilds(fixtureDir: string): Promise<Summary['workload']> {
  const ledger = await readFile(path.join(fixtureDir, BUILD_LEDGER), 'utf8').catch(() => '');
  const purposes = ledger.split('\n').flatMap((line) => line.split(' ').slice(1, 2));
  return { builds: purposes.length, fixtureBuilds: purposes.filter((purpose) => purpose === 'fixture').length };
}

function runDreddLayer(
  config: ConformanceConfig,
  env: Record<string, string>,
  plan: DreddPlan,
  progress: Progress,
  signal: AbortSignal,
): Promise<DreddRunResult> {
  const shortName = (name: string) => name.split(' > ').slice(2).join(' > ');
  return runDredd({
    baseUrl: config.baseUrl,
    env,
    specPaths: plan.files,
    selected: plan.selected,
    signal,
    onTransaction: (t) => progress.finish('transactions', shortName(t.name), t.status === 'pass' ? 'passed' : t.status === 'fail' ? 'failed' : 'skipped'),
  });
}

function brokenReasonsOf(run: {
  dreddPlan: DreddPlan;
  config: ConformanceConfig;
  profile: Profile;
  dredd: DreddRunResult | undefined;
  suites: SuitesRunResult;
  checks: CheckResult[];
  exchanges: RecordedExchange[];
  aborted: boolean;
}): string[] {
  const reasons: string[] = [];
  if (run.dredd?.outcome === 'broken') reasons.push(...run.dredd.brokenReasons.map((r) => `dredd: ${r}`));
  reasons.push(...run.suites.brokenReasons.map((r) => `suites: ${r}`));
  const compiled = run.dredd?.specTransactions;
  const expected = run.dreddPlan.transactions;
  if (compiled && compiled.join('\n') !== expected.join('\n')) {
    reasons.push(
      `runner: its reading of the spec (common/spec-contract.ts) names other transactions than Dredd compiled: ${symmetricDifference(compiled, expected).join(', ')}`,
    );
  }
  for (const [setting, entries] of [
    ['CONFORMANCE_SELECT', run.config.select],
    ['CONFORMANCE_EXCLUDE', run.config.exclude],
  ] as const) {
    const unknown = unknownSelectionEntries(entries, run.checks);
    if (unknown.length > 0) reasons.push(`${setting}: ${unknown.map((e) => `"${e}"`).join(', ')} match no check family, id or tag`);
  }
  // A profile entry no check answers to can never turn into an unexpected pass: the list would rot unnoticed.
  const ids = new Set(run.checks.map((c) => c.id));
  const stale = [...run.profile.expectations, ...run.profile.uncovered].filter((e) => !ids.has(e.id)).map((e) => `"${e.id}"`);
  if (stale.length > 0) reasons.push(`profile ${run.profile.name}: lists ${stale.join(', ')}, which no check has as its id`);
  const blocked = [
    ...new Set(
      run.exchanges
        .filter((e) => e.error?.startsWith(READ_ONLY_BLOCKED))
        .map((e) => `${e.method} ${e.url.split('?')[0]} (${e.checkId ?? `set-up of ${e.source}`})`),
    ),
  ];
  if (blocked.length > 0) reasons.push(`read-only mode: the suites tried to change the target, and the runner refused: ${blocked.join('; ')}`);
  const errors = run.checks.filter((c) => c.status === 'error' && c.layer === 'vitest');
  if (errors.length > 0) reasons.push(`${errors.length} check(s) could not judge the target (status error): ${errors.map((c) => c.id).join(', ')}`);
  if (run.aborted) reasons.push('interrupted before the end (SIGINT/SIGTERM)');
  return reasons;
}

function symmetricDifference(a: string[], b: string[]): string[] {
  return [...a.filter((x) => !b.includes(x)).map((x) => `+${x}`), ...b.filter((x) => !a.includes(x)).map((x) => `-${x}`)];
}

/** `--sweep`: remove every prefixed leftover of earlier runs, whatever its age. */
export async function sweepOnly(overrides: Environment, print: (line: string) => void): Promise<ExitCode> {
  const { config, target, redactor } = await openSession(overrides, 'sweep');
  try {
    const report = await sweepLeftovers(createConfiguredClient(config), config);
    print(
      `Swept ${redactor.url(config.baseUrl)} for actors named ${config.resourcePrefix}*: removed ${report.deleted.length} actor(s) and version(s), aborted ${report.aborted.length} job(s)`,
    );
    for (const item of report.deleted) print(`  removed ${item}`);
    for (const failure of report.failures) print(`  could not remove: ${failure}`);
    return report.failures.length > 0 ? EXIT.failed : EXIT.passed;
  } finally {
    await target.close();
  }
}

function printTail(title: string, output: string, print: (line: string) => void): void {
  const lines = output.trimEnd().split('\n').slice(-25);
  print(`\n${title}:`);
  for (const line of lines) print(`  ${line}`);
}

function printSummary(summary: Summary, files: string[], print: (line: string) => void): void {
  const t = summary.totals;
  const c = summary.coverage;
  print('');
  for (const check of summary.checks.filter((x) => isFailing(x.status)))
    print(`${check.status.toUpperCase()} ${check.id}\n  ${check.message.split('\n').join('\n  ')}`);
  for (const reason of summary.brokenReasons) print(`BROKEN ${reason}`);
  // After a break, what was not exercised follows from it and would only bury the reason.
  if (summary.outcome !== 'broken') for (const id of c.unexercised) print(`NOT EXERCISED ${id}`);
  const gate = c.gate.applied ? '' : ` (not a gate in this run: ${c.gate.reason})`;
  const notSupported = c.notSupported > 0 ? `; ${c.notSupported} responses of features the target does not implement are not counted` : '';
  print(
    `Coverage: ${c.actions.passed}/${c.actions.documented} actions, ${c.responses.passed}/${c.responses.documented} responses exercised and passed${gate}${notSupported}`,
  );
  const implemented = summary.features.filter((f) => f.implemented);
  if (summary.target.features !== null) {
    const scores = implemented.map((f) => `${f.feature} ${f.score.passed}/${f.score.judged}`).join(', ');
    print(`Features: graded on ${implemented.length} of ${summary.features.length} (${scores}); the rest are not supported by this target`);
  }
  for (const line of driftLines(summary.drift)) print(line);
  print(
    `Checks: ${t.passed} passed, ${t.failed} failed, ${t.inconclusive} inconclusive, ${t.skipped} skipped, ${t['not-supported']} not supported, ${t['expected-failure']} expected failures, ${t['unexpected-pass']} unexpected passes, ${t.error} errors (${(summary.durationMs / 1000).toFixed(1)} s)`,
  );
  if (summary.baseline !== null) {
    const b = summary.baseline;
    print(
      `Since run ${b.baseline.runId} (${b.baseline.startedAt}): ${b.newlyFailing.length} newly failing, ${b.newlyPassing.length} newly passing, ${b.newDrift.length} new drift finding(s)`,
    );
    for (const id of b.newlyFailing) print(`  newly failing: ${id}`);
  }
  const { builds, fixtureBuilds } = summary.workload;
  print(`Workload: ${builds} build(s) started on the target, ${fixtureBuilds} of them for the run's shared fixture actors`);
  print(`Reports: ${files.join(', ')}`);
  print(`Outcome: ${summary.outcome} (exit ${summary.exitCode})`);
}
