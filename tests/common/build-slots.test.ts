import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../common/config.ts';
import { FixtureSession, fixtureVersion, type JobRecord } from '../../common/fixtures/index.ts';
import { createConfiguredClient } from '../../common/http.ts';
import { startEmulator } from '../../emulator/index.ts';

// CONFORMANCE_MAX_CONCURRENT_BUILDS (common/fixtures/build-slots.ts): the builds of the run, whichever process starts
// them, never run more at once than the limit; without it they all start together.

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, maxWaitSecs: 2 });
  dir = await mkdtemp(path.join(tmpdir(), 'build-slots-'));
});

afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

function sessionsOf(count: number, limit: string): FixtureSession[] {
  const config = loadConfig({
    APIFY_API_BASE_URL: emulator.url,
    APIFY_TOKEN: emulator.options.token,
    CONFORMANCE_MAX_WAIT_SECS: '2',
    CONFORMANCE_FIXTURE_DIR: dir,
    CONFORMANCE_MAX_CONCURRENT_BUILDS: limit,
  });
  return Array.from({ length: count }, () => new FixtureSession(createConfiguredClient(config), config));
}

/** Three builds asked for at once, by three sessions of the run (as three processes would), as the server ran them. */
async function threeBuilds(limit: string): Promise<JobRecord[]> {
  const sessions = sessionsOf(3, limit);
  try {
    // The actors first, so that the three builds are asked for within milliseconds of each other.
    const actors = await Promise.all(sessions.map((fixtures) => fixtures.createActor('slots')));
    return await Promise.all(sessions.map((fixtures, i) => fixtures.buildActor(actors[i]!.id)));
  } finally {
    await Promise.all(sessions.map((fixtures) => fixtures.cleanup()));
  }
}

/** How many of the builds ran at the same moment, at most, by their own startedAt and finishedAt. */
function mostAtOnce(builds: JobRecord[]): number {
  const spans = builds.map((build) => [Date.parse(String(build.startedAt)), Date.parse(String(build.finishedAt))] as const);
  return Math.max(...spans.map(([start]) => spans.filter(([from, to]) => from <= start && start < to).length));
}

describe('build slots', () => {
  it('keep the run to one build at a time with a limit of 1', async () => {
    const builds = await threeBuilds('1');
    expect(builds.map((build) => build.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    expect(mostAtOnce(builds)).toBe(1);
  }, 60_000);

  it('hold a slot until its build ends, also for a build that is started and left to run', async () => {
    const sessions = sessionsOf(2, '1');
    try {
      // Builds that take a second: the second start must wait for the first build's end, which nobody waits for.
      const actors = await Promise.all(sessions.map((fixtures) => fixtures.createActor('held', { versions: [fixtureVersion('0.0', { buildSleepSecs: 1 })] })));
      const first = await sessions[0]!.startBuild(actors[0]!.id);
      const second = await sessions[1]!.startBuild(actors[1]!.id);
      const [ended, next] = await Promise.all([sessions[0]!.waitForBuild(actors[0]!.id, first.id), sessions[1]!.waitForBuild(actors[1]!.id, second.id)]);
      expect(Date.parse(String(next.startedAt))).toBeGreaterThanOrEqual(Date.parse(String(ended.finishedAt)));
    } finally {
      await Promise.all(sessions.map((fixtures) => fixtures.cleanup()));
    }
  }, 60_000);

  it('let every build start at once without a limit', async () => {
    expect(mostAtOnce(await threeBuilds(''))).toBeGreaterThan(1);
  }, 60_000);
});
