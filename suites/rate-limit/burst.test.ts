import { sleep } from '../../common/backoff.ts';
import { check } from '../../common/check.ts';
import type { ApiResponse } from '../../common/http.ts';
import { expectBody, expectError, expectThat } from '../support/expect.ts';
import { shared, useTarget } from '../support/target.ts';

// "Rate limits": under the default limit of an endpoint nothing is refused; over it, 429 rate-limit-exceeded; a client
// that backs off exponentially (a random DELAY..2*DELAY, DELAY from 500 ms, doubling) then gets through.
const SPEC = 'spec/00-overview.apib#rate-limits';
const target = useTarget();
const { config } = target;
// Limits count per user and endpoint: with a second user configured the bursts are theirs, so Dredd and the other
// files, which act as the main user, are not refused while a burst is under way.
const { api, fixtures } = target.second ?? target;
const actor = shared(() => fixtures.createActor('rate-limit'));
/**
 * How many tries each of `size` backing-off clients refused together gets. They are let in at about the limit per second
 * while their retry windows double from 0.5 s, so the k-th retry window admits about 0.5 * 2^k * rps of them: enough
 * retries for the whole burst, and two more for a loaded machine or a target that also refuses now and then.
 */
const patientAttempts = (size: number, rps: number) => 1 + Math.ceil(Math.log2((2 * size) / rps + 1)) + 2;
/**
 * Burst sizes, in multiples of the endpoint's limit. On a loaded machine the first burst may reach the target too
 * slowly to exceed its limit; a larger one then shows the rule unless requests go out slower than the limit for seconds.
 */
const BURST_MULTIPLES = [3, 6, 12];
/** The largest burst sent, whatever the limit: a guest on a shared platform does not send thousands at once. */
const MAX_BURST = 400;

/**
 * The endpoint's limit per second: what its X-RateLimit-Limit announces (the platform sets limits per endpoint), else
 * CONFORMANCE_RATE_LIMIT_RPS.
 */
async function endpointLimit(path: string): Promise<number> {
  const announced = Number((await api.request({ path, retry: false })).headers['x-ratelimit-limit']);
  return Number.isSafeInteger(announced) && announced > 0 ? announced : config.rateLimitRps;
}

interface Burst {
  size: number;
  responses: ApiResponse[];
  /** From the first request sent to the last answer, in seconds. */
  seconds: number;
}

/** `size` simultaneous requests to one endpoint; each is sent once, or (`backOff`) is a client that backs off as documented. */
async function burst(path: string, size: number, rps: number, backOff: boolean): Promise<Burst> {
  const started = performance.now();
  const retry = backOff ? { maxAttempts: patientAttempts(size, rps) } : false;
  const responses = await Promise.all(Array.from({ length: size }, () => api.request({ path, retry })));
  return { size, responses, seconds: (performance.now() - started) / 1000 };
}

/**
 * The most requests any limiter of `rps` per second lets through in `seconds`: a token bucket allows rps + rps * seconds,
 * a fixed window up to rps for every window the interval touches (at most seconds + 2 of them).
 */
const mostAllowed = (rps: number, seconds: number) => Math.floor(rps * (seconds + 2));

/**
 * Bursts of growing size until one is refused in part. A burst that all got through fails at once when it was more than
 * any limiter of that rate lets through in the time it took; otherwise a larger one follows, and when even the largest
 * got through whole (a server that holds requests over the limit instead of refusing them, say), the check fails.
 */
async function burstUntilLimited(
  path: string,
  backOff: boolean,
  refusedAtFirst: (response: ApiResponse) => boolean,
  inconclusive: (reason: string) => never,
): Promise<Burst & { rps: number }> {
  const rps = await endpointLimit(path);
  const sizes = BURST_MULTIPLES.map((multiple) => rps * multiple).filter((size) => size <= MAX_BURST);
  if (sizes.length === 0) inconclusive(`a limit of ${rps}/s cannot be exceeded by a burst of at most ${MAX_BURST} requests`);
  let sent: Burst | undefined;
  for (const size of sizes) {
    sent = await burst(path, size, rps, backOff);
    if (sent.responses.some(refusedAtFirst)) return { ...sent, rps };
    const allowed = mostAllowed(rps, sent.seconds);
    expectThat(
      sent.size <= allowed,
      `at least one 429 among ${sent.size} simultaneous requests answered within ${sent.seconds.toFixed(2)} s (a limit of ${rps}/s lets at most ${allowed} through in that time)`,
      `only HTTP ${statuses(sent.responses)}`,
      sent.responses[0],
    );
  }
  expectThat(
    false,
    `at least one 429 in bursts of ${sizes.join(', ')} simultaneous requests (limit ${rps}/s)`,
    `none; the last took ${sent!.seconds.toFixed(2)} s, only HTTP ${statuses(sent!.responses)}`,
    sent!.responses[0],
  );
}

