import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCoverage } from '../../runner/coverage.ts';
import { buildSummary } from '../../runner/reports/summary.ts';
import { writeReports } from '../../runner/reports/write.ts';
import { createRedactor } from '../../common/redact.ts';
import { sampleResults } from './sample-results.ts';

// Debian's Chromium, installed by scripts/install-chromium.sh (called from .ci/run).
const CHROMIUM = '/usr/bin/chromium';
const SECRET = 'report-page-secret-token-7f3a';

let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/install-chromium.sh`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  dir = await mkdtemp(path.join(tmpdir(), 'report-page-'));
  const checks = sampleResults();
  // A token that leaked into a message must not reach the page.
  checks[4] = { ...checks[4]!, message: `GET /v2/acts?token=${SECRET} answered 500` };
  const summary = buildSummary({
    target: { kind: 'embedded-emulator', baseUrl: 'http://127.0.0.1:1', profile: 'emulator', maxWaitSecs: 3 },
    startedAt: '2026-11-28T10:00:00.000Z',
    durationMs: 9000,
    outcome: 'failed',
    exitCode: 1,
    brokenReasons: [],
    coverage: computeCoverage(checks.filter((c) => c.layer === 'dredd'), []),
    knownDrift: ['the cap is 60 s'],
    checks,
  });
  await writeReports(dir, summary, createRedactor([SECRET]));
});

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('report.html in headless Chromium', () => {
  it('renders the matrix, the failures and the timing plot with no console error', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`file://${path.join(dir, 'report.html')}`);
    expect(await page.locator('#matrix tbody tr').count()).toBe(3);
    expect(await page.locator('#families tbody tr').count()).toBe(5);
    expect(await page.locator('#failures article').count()).toBe(3);
    await expect.poll(() => page.locator('#failures').innerText()).toContain('Actual response');
    expect(await page.locator('#timing svg rect').count()).toBe(1);
    expect(await page.locator('#coverage').innerText()).toMatch(/1\/3 documented actions and 1\/3 documented responses/);
    await page.screenshot({ path: path.join(dir, 'report.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('carries no token in any report file', async () => {
    for (const file of ['report.html', 'summary.json', 'junit.xml']) {
      expect(await readFile(path.join(dir, file), 'utf8')).not.toContain(SECRET);
    }
  });
});
