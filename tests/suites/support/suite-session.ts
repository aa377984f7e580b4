import { fileURLToPath } from 'node:url';
import { createVitest, type TestCase, type TestModule, type Vitest } from 'vitest/node';
import type { CheckMeta } from '../../../common/check.ts';
import { setEnvironment } from '../../support/environment.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SUITES_CONFIG = fileURLToPath(new URL('../../../suites/vitest.config.ts', import.meta.url));

export interface SuiteRun {
  checks: CheckOutcome[];
  /** Errors outside any check: a file that failed to load, a clean-up that left resources behind. */
  fileErrors: string[];
}

export interface CheckOutcome {
  id: string;
  /** What check() registered; undefined for a test registered without it. */
  meta: CheckMeta | undefined;
  /** The suite file, relative to the project root. */
  file: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  /** The failure messages, or the skip reason. */
  message: string;
  durationMs: number;
}

/**
 * The product's suites (suites/vitest.config.ts) in this process, against the target `env` names, run as often as a
 * test needs: all of them, or some checks by id (only their files run, with a name filter).
 */
export interface SuiteSession {
  /** Every check of the suites, by id, with its file (collected, not run). */
  catalogue(): Promise<Map<string, string>>;
  run(ids?: readonly string[]): Promise<SuiteRun>;
  close(): Promise<void>;
}

export async function openSuiteSession(env: Record<string, string>): Promise<SuiteSession> {
  // The suites' config file reads the configuration of this process when it loads; the workers get `env` as well.
  const restoreEnvironment = setEnvironment(env);
  const vitest: Vitest = await createVitest('test', { config: SUITES_CONFIG, root: ROOT, watch: false, reporters: [{}], env });
  await vitest.standalone();
  let files: Map<string, string> | undefined;

  const catalogue = async () => {
    files ??= new Map(outcomesOf((await vitest.collect()).testModules).map((outcome) => [outcome.id, outcome.file]));
    return files;
  };

  return {
    catalogue,
    async run(ids) {
      if (ids === undefined) return runOf((await vitest.runTestSpecifications(await vitest.globTestSpecifications())).testModules);
      const known = await catalogue();
      const byFile = new Map<string, string[]>();
      for (const id of ids) {
        const file = known.get(id);
        if (file === undefined) throw new Error(`no check ${id} in the suites`);
        byFile.set(file, [...(byFile.get(file) ?? []), id]);
      }
      const project = vitest.getRootProject();
      const specifications = [...byFile].map(([file, fileIds]) =>
        project.createSpecification(`${ROOT}${file}`, { testNamePattern: new RegExp(`^(?:${fileIds.map(escapeRegExp).join('|')}): `) }),
      );
      const run = runOf((await vitest.runTestSpecifications(specifications)).testModules);
      return { ...run, checks: run.checks.filter((outcome) => ids.includes(outcome.id)) };
    },
    close: async () => {
      await vitest.close();
      restoreEnvironment();
    },
  };
}

function runOf(modules: readonly TestModule[]): SuiteRun {
  return {
    checks: outcomesOf(modules),
    fileErrors: modules.flatMap((module) => module.errors().map((error) => `${module.relativeModuleId}: ${error.message}`)),
  };
}

function outcomesOf(modules: readonly TestModule[]): CheckOutcome[] {
  return modules.flatMap((module) => [...module.children.allTests()].map((test) => outcomeOf(test, module)));
}

function outcomeOf(test: TestCase, module: TestModule): CheckOutcome {
  const result = test.result();
  const meta = test.meta();
  const errors = [...(result.errors ?? []), ...module.errors()].map((error) => error.message);
  const message = result.state === 'skipped' ? (meta.skipReason ?? result.note ?? '') : errors.join('\n');
  return {
    id: meta.check?.id ?? test.fullName,
    meta: meta.check,
    file: module.relativeModuleId,
    state: result.state,
    message,
    durationMs: Math.round(test.diagnostic()?.duration ?? 0),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
