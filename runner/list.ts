import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVitest } from 'vitest/node';
import type { CheckMeta } from '../common/check.ts';
import { readSpecContract, transactionNames } from '../common/spec-contract.ts';
import { transactionCheck } from './dredd/check-results.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SUITES_CONFIG = fileURLToPath(new URL('../suites/vitest.config.ts', import.meta.url));

/** One line of `--list`: what a check is, without running it. */
export interface ListedCheck {
  id: string;
  layer: 'dredd' | 'vitest';
  title: string;
  spec: string;
  features: string[];
  tags: string[];
  /** The suite file of a Vitest check, relative to the project. */
  file?: string;
}

/** Every check of the gate: one per documented response (Dredd), then the suites' checks as collected by Vitest. */
export async function listChecks(): Promise<ListedCheck[]> {
  const contract = readSpecContract();
  const transactions = transactionNames(contract).map((id): ListedCheck => {
    const { layer, title, spec, features, tags } = transactionCheck(id, contract);
    return { id, layer, title, spec, features, tags };
  });
  return [...transactions, ...(await suiteChecks())];
}

// Collecting imports each suite file (which registers its checks) and runs none; no target is contacted.
async function suiteChecks(): Promise<ListedCheck[]> {
  Object.assign(process.env, { APIFY_API_BASE_URL: process.env.APIFY_API_BASE_URL ?? 'http://127.0.0.1:9', APIFY_TOKEN: process.env.APIFY_TOKEN ?? 'listing' });
  const vitest = await createVitest('test', { config: SUITES_CONFIG, root: PROJECT_ROOT, watch: false, reporters: [] });
  try {
    const { testModules } = await vitest.collect();
    const checks: ListedCheck[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const meta = (test.meta() as { check?: CheckMeta }).check;
        const file = path.relative(PROJECT_ROOT, module.moduleId);
        if (meta) checks.push({ id: meta.id, layer: 'vitest', title: meta.title, spec: meta.spec, features: meta.features, tags: meta.tags, file });
      }
    }
    return checks.sort((a, b) => a.id.localeCompare(b.id));
  } finally {
    await vitest.close();
  }
}

/** The listing as text: one line per check, `id  [features]  tags`, then its rule and spec link indented. */
export function formatList(checks: ListedCheck[]): string[] {
  return checks.flatMap((c) => [`${c.id}  [${c.features.join(', ')}]  ${c.tags.join(' ')}`, `    ${c.title} (${c.spec})`]);
}
