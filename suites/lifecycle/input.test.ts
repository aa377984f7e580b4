import { check } from '../../common/check.ts';
import type { JobRecord } from '../../common/fixtures/index.ts';
import { excerpt, expectBody, expectThat } from '../support/expect.ts';
import { sharedActor, useTarget } from '../support/target.ts';

// Run actor: "The request body, with its Content-Type, becomes the run's input: the record INPUT".
const SPEC = 'spec/01-actors.apib#run-actor';
const target = useTarget();
const { api, fixtures } = target;
const actor = sharedActor(target);

check(
  {
    id: 'lifecycle.input-stored-with-content-type',
    title: "the Run actor body is stored, byte for byte and with its Content-Type, as the run's INPUT record",
    spec: SPEC,
    features: ['runs'],
  },
  async () => {
    const { id } = await actor();
    const inputs = [
      { contentType: 'application/json', body: JSON.stringify({ writeOutput: false, note: 'input round trip' }) },
      { contentType: 'text/plain', body: 'plain input, not JSON' },
    ];
    for (const { contentType, body } of inputs) {
      const response = await api.request({
        method: 'POST',
        path: `/v2/acts/${id}/runs`,
        query: { memory: 128 },
        headers: { 'content-type': contentType },
        body,
      });
      const run = expectBody<JobRecord>(response, 201, 'run-response');
      fixtures.registry.trackRun(id, run.id);
      const record = await api.request({ path: `/v2/key-value-stores/${run.defaultKeyValueStoreId}/records/INPUT` });
      const storedType = record.headers['content-type'] ?? '';
      expectThat(
        record.status === 200 && storedType.startsWith(contentType),
        `HTTP 200 with Content-Type ${contentType}`,
        `HTTP ${record.status} with ${storedType || 'no Content-Type'}`,
        record,
      );
      expectThat(record.text === body, `the body sent to Run actor: ${body}`, excerpt(record.text), record);
    }
  },
);
