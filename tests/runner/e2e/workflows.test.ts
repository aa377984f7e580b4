import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../common/config.ts';
import { PROJECT_ROOT } from './support/cli-process.ts';

// .github/workflows/ must be valid YAML that GitHub's runner accepts: a trigger, jobs with a runner and steps, each
// step either an action or a command, and the commands README.md promises ("Reading the reports"). js-yaml comes with
// Dredd (YAML 1.2, where `on` stays a string key, as GitHub reads it).
const { safeLoad } = createRequire(import.meta.url)('js-yaml') as { safeLoad(text: string, options?: { filename?: string }): unknown };

interface Step {
  name?: string;
  id?: string;
  if?: string;
  'timeout-minutes'?: number;
  'continue-on-error'?: boolean;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

interface Job {
  'runs-on': unknown;
  'timeout-minutes'?: number;
  env?: Record<string, string>;
  steps: Step[];
}

interface Workflow {
  name: unknown;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const WORKFLOWS = ['ci.yml', 'nightly.yml'];
/** A GitHub expression as a workflow writes it: `${{ <inner> }}`. */
const expression = (inner: string) => `\${{ ${inner} }}`;
const SCRIPTS = Object.keys((JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

function load(file: string): { text: string; workflow: Workflow } {
  const text = readFileSync(path.join(PROJECT_ROOT, '.github/workflows', file), 'utf8');
  return { text, workflow: safeLoad(text, { filename: file }) as Workflow };
}

function steps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap((job) => job.steps);
}

/** The step that runs a command matching `command`; fails naming the command when there is none. */
function stepRunning(workflow: Workflow, command: RegExp): Step {
  const step = steps(workflow).find((s) => s.run !== undefined && command.test(s.run));
  if (!step) throw new Error(`no step runs ${command}`);
  return step;
}

function stepUsing(workflow: Workflow, action: string): Step {
  const step = steps(workflow).find((s) => s.uses?.startsWith(`${action}@`));
  if (!step) throw new Error(`no step uses ${action}`);
  return step;
}

/** An `if:` that keeps a step running after an earlier step failed. */
const RUNS_AFTER_FAILURE = /always\(\)|!\s*cancelled\(\)|failure\(\)/;

describe.each(WORKFLOWS)('.github/workflows/%s', (file) => {
  it('parses as YAML into a workflow a runner accepts: a trigger, and jobs with runs-on and steps', () => {
    const { text, workflow } = load(file);
    expect(typeof workflow.name).toBe('string');
    expect(Object.keys(workflow.on ?? {}).length).toBeGreaterThan(0);
    expect(Object.keys(workflow.jobs ?? {}).length).toBeGreaterThan(0);
    for (const [id, job] of Object.entries(workflow.jobs)) {
      expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
      expect(typeof job['runs-on'], `${id}: runs-on`).toBe('string');
      expect(Array.isArray(job.steps) && job.steps.length > 0, `${id}: steps`).toBe(true);
      for (const step of job.steps) {
        // Exactly one of uses and run.
        expect((step.uses === undefined) !== (step.run === undefined), `${id}: ${JSON.stringify(step)}`).toBe(true);
        if (step.uses !== undefined) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@[\w.-]+$/);
      }
    }
    // Every expression is closed.
    expect(text.split('${{').length).toBe(text.split('}}').length);
  });

  it('checks out, installs Node 20 with the npm cache, installs from the lockfile, and runs only scripts that exist', () => {
    const { workflow } = load(file);
    const all = steps(workflow);
    const order = (step: Step) => all.indexOf(step);
    const checkout = stepUsing(workflow, 'actions/checkout');
    const node = stepUsing(workflow, 'actions/setup-node');
    expect(String(node.with?.['node-version'])).toBe('20');
    expect(node.with?.cache).toBe('npm');
    const install = stepRunning(workflow, /^npm ci\b/);
    expect(order(checkout)).toBeLessThan(order(node));
    expect(order(node)).toBeLessThan(order(install));
    for (const step of all.filter((s) => s.run !== undefined)) {
      for (const [, script] of step.run!.matchAll(/npm run ([\w:-]+)/g)) expect(SCRIPTS, step.run).toContain(script);
    }
  });

  it('uploads the reports the gate wrote, also when a step before failed', () => {
    const { workflow } = load(file);
    const gate = stepRunning(workflow, /^npm run conformance(?! -- --sweep)/);
    const reportsDir = /--reports (\S+)/.exec(gate.run!)?.[1] ?? 'reports';
    const upload = stepUsing(workflow, 'actions/upload-artifact');
    expect(upload.if).toMatch(RUNS_AFTER_FAILURE);
    expect(path.normalize(String(upload.with?.path))).toBe(path.normalize(`${reportsDir}/`));
    expect(steps(workflow).indexOf(upload)).toBeGreaterThan(steps(workflow).indexOf(gate));
  });
});

describe('ci.yml', () => {
  it('runs on every push and pull request: npm test, then the gate against the embedded emulator', () => {
    const { workflow } = load('ci.yml');
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    const test = stepRunning(workflow, /^npm test$/);
    const gate = stepRunning(workflow, /^npm run conformance\b/);
    expect(steps(workflow).indexOf(test)).toBeLessThan(steps(workflow).indexOf(gate));
    // No target named anywhere: the gate starts the embedded emulator.
    const env = { ...Object.values(workflow.jobs)[0]!.env, ...gate.env };
    expect(env.APIFY_API_BASE_URL).toBeUndefined();
  });
});

describe('nightly.yml', () => {
  it('runs every day on a schedule and by hand', () => {
    const { workflow } = load('nightly.yml');
    const schedule = workflow.on.schedule as Array<{ cron: string }>;
    expect(schedule).toHaveLength(1);
    const fields = schedule[0]!.cron.trim().split(/\s+/);
    // minute hour * * *: once a day.
    expect(fields).toHaveLength(5);
    expect(fields[0]).toMatch(/^\d{1,2}$/);
    expect(fields[1]).toMatch(/^\d{1,2}$/);
    expect(fields.slice(2)).toEqual(['*', '*', '*']);
    expect(Object.keys(workflow.on)).toContain('workflow_dispatch');
  });

  it('judges the live API with the live profile and the token from the secrets, then always sweeps', () => {
    const { workflow } = load('nightly.yml');
    const job = Object.values(workflow.jobs)[0]!;
    const gate = stepRunning(workflow, /^npm run conformance(?! -- --sweep)/);
    const env = { ...job.env, ...gate.env };
    expect(env.APIFY_API_BASE_URL).toBe('https://api.apify.com');
    expect(env.APIFY_TOKEN).toMatch(/^\$\{\{\s*secrets\.APIFY_TOKEN\s*\}\}$/);
    expect(env.CONFORMANCE_PROFILE).toBe('apify-live');
    const sweep = stepRunning(workflow, /^npm run conformance -- --sweep$/);
    expect(sweep.if).toMatch(/always\(\)/);
    expect(steps(workflow).indexOf(sweep)).toBeGreaterThan(steps(workflow).indexOf(gate));
    // The sweep needs the same target and token as the run.
    expect({ ...job.env, ...sweep.env }).toMatchObject({ APIFY_API_BASE_URL: 'https://api.apify.com', APIFY_TOKEN: env.APIFY_TOKEN });
  });

  it('gives the secrets only to the steps that talk to the API: not to the workflow, the job, the checkout or the install', () => {
    const { text, workflow } = load('nightly.yml');
    const job = Object.values(workflow.jobs)[0]!;
    const secret = /\$\{\{\s*secrets\./;
    const holds = (env: Record<string, string> | undefined) => Object.values(env ?? {}).some((value) => secret.test(String(value)));
    expect(holds(workflow.env), 'workflow env').toBe(false);
    expect(holds(job.env), 'job env').toBe(false);
    const holders = job.steps.filter((step) => holds(step.env) || secret.test(JSON.stringify(step.with ?? {})) || secret.test(step.run ?? ''));
    expect(holders.map((step) => step.run)).toEqual([
      `npm run conformance -- --reports reports/nightly ${expression('steps.baseline.outputs.args')}`,
      'npm run conformance -- --sweep',
    ]);
    // Every secret in the file is in one of those steps' env (none in a `with:` or a command line).
    const inStepEnvs = holders.flatMap((step) => Object.values(step.env ?? {})).filter((value) => secret.test(String(value))).length;
    expect(text.match(/\$\{\{\s*secrets\./g)).toHaveLength(inStepEnvs);
    // The sweep runs no check, so it needs the main user's token only.
    expect(Object.keys(stepRunning(workflow, /--sweep$/).env ?? {})).toEqual(['APIFY_TOKEN']);
    // The checkout leaves no GitHub token in .git/config for later steps (npm ci runs packages' scripts).
    expect(stepUsing(workflow, 'actions/checkout').with?.['persist-credentials']).toBe(false);
  });

  it("compares the night with the previous night's summary when there is one, fetched with the workflow's own token", () => {
    const { workflow } = load('nightly.yml');
    const fetch = steps(workflow).find((step) => step.id === 'baseline');
    expect(fetch?.run).toMatch(/gh run download "\$previous".*--name "conformance-reports-live-\$previous"/);
    expect(fetch?.run).toContain('args=--baseline reports/previous/summary.json');
    expect(fetch?.env).toEqual({ GH_TOKEN: expression('github.token') });
    // A night without a predecessor is no failure: the gate then runs without a baseline.
    expect(fetch?.['continue-on-error']).toBe(true);
    expect(workflow.permissions).toMatchObject({ contents: 'read', actions: 'read' });
    const gate = stepRunning(workflow, /^npm run conformance(?! -- --sweep)/);
    expect(steps(workflow).indexOf(fetch!)).toBeLessThan(steps(workflow).indexOf(gate));
    expect(gate.run).toContain(expression('steps.baseline.outputs.args'));
  });

  it("stops the gate in time for the sweep and the upload to run within the job's timeout", () => {
    const { workflow } = load('nightly.yml');
    const job = Object.values(workflow.jobs)[0]!;
    const gate = stepRunning(workflow, /^npm run conformance(?! -- --sweep)/);
    const sweep = stepRunning(workflow, /--sweep$/);
    const upload = stepUsing(workflow, 'actions/upload-artifact');
    const limits = [job, gate, sweep, upload].map((holder) => holder['timeout-minutes']);
    for (const limit of limits) expect(Number.isInteger(limit) && limit! > 0, String(limit)).toBe(true);
    const [jobLimit, gateLimit, sweepLimit, uploadLimit] = limits as number[];
    // Checkout, Node and npm ci take a few minutes; at least 5 are left to them.
    expect(gateLimit! + sweepLimit! + uploadLimit! + 5).toBeLessThanOrEqual(jobLimit!);
    expect(upload.if).toMatch(/^\$\{\{\s*always\(\)\s*\}\}$/);
  });

  it("names what the run creates with a prefix of its own, holding the GitHub run id, so the sweep removes only this run's", () => {
    const { workflow } = load('nightly.yml');
    const prefix = Object.values(workflow.jobs)[0]!.env?.CONFORMANCE_RESOURCE_PREFIX ?? '';
    expect(prefix).toMatch(/\$\{\{\s*github\.run_id\s*\}\}/);
    expect(prefix).not.toMatch(/^conformance-/);
    // Whatever run id GitHub hands out (now 11 digits; 13 for margin), the prefix is one the configuration accepts,
    // and two runs' prefixes are not prefixes of each other.
    const withRunId = (id: string) => prefix.replace(/\$\{\{\s*github\.run_id\s*\}\}/, id);
    for (const id of ['18234567890', '9234567890123']) {
      const config = loadConfig({ APIFY_API_BASE_URL: 'https://api.apify.com', APIFY_TOKEN: 'x', CONFORMANCE_RESOURCE_PREFIX: withRunId(id) });
      expect(config.resourcePrefix).toBe(withRunId(id));
    }
    expect(withRunId('1234').startsWith(withRunId('123'))).toBe(false);
  });
});
