import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { isFeature } from '../../common/features.ts';
import { type ListedCheck, listChecks } from '../../runner/list.ts';
import { resolves } from './support/spec-anchors.ts';

// Every check of the suites as the runner collects it (nothing runs): registered through check() in the folder of its
// family, with a unique id, a one-line rule, known features and a spec link that resolves. That the checks pass on a
// correct target is the gate's own verdict (npm run conformance, and the self-test's clean run).
const SUITES = fileURLToPath(new URL('../../suites/', import.meta.url));
const FAMILIES = readdirSync(SUITES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'support')
  .map((entry) => entry.name);

let checks: ListedCheck[];

beforeAll(async () => {
  checks = (await listChecks()).filter((check) => check.layer === 'vitest');
}, 60_000);

describe('the checks of the suites', () => {
  it('come from every family folder, each with at least one check', () => {
    expect(new Set(checks.map((check) => check.id.split('.')[0]))).toEqual(new Set(FAMILIES));
  });

  it('have unique ids, live in their family folder, and state one rule with its spec link and features', () => {
    const ids = checks.map((check) => check.id);
    expect(ids.length).toBe(new Set(ids).size);
    for (const { id, file, tags, title, spec, features } of checks) {
      const family = id.split('.')[0]!;
      expect(file?.split('/').slice(0, 2), id).toEqual(['suites', family]);
      expect(tags[0], id).toBe(family);
      expect(title, id).not.toMatch(/\n/);
      expect(resolves(spec), `${id} links ${spec}`).toBe(true);
      expect(features.length > 0 && features.every(isFeature), `${id} features ${features.join(', ')}`).toBe(true);
    }
  });
});
