import { check } from '../../common/check.ts';
import type { ApiResponse } from '../../common/http.ts';
import { expectError, expectThat, requestOf } from '../support/expect.ts';
import { useBuiltActor, useTarget } from '../support/target.ts';

// Run actor synchronously: 201 with the output record as stored, 400 run-failed, 408 run-timeout-exceeded past the cap.
const SPEC = 'spec/apify-v2-actors.apib#run-actor-synchronously';
const target = useTarget();
const { api, config } = target;
const built = useBuiltActor(target, 'run-sync');
// Its default input (used by GET, which sends none) writes a known output.
const noInput = useBuiltActor(target, 'run-sync-get', { defaults: { output: { from: 'defaults' } } });

const runSync = (input: unknown, query: Record<string, string | number> = {}) =>
  api.request({ method: 'POST', path: `/v2/acts/${built.actor.id}/run-sync`, query: { memory: 128, ...query }, body: input });

function expectOutput(response: ApiResponse, contentType: RegExp, text: string): void {
  expectThat(response.status === 201, 'HTTP 201', `HTTP ${response.status} ${response.text.slice(0, 200)}`, response);
  expectThat(contentType.test(response.headers['content-type'] ?? ''), `Content-Type ${contentType}`, String(response.headers['content-type']), response);
  expectThat(response.text === text, `the output record itself: ${text}`, response.text.slice(0, 300), response);
}

check({ id: 'run-sync.post-returns-output-record', title: 'POST run-sync answers 201 with the OUTPUT record as stored, not the run object', spec: SPEC }, async () => {
  const output = { answer: 42, list: [1, 2] };
  expectOutput(await runSync({ output }), /^application\/json/, JSON.stringify(output));
});

check({ id: 'run-sync.keeps-record-content-type', title: 'run-sync returns the record with the content type it was stored with', spec: SPEC }, async () => {
  expectOutput(await runSync({ output: 'plain words', outputContentType: 'text/plain' }), /^text\/plain/, 'plain words');
});

check({ id: 'run-sync.output-record-key', title: 'outputRecordKey selects which record of the default store is returned', spec: SPEC }, async () => {
  const output = { chosen: 'record' };
  expectOutput(await runSync({ output, outputKey: 'CHOSEN' }, { outputRecordKey: 'CHOSEN' }), /^application\/json/, JSON.stringify(output));
});

check({ id: 'run-sync.get-runs-without-input', title: 'GET run-sync runs the actor with no input and answers 201 with its output', spec: SPEC }, async () => {
  const response = await api.request({ path: `/v2/acts/${noInput.actor.id}/run-sync`, query: { memory: 128 } });
  expectOutput(response, /^application\/json/, JSON.stringify({ from: 'defaults' }));
});

check({ id: 'run-sync.failed-run-400', title: 'a run that does not succeed answers 400 run-failed', spec: SPEC }, async () => {
  const response = await runSync({ exitCode: 1 });
  const error = expectError(response, 400, 'run-failed');
  expectThat(error.message.length > 0, 'a message naming the run', '(empty)', response);
});

check({ id: 'run-sync.timeout-408', title: 'a run that outlives the cap answers 408 run-timeout-exceeded near the cap', spec: SPEC, tags: ['timing', 'slow'] }, async () => {
  const cap = config.maxWaitSecs;
  const response = await runSync({ sleepMillis: (cap + 10) * 1000 }, { timeout: cap + 30 });
  expectError(response, 408, 'run-timeout-exceeded');
  expectThat(response.durationMs >= cap * 900, `the 408 only after the cap (${cap} s)`, `${response.durationMs} ms (${requestOf(response)})`, response);
});
