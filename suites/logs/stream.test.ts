import { request as undiciRequest } from 'undici';
import { sleep } from '../../common/backoff.ts';
import { check } from '../../common/check.ts';
import { expectThat } from '../support/expect.ts';
import { builtActor, useTarget } from '../support/target.ts';

// Log, stream=1: the response stays open while the run runs, delivering the log as it grows, and ends with the run.
const target = useTarget();
const { api, config, fixtures } = target;
const actor = builtActor(target, 'logged');
const openStream = (runId: string) => undiciRequest(api.url(`/v2/logs/${runId}`, { stream: 1 }), { headersTimeout: (config.maxWaitSecs + 60) * 1000 });

check(
  {
    id: 'logs.stream-follows-run',
    title: 'a streamed log grows while the run runs and ends when the run ends',
    spec: 'spec/08-logs.apib#log',
    features: ['logs'],
  },
  async () => {
    const { id } = await actor();
    const sleepMillis = 1500;
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
    const arrivals: Array<{ at: number; text: string }> = [];
    for await (const chunk of response.body) arrivals.push({ at: Date.now(), text: Buffer.from(chunk as Uint8Array).toString('utf8') });
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
    // The stream delivered text at least a third of the sleep apart: it followed the run rather than answering once.
    expectThat(spread >= sleepMillis / 3, `parts of the log spread over at least ${sleepMillis / 3} ms`, `${arrivals.length} part(s) over ${spread} ms`);
  },
);