const statuses = (responses: ApiResponse[]) => [...new Set(responses.map((r) => r.status))].join(', ');

check(
  {
    id: 'rate-limit.burst-gets-429',
    title: 'a burst above the default rate limit of one endpoint is answered 429 rate-limit-exceeded',
    spec: SPEC,
    features: ['rate-limit'],
    tags: ['rate-limit'],
  },
  async ({ inconclusive }) => {
    const path = `/v2/acts/${(await actor()).id}`;
    const { responses } = await burstUntilLimited(path, false, (response) => response.status === 429, inconclusive);
    for (const response of responses.filter((r) => r.status === 429)) expectError(response, 429, 'rate-limit-exceeded');
    for (const response of responses.filter((r) => r.status !== 429)) expectBody(response, 200, 'actor-response');
  },
);

check(
  {
    id: 'rate-limit.backoff-succeeds',
    title: 'clients rate limited in a burst all get through by backing off exponentially as documented',
    spec: SPEC,
    features: ['rate-limit'],
    tags: ['rate-limit'],
  },
  async ({ inconclusive }) => {
    const path = `/v2/acts/${(await actor()).id}`;
    // The same bursts, each request now a client that backs off: those over the limit are refused first, then let in.
    const { size, rps, responses: clients } = await burstUntilLimited(path, true, (client) => client.attempts[0]?.status === 429, inconclusive);
    for (const client of clients.filter((c) => c.attempts[0]?.status === 429)) {
      const tries = client.attempts.map((attempt) => attempt.status ?? attempt.error).join(' -> ');
      expectThat(
        client.status === 200,
        `HTTP 200 within ${patientAttempts(size, rps)} tries, backing off (one of ${size} clients refused together)`,
        tries,
        client,
      );
      expectBody(client, 200, 'actor-response');
      // The rule is the target's: a client that keeps the documented schedule is served. That the suite's client keeps
      // it is the project's own test (tests/common/http.test.ts), not a verdict on the target.
    }
  },
);

/** How long the steady traffic lasts, in seconds: long enough that a limiter of a fraction of the rate shows. */
const STEADY_SECS = 3;
/** Refusals below one in this many requests are occasional, not a limit. */
const OCCASIONAL_SHARE = 4;

check(
  {
    id: 'rate-limit.half-rate-never-limited',
    title:
      'steady traffic at half the default rate limit, as one user on one endpoint, is served (at most an occasional 429), and an X-RateLimit-Limit it carries names that limit',
    spec: SPEC,
    features: ['rate-limit'],
    tags: ['rate-limit'],
  },
  async () => {
    // Another endpoint than the bursts', whose limit they may have spent.
    const path = `/v2/acts/${(await actor()).id}/versions`;
    const rps = config.rateLimitRps / 2;
    const count = Math.ceil(rps * STEADY_SECS);
    const started = performance.now();
    // Each request leaves on its own schedule, whether or not the earlier ones were answered.
    const responses = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        await sleep(Math.max(0, started + (i * 1000) / rps - performance.now()));
        return api.request({ path, retry: false });
      }),
    );
    // A server may refuse now and then for reasons of its own (a client must always be ready to back off), but a limiter
    // of half the documented rate or less refuses at least half of this traffic.
    const refused = responses.filter((response) => response.status === 429);
    expectThat(
      refused.length * OCCASIONAL_SHARE < count,
      `at most an occasional 429 (under 1 in ${OCCASIONAL_SHARE}) for ${count} requests sent ${Math.round(1000 / rps)} ms apart (${rps}/s, half of ${config.rateLimitRps}/s) for ${STEADY_SECS} s`,
      `${refused.length} answered 429`,
      refused[0] ?? responses[0],
    );
    for (const response of responses.filter((r) => r.status !== 429)) expectBody(response, 200, 'version-list-response');
    const announced = [...new Set(responses.flatMap((response) => response.headers['x-ratelimit-limit'] ?? []))];
    expectThat(
      announced.every((limit) => Number(limit) === config.rateLimitRps),
      `X-RateLimit-Limit ${config.rateLimitRps} (CONFORMANCE_RATE_LIMIT_RPS) wherever it is sent`,
      announced.join(', '),
      responses[0],
    );
  },
);
