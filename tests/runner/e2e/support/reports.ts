import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Summary } from '../../../../runner/reports/summary.ts';

export const REPORT_FILES = ['summary.json', 'junit.xml', 'report.html'] as const;

export interface Reports {
  summary: Summary;
  junit: string;
  html: string;
}

/** The three report files of a run; a missing one fails the caller with the file's name. */
export async function readReports(dir: string): Promise<Reports> {
  const [summary, junit, html] = await Promise.all(REPORT_FILES.map((file) => readFile(path.join(dir, file), 'utf8')));
  return { summary: JSON.parse(summary!) as Summary, junit: junit!, html: html! };
}

export interface JunitCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/** The counts junit.xml declares on <testsuites>, the sums over its <testsuite>s, and what its <testcase>s hold. */
export function junitCounts(junit: string): { declared: JunitCounts; suites: JunitCounts; cases: JunitCounts } {
  const attributes = (tag: string): JunitCounts => {
    const number = (name: string) => Number(new RegExp(`\\s${name}="(\\d+)"`).exec(tag)?.[1] ?? Number.NaN);
    return { tests: number('tests'), failures: number('failures'), errors: number('errors'), skipped: number('skipped') };
  };
  const root = /<testsuites\b[^>]*>/.exec(junit);
  if (!root) throw new Error(`junit.xml has no <testsuites> element:\n${junit.slice(0, 500)}`);
  const suites = [...junit.matchAll(/<testsuite\b[^>]*>/g)].map((m) => attributes(m[0]));
  const sum = (key: keyof JunitCounts) => suites.reduce((total, suite) => total + suite[key], 0);
  // A <testcase> is either self-closed by </testcase> right away (passed) or holds one <failure>, <error> or <skipped>.
  const cases = [...junit.matchAll(/<testcase\b[^>]*>([\s\S]*?)<\/testcase>/g)].map((m) => m[1]!);
  return {
    declared: attributes(root[0]),
    suites: { tests: sum('tests'), failures: sum('failures'), errors: sum('errors'), skipped: sum('skipped') },
    cases: {
      tests: cases.length,
      failures: cases.filter((body) => body.includes('<failure')).length,
      errors: cases.filter((body) => body.includes('<error')).length,
      skipped: cases.filter((body) => body.includes('<skipped')).length,
    },
  };
}

/** The JUnit counts a summary's totals stand for (expected failures and not-supported checks are skipped cases, unexpected passes failures). */
export function junitCountsOf(totals: Summary['totals']): JunitCounts {
  return {
    tests: totals.total,
    failures: totals.failed + totals['unexpected-pass'],
    errors: totals.error,
    skipped: totals.skipped + totals['not-supported'] + totals['expected-failure'],
  };
}

/** One progress line the runner prints as a check finishes: `  [ 12/82] auth 3/5   ok   auth.query-and-bearer`. */
export interface ProgressLine {
  done: number;
  family: string;
  familyDone: number;
  familyTotal: number;
  label: string;
  id: string;
}

const PROGRESS = /^ {2}\[\s*(\d+)\/\d+\+?\] (\S+) (\d+)\/(\d+)\+?\s+(\S+)\s+(.+)$/;

export function progressLines(stdout: string): ProgressLine[] {
  return stdout.split('\n').flatMap((line) => {
    const m = PROGRESS.exec(line);
    return m ? [{ done: Number(m[1]), family: m[2]!, familyDone: Number(m[3]), familyTotal: Number(m[4]), label: m[5]!, id: m[6]!.trim() }] : [];
  });
}
