import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Redactor } from '../../common/redact.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';
import type { Summary } from './summary.ts';

const SPEC_DIR = fileURLToPath(new URL('../../spec/', import.meta.url));

/**
 * Writes summary.json, junit.xml and report.html; every file passes the redactor once more before it is written. The
 * spec goes beside them, so the report's spec links work from a CI artifact too.
 */
export async function writeReports(dir: string, summary: Summary, redactor: Redactor): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  await cp(SPEC_DIR, path.join(dir, 'spec'), { recursive: true });
  const clean = redactor.value(summary);
  const files: Array<[string, string]> = [
    ['summary.json', `${JSON.stringify(clean, null, 2)}\n`],
    ['junit.xml', renderJunit(clean)],
    ['report.html', renderHtml(clean)],
  ];
  await Promise.all(files.map(([name, text]) => writeFile(path.join(dir, name), redactor.text(text))));
  return files.map(([name]) => path.join(dir, name));
}
