import { check } from '../../common/check.ts';
import type { ApiResponse } from '../../common/http.ts';
import { expectBody, expectError, expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';

// "Rate limits": the default limit per endpoint and user, 429 rate-limit-exceeded, and the documented exponential backoff.
const SPEC = 'spec/apify-v2-actors.apib#rate-limits';
const { api, config, fixtures } = useTarget();

// Three times the configured limit, sent at once, exceeds it within one second on any conforming target.
const burstSize = () => config.rateLimitRps * 3;

async function burst(path: string): Promise<ApiResponse[]> {
  return Promise.all(Array.from({ length: burstSize() }, () => api.request({ path, retry: false })));
}

check({ id: 'rate-limit.burst-gets-429', title: 'a burst above the default limit on one endpoint is answered 429 rate-limit-exceeded', spec: SPEC, tags: ['rate-limit', 'slow'] }, async () => {
  const actor = await fixtures.createActor('rate-limit');
  const responses = await burst(`/v2/acts/${actor.id}`);
  const limited = responses.filter((r) => r.status === 429);
  expectThat(limited.length > 0, `at least one 429 among ${burstSize()} simultaneous requests`, `statuses ${[...new Set(responses.map((r) => r.status))].join(',')}`, responses[0]);
  for (const response of limited) expectError(response, 429, 'rate-limit-exceeded');
  const others = responses.filter((r) => r.status !== 429);
  expectThat(others.every((r) => r.status === 200), 'every other request answered 200', `statuses ${others.map((r) => r.status).join(',')}`, others[0]);
});

check({ id: 'rate-limit.backoff-succeeds', title: 'a client following the documented exponential backoff succeeds after being rate limited', spec: SPEC, tags: ['rate-limit', 'slow'] }, async () => {
  const actor = await fixtures.createActor('backoff');
  const path = `/v2/acts/${actor.id}`;
  // Patient clients (retrying with backoff) mixed into a burst: some of them are limited, and all must get through.
  const [flood, patients] = await Promise.all([burst(path), Promise.all(Array.from({ length: 10 }, () => api.request({ path })))]);
  expectThat(flood.some((r) => r.status === 429), 'the burst to be rate limited', 'no 429', flood[0]);
  for (const patient of patients) expectBody(patient, 200, 'actor-response');
  const limited = patients.filter((p) => p.attempts.some((a) => a.status === 429));
  expectThat(limited.length > 0, 'at least one patient request limited first and then served', 'none was limited', patients[0]);
  for (const patient of limited) {
    const waits = patient.attempts.map((a) => a.backoffMs ?? 0).filter((ms) => ms > 0);
    // The documented schedule: random 500..1000 ms, then 1000..2000 ms, doubling.
    const onSchedule = waits.every((ms, i) => ms >= 500 * 2 ** i && ms <= 1000 * 2 ** i + 50);
    expectThat(onSchedule, 'backoff waits within DELAY..2*DELAY, DELAY from 500 ms doubling', waits.join(', '), patient);
  }
});
