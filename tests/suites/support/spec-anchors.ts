import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The anchor of a Markdown or API Blueprint heading: its text without the `[...]` URI part, in kebab-case. */
export function slugOf(heading: string): string {
  return heading
    .replace(/\s*\[[^\]]*\]\s*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Whether a link like `spec/00-overview.apib#pagination` names a file in the project and a heading in it. */
export function resolves(link: string): boolean {
  const [file, anchor] = link.split('#');
  let text: string;
  try {
    text = readFileSync(`${ROOT}${file}`, 'utf8');
  } catch {
    return false;
  }
  if (anchor === undefined) return true;
  return text.split('\n').some((line) => /^#{1,4} /.test(line) && slugOf(line.replace(/^#+ (Group )?/, '')) === anchor);
}
