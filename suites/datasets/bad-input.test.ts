import { check } from '../../common/check.ts';
import { expectError, expectThat } from '../support/expect.ts';
import { readItems } from '../support/storages.ts';
import { shared, useTarget } from '../support/target.ts';

// Bad input to datasets: a push that is not an object or an array of objects answers 400 and stores nothing (not even
// the good items before a bad one); a name that is not 1-63 letters, digits and dashes answers 4xx and creates nothing.
const { api, fixtures } = useTarget();
const ORIGINAL = [{ kept: 1 }, { kept: 2 }];
const dataset = shared(async () => {
  const created = await fixtures.createStorage('datasets', 'bad-input');
  await fixtures.pushItems(created.id, ORIGINAL);
  return created;
});

check(
  {
    id: 'datasets.bad-items-store-nothing',
    title: 'malformed JSON, a non-object item or an array with one answers 400 with the error envelope and stores nothing',
    spec: 'spec/04-datasets.apib#put-items',
    features: ['datasets', 'errors'],
  },
  async () => {
    const { id } = await dataset();
    const json = { 'content-type': 'application/json' };
    for (const body of ['[{"a": 1}, {"b": ', '"a string"', '42', '[{"good": true}, "bad"]', '[{"good": true}, [1, 2]]', 'null']) {
      expectError(await api.request({ method: 'POST', path: `/v2/datasets/${id}/items`, headers: json, body }), 400);
    }
    const { items, response } = await readItems(api, id);
    expectThat(
      JSON.stringify(items) === JSON.stringify(ORIGINAL),
      `only the items pushed before: ${JSON.stringify(ORIGINAL)}`,
      JSON.stringify(items),
      response,
    );
  },
);

check(
  {
    id: 'datasets.invalid-names-4xx',
    title: 'creating a dataset under a name with spaces, slashes or over 63 characters answers 4xx and creates nothing',
    spec: 'spec/04-datasets.apib#create-dataset',
    features: ['datasets', 'errors'],
  },
  async () => {
    for (const name of ['has space', 'slash/name', 'x'.repeat(64)]) {
      const response = await api.request({ method: 'POST', path: '/v2/datasets', query: { name } });
      if (response.status === 201 || response.status === 200) {
        const created = (response.body as { data?: { id?: string } } | undefined)?.data?.id;
        if (created !== undefined) fixtures.registry.trackStorage('datasets', created);
      }
      expectThat(response.status >= 400 && response.status < 500, `"${name}": HTTP 4xx`, `HTTP ${response.status}`, response);
      expectError(response, response.status);
    }
  },
);
