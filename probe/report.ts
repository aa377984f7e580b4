import type { FitLine } from './profile-fit.ts';

const SECTIONS: ReadonlyArray<{ kind: FitLine['kind']; title: string }> = [
  { kind: 'no-longer-fits', title: 'No longer fits' },
  { kind: 'fits', title: 'Fits' },
  { kind: 'cannot-judge', title: 'Cannot judge' },
  { kind: 'uncovered', title: 'Members the schemas do not declare (drift the open schemas accept; not a misfit)' },
];

/** The printed comparison: one section per kind of line, then the verdict. */
export function formatReport(heading: string, lines: FitLine[]): string {
  const out = [heading];
  for (const { kind, title } of SECTIONS) {
    const section = lines.filter((line) => line.kind === kind);
    if (section.length === 0) continue;
    out.push('', `${title} (${section.length}):`);
    for (const line of section) out.push(`  - ${line.subject}: ${line.detail.replace(/\n\s*/g, '\n      ')}`);
  }
  const misfits = lines.filter((line) => line.kind === 'no-longer-fits').length;
  out.push(
    '',
    misfits === 0 ? 'Everything the probe could judge fits the profile.' : `${misfits} ${misfits === 1 ? 'entry no longer fits' : 'entries no longer fit'}.`,
  );
  return `${out.join('\n')}\n`;
}
