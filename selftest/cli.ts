import { writeFile, mkdir } from 'node:fs/promises';
import { FAULTS } from '../emulator/faults/catalogue.ts';
import { VARIATIONS } from '../emulator/variations/catalogue.ts';
import { buildMatrix, isCaught, type CaseOutcome } from './matrix.ts';
import { runCase } from './run-case.ts';

// `npm run selftest`: the gate against the clean emulator, each fault of the catalogue and each correct variation.
// Exit 0 only when the clean run and every variation pass and every fault is caught.
const REPORTS = 'reports/selftest';
const PARALLEL = Math.max(1, Number(process.env.SELFTEST_PARALLEL ?? 2));

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const cases: Array<{ spec: Pick<CaseOutcome, 'id' | 'kind' | 'family'>; env: Record<string, string> }> = [
    { spec: { id: 'clean', kind: 'clean' }, env: {} },
    ...VARIATIONS.map((v) => ({ spec: { id: v.id, kind: 'variation' as const }, env: { EMULATOR_VARIATIONS: v.id } })),
    ...FAULTS.map((f) => ({ spec: { id: f.id, kind: 'fault' as const, family: f.family }, env: { EMULATOR_FAULTS: f.id } })),
  ].filter((c) => only.length === 0 || only.includes(c.spec.id));
  await mkdir(REPORTS, { recursive: true });
  const started = Date.now();
  const outcomes: CaseOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const item = cases[next++]!;
      const outcome = await runCase(item.spec, item.env, REPORTS);
      outcomes.push(outcome);
      const verdict = outcome.kind === 'fault' ? (isCaught(outcome) ? 'caught' : 'NOT CAUGHT') : outcome.exitCode === 0 ? 'passed' : 'FAILED (false alarm)';
      const by = [...outcome.failedChecks.dredd, ...outcome.failedChecks.vitest];
      console.log(`[${outcomes.length}/${cases.length}] ${outcome.kind} ${outcome.id}: ${verdict} (exit ${outcome.exitCode}, ${(outcome.durationMs / 1000).toFixed(1)} s)${by.length ? ` by ${by.join(', ')}` : ''}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const matrix = buildMatrix(outcomes);
  const report = { startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, matrix, cases: outcomes };
  await writeFile(`${REPORTS}.json`, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nScore: ${matrix.caught}/${matrix.faults} faults caught (${(matrix.score * 100).toFixed(1)}%); Dredd alone ${matrix.byLayer.dreddAlone}, Vitest alone ${matrix.byLayer.vitestAlone}, both ${matrix.byLayer.both}`);
  for (const [family, counts] of Object.entries(matrix.byFamily)) console.log(`  ${family}: ${counts.caught}/${counts.faults} of its faults caught; its checks caught ${counts.catches} fault(s)`);
  if (matrix.uncaught.length) console.log(`Not caught: ${matrix.uncaught.join(', ')}`);
  if (matrix.falseAlarms.length) console.log(`False alarms (a correct implementation failed): ${matrix.falseAlarms.join(', ')}`);
  console.log(`Report: ${REPORTS}.json (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const complete = only.length > 0 || matrix.score === 1;
  return complete && matrix.falseAlarms.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
