import { request as undiciRequest } from 'undici';
import { sleep } from '../../common/backoff.ts';
import { check } from '../../common/check.ts';
import { expectThat } from '../support/expect.ts';
import { sharedActor, useTarget } from '../support/target.ts';

// Log, stream=1: the response stays open while the run runs, delivering the log as it grows, and ends with the run.
const target = useTarget();
const { api, config, fixtures } = target;
const actor = sharedActor(target);
/** Shorter than this, the time a stream was open cannot show it following the run. */
const MIN_OPEN_MS = 500;
const openStream = (runId: string) => undiciRequest(api.url(`/v2/logs/${runId}`, { stream: 1 }), { headersTimeout: (config.maxWaitSecs + 60) * 1000 });

check(
  {
    id: 'logs.stream-follows-run',
    title: 'a streamed log grows while the run runs and ends when the run ends',
    spec: 'spec/08-logs.apib#log',
    features: ['logs'],
  },
  async ({ inconclusive }) => {
    const { id } = await actor();
    // Long enough that a stream first refused with a 429 still opens well before the run ends.
    const sleepMillis = 3000;
    const run = await fixtures.startRun(id, { sleepMillis, log: 'streamed line' }, { timeoutSecs: 120 });
    await fixtures.waitForRun(id, run.id, { until: (job) => job.status === 'RUNNING' });
    // The stream is read raw (the client would buffer it); a 429 is answered with the documented backoff.
    let response = await openStream(run.id);
    for (let delay = 500; response.statusCode === 429 && delay <= 8000; delay *= 2) {
      await response.body.dump();
      await sleep(delay + Math.random() * delay);
      response = await openStream(run.id);
    }
    expectThat(response.statusCode === 200, 'HTTP 200', `HTTP ${response.statusCode}`);
    const openedAt = Date.now();
    const arrivals: Array<{ at: number; text: string }> = [];
    for await (const chunk of response.body) arrivals.push({ at: Date.now(), text: Buffer.from(chunk as Uint8Array).toString('utf8') });
    const openMs = Date.now() - openedAt;
    const ended = await api.request({ path: `/v2/acts/${id}/runs/${run.id}` });
    const status = (ended.body as { data?: { status?: string } }).data?.status;
    const text = arrivals.map((arrival) => arrival.text).join('');
    const spread = arrivals.length > 1 ? arrivals.at(-1)!.at - arrivals[0]!.at : 0;
    expectThat(
      status === 'SUCCEEDED' && text.includes('Fixture actor finished'),
      'the stream to end once the run has SUCCEEDED, with its last line',
      `run ${status}, log ending ${JSON.stringify(text.slice(-120))}`,
      ended,
    );
    // A stream that follows the run delivers what the run had logged when it opened, and the rest as the run goes on:
    // its text arrives spread over most of the time it was open. One answered at the end, or at once, is not.
    if (openMs < MIN_OPEN_MS) inconclusive(`the stream opened only ${openMs} ms before the run ended (after 429s), too late to see it follow the run`);
    expectThat(
      spread >= openMs / 3,
      `parts of the log spread over at least a third of the ${openMs} ms the stream was open`,
      `${arrivals.length} part(s) over ${spread} ms`,
    );
  },
);
