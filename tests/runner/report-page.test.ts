import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedactor } from '../../common/redact.ts';
import { readSpecContract } from '../../common/spec-contract.ts';
import { writeReports } from '../../runner/reports/write.ts';
import { sampleResults, sampleSummary } from './sample-results.ts';
import { launchChromium, missingBrowser, openReport } from './support/chromium.ts';

const SECRET = 'report-page-secret-token-7f3a';

let browser: Browser;
let dir: string;

const skipReason = missingBrowser();
if (skipReason) process.stderr.write(`report-page.test.ts skipped: ${skipReason}\n`);

beforeAll(async () => {
  if (!skipReason) browser = await launchChromium();
  dir = await mkdtemp(path.join(tmpdir(), 'report-page-'));
  const checks = sampleResults();
  // A token that leaked into a message must not reach the page.
  checks[4] = { ...checks[4]!, message: `GET /v2/acts?token=${SECRET} answered 500, and ${SECRET} again` };
  await writeReports(dir, sampleSummary(checks), createRedactor([SECRET]));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(skipReason !== undefined)('report.html in headless Chromium', () => {
  it('renders the matrix, the failures, the waits against the cap and the drift, with no console error', async () => {
    const { page, problems, requests } = await openReport(browser, path.join(dir, 'report.html'));
    // Every documented action is a row; the families that exercised an action are columns.
    expect(await page.locator('#matrix tbody tr').count()).toBe(readSpecContract().actions.length);
    expect(await page.locator('#matrix thead th').allInnerTexts()).toEqual(['Action', 'Dredd: documented responses', 'pagination', 'wait-for-finish']);
    expect(await page.locator('#matrix tbody tr', { hasText: 'Create actor' }).innerText()).toMatch(/201 failed/);
    expect(await page.locator('#families tbody tr').count()).toBe(5);
    expect(await page.locator('#failures article').count()).toBe(3);
    expect(await page.locator('#failures').innerText()).toContain('Actual response');
    expect(await page.locator('#timing svg rect').count()).toBe(1);
    expect(await page.locator('#timing svg text.cap').textContent()).toBe('cap 3 s');
    // Acknowledged drift stands apart from new drift, with the profile's reason; entries not seen are listed too.
    expect(await page.locator('#drift-new').innerText()).toMatch(/^New drift \(\d+\)$/);
    expect(await page.locator('#drift tr', { hasText: 'x-ratelimit-limit' }).innerText()).toContain('each endpoint announces its limit');
    expect(await page.locator('#drift-acknowledged').innerText()).toBe('Acknowledged by the profile (1)');
    expect(await page.locator('#drift-not-seen + p + ul').innerText()).toContain('record-or-token-not-found');
    expect(await page.locator('#coverage').innerText()).toMatch(/1\/3 documented actions and 1\/3 documented responses/);
    await page.screenshot({ path: path.join(dir, 'report.png'), fullPage: true });
    expect(problems).toEqual([]);
    // Self-contained: nothing but the page itself is loaded.
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    await page.close();
  });

  it('shows the failures on the first screen, and each failing pill leads to its failure', async () => {
    const { page, problems } = await openReport(browser, path.join(dir, 'report.html'));
    await page.setViewportSize({ width: 1280, height: 800 });
    const first = page.locator('#failures article').first();
    expect(await first.evaluate((element) => element.getBoundingClientRect().top < window.innerHeight)).toBe(true);
    // The matrix pill of the failed Create actor response links to that failure's entry.
    const link = page.locator('#matrix a', { hasText: '201 failed' });
    const target = (await link.getAttribute('href'))!.slice(1);
    expect(await page.locator(`#failures article[id="${target}"] h3`).innerText()).toContain('Create actor');
    // Under it: the request as curl, the rerun command, and a spec link that works where the report is (the spec is copied beside it).
    expect(await page.locator(`#${target} pre.curl`).innerText()).toBe(
      `curl -X POST "http://127.0.0.1:1/v2/acts" --url-query token="$APIFY_TOKEN" -H 'content-type: application/json' --data-raw '{"name":"x"}'`,
    );
    expect(await page.locator(`#${target} pre.rerun`).innerText()).toBe(
      "npx apify-conformance run --base-url 'http://127.0.0.1:1' --select 'Apify API > Actors > Actor collection > Create actor'",
    );
    const specLink = (await page.locator(`#${target} p a`).first().getAttribute('href'))!;
    expect(existsSync(path.join(dir, specLink.split('#')[0]!))).toBe(true);
    expect(await page.locator('#features tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^actors\s+1\/2/),
      expect.stringMatching(/^pagination\s+2\/4/),
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the report files', () => {
  it('carries no token in any report file', async () => {
    for (const file of ['report.html', 'summary.json', 'junit.xml']) {
      expect(await readFile(path.join(dir, file), 'utf8')).not.toContain(SECRET);
    }
  });
});
