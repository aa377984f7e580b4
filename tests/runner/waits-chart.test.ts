import { describe, expect, it } from 'vitest';
import { lateSlackMs } from '../../common/timing.ts';
import { renderHtml } from '../../runner/reports/html.ts';
import type { WaitObservation } from '../../runner/timing.ts';
import { sampleSummary } from './sample-results.ts';

// The waits chart of report.html: a bar is red only when the checks themselves would call the wait too long (past the
// cap by more than their own slack), and the labels keep what tells the rows apart.

const CAP = 3;

function chartOf(waits: WaitObservation[]): string {
  const html = renderHtml({ ...sampleSummary(), waits });
  return html.slice(html.indexOf('<section id="timing">'), html.indexOf('</section>', html.indexOf('<section id="timing">')));
}

const wait = (checkId: string, observedSecs: number): WaitObservation => ({
  checkId,
  request: 'GET /v2/actor-runs/r?waitForFinish=60',
  requestedSecs: 60,
  observedSecs,
  status: 200,
  jobStatus: 'RUNNING',
});

describe('the waits chart', () => {
  it("paints a bar red only past the cap plus the checks' late slack", () => {
    const slack = lateSlackMs(CAP) / 1000;
    const chart = chartOf([wait('a.within', CAP + slack - 0.1), wait('b.past', CAP + slack + 0.1)]);
    expect(chart.match(/<rect class="over"/g)).toHaveLength(1);
    expect(chart.match(/<rect class="held"/g)).toHaveLength(1);
    expect(chart).toContain(`by more than ${slack.toFixed(1)} s`);
  });

  it('judges a run-sync bar against the run-sync cap when the target has one of its own, and draws that cap too', () => {
    const runSync = (checkId: string, observedSecs: number): WaitObservation => ({
      ...wait(checkId, observedSecs),
      request: 'POST /v2/acts/a/run-sync',
      requestedSecs: undefined,
    });
    const html = renderHtml({
      ...sampleSummary(),
      target: { ...sampleSummary().target, runSyncMaxWaitSecs: 30 },
      waits: [runSync('a.held-long', 20), wait('b.past', CAP + 10)],
    });
    const chart = html.slice(html.indexOf('<section id="timing">'), html.indexOf('</section>', html.indexOf('<section id="timing">')));
    // 20 s is within run-sync's 30 s cap, though far past the 3 s waitForFinish cap; the waitForFinish bar past its cap is red.
    expect(chart.match(/<rect class="over"/g)).toHaveLength(1);
    expect(chart).toContain('run-sync cap 30 s');
    expect(chart.match(/<line class="cap"/g)).toHaveLength(2);
  });

  it('labels rows without the API title and keeps their distinct ends', () => {
    const chart = chartOf([
      wait('Apify API > Actor tasks > Run task synchronously > Without input > Example 1', 1),
      wait('Apify API > Actor tasks > Run task synchronously > Without input > Example 2', 1),
    ]);
    // Row labels stand right-aligned left of the plot (x = 352); the axis labels elsewhere.
    const labels = [...chart.matchAll(/<text x="352" y="\d+" text-anchor="end">([^<]*)<\/text>/g)].map((m) => m[1]!.replaceAll('&gt;', '>'));
    expect(labels).toHaveLength(2);
    expect(new Set(labels).size).toBe(2);
    for (const label of labels) {
      expect(label.startsWith('Actor tasks')).toBe(true);
      expect(label).toMatch(/Example \d$/);
      expect(label.length).toBeLessThanOrEqual(52);
    }
  });
});
