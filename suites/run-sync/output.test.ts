import { check } from '../../common/check.ts';
import { PLAIN_RECIPE } from '../../common/fixtures/index.ts';
import type { ApiResponse } from '../../common/http.ts';
import { excerpt, expectThat } from '../support/expect.ts';
import { sharedActor, useTarget } from '../support/target.ts';
import { RunSyncCall } from './call.ts';

// Run actor synchronously, when the run succeeds: 201 with a record of the run's default store, as it was stored.
const SPEC = 'spec/01-actors.apib#run-actor-synchronously';
const target = useTarget();
const actor = sharedActor(target);

async function runSync(inconclusive: (reason: string) => never, input: object, query: Record<string, string | number> = {}): Promise<ApiResponse> {
  const { id } = await actor();
  const call = await RunSyncCall.prepare(target, id, { method: 'POST', path: `/v2/acts/${id}/run-sync`, query: { memory: 128, ...query }, body: input });
  return call.withinCap(inconclusive);
}

function expectRecord(response: ApiResponse, contentType: string, text: string): void {
  expectThat(response.status === 201, 'HTTP 201', `HTTP ${response.status} ${excerpt(response.text)}`, response);
  const received = response.headers['content-type'] ?? '';
  expectThat(received.startsWith(contentType), `Content-Type ${contentType}, the record's own`, received || 'none', response);
  expectThat(response.text === text, `the record itself: ${text}`, excerpt(response.text), response);
}

check(
  {
    id: 'run-sync.post-returns-output-record',
    title: 'POST run-sync answers 201 with the OUTPUT record as stored, not the run object',
    spec: SPEC,
    features: ['runs.sync'],
  },
  async ({ inconclusive }) => {
    const output = { answer: 42, list: [1, 2] };
    expectRecord(await runSync(inconclusive, { output }), 'application/json', JSON.stringify(output));
  },
);

check(
  {
    id: 'run-sync.keeps-record-content-type',
    title: 'run-sync answers with the record in the content type it was stored with',
    spec: SPEC,
    features: ['runs.sync'],
  },
  async ({ inconclusive }) => {
    expectRecord(await runSync(inconclusive, { output: 'plain words', outputContentType: 'text/plain' }), 'text/plain', 'plain words');
  },
);

check(
  {
    id: 'run-sync.output-record-key',
    title: 'outputRecordKey chooses which record of the default store run-sync answers with',
    spec: SPEC,
    features: ['runs.sync'],
  },
  async ({ inconclusive }) => {
    const output = { chosen: 'record' };
    expectRecord(await runSync(inconclusive, { output, outputKey: 'CHOSEN' }, { outputRecordKey: 'CHOSEN' }), 'application/json', JSON.stringify(output));
  },
);

check(
  {
    id: 'run-sync.get-runs-without-input',
    title: 'GET run-sync runs the actor with no input and answers 201 with its OUTPUT record',
    spec: SPEC,
    features: ['runs.sync'],
  },
  async ({ inconclusive }) => {
    const { id } = await actor();
    const call = await RunSyncCall.prepare(target, id, { path: `/v2/acts/${id}/run-sync`, query: { memory: 128 } });
    // With no input, the shared actor's runs write what its recipe's defaults say.
    expectRecord(await call.withinCap(inconclusive), 'application/json', JSON.stringify(PLAIN_RECIPE.defaults?.output));
  },
);
