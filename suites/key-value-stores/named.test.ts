import { check } from '../../common/check.ts';
import { resourceName, type StorageRecord } from '../../common/fixtures/index.ts';
import type { ApiClient } from '../../common/http.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';

// "Store collection" and "Store object": a name is unique per user, so creating by name is idempotent (201, then 200
// with the same store); unnamed stores are listed only with unnamed=1; Update store renames.
const SPEC = 'spec/03-key-value-stores.apib#store-collection';
const { api, config, fixtures } = useTarget();
const PATH = '/v2/key-value-stores';

async function listAll(client: ApiClient, unnamed: boolean): Promise<StorageRecord[]> {
  const all: StorageRecord[] = [];
  for (let offset = 0; ; ) {
    const response = await client.request({ path: PATH, query: { offset, unnamed } });
    const page = expectBody<{ total: number; items: StorageRecord[] }>(response, 200, 'key-value-store-list-response');
    all.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) return all;
  }
}

check(
  {
    id: 'key-value-stores.get-or-create-by-name',
    title: 'creating a store by a name answers 201, again by the same name 200 with the same store, and the list holds it once',
    spec: SPEC,
    features: ['key-value-stores'],
  },
  async () => {
    const name = resourceName(config, 'named');
    const first = await api.request({ method: 'POST', path: PATH, query: { name } });
    const created = expectBody<StorageRecord>(first, 201, 'key-value-store-response');
    fixtures.registry.trackStorage('key-value-stores', created.id);
    const second = await api.request({ method: 'POST', path: PATH, query: { name } });
    const again = expectBody<StorageRecord>(second, 200, 'key-value-store-response');
    if (again.id !== created.id) fixtures.registry.trackStorage('key-value-stores', again.id);
    expectThat(again.id === created.id && again.name === name, `the store ${created.id} named ${name}`, `${again.id} named ${again.name}`, second);
    const named = (await listAll(api, false)).filter((store) => store.name === name);
    expectThat(named.length === 1, `one store named ${name} in the list`, String(named.length));
  },
);

check(
  {
    id: 'key-value-stores.unnamed-listed-on-request',
    title: 'an unnamed store is listed with unnamed=1 and not without it',
    spec: SPEC,
    features: ['key-value-stores'],
  },
  async () => {
    const store = await fixtures.createStorage('key-value-stores', 'unnamed', { named: false });
    expectThat(store.name === null, 'name null', String(store.name));
    const withUnnamed = (await listAll(api, true)).some((listed) => listed.id === store.id);
    const without = (await listAll(api, false)).some((listed) => listed.id === store.id);
    expectThat(withUnnamed && !without, `${store.id} listed with unnamed=1 only`, `with: ${withUnnamed}, without: ${without}`);
  },
);

check(
  {
    id: 'key-value-stores.rename',
    title: 'Update store renames the store: it is then found under the new name',
    spec: 'spec/03-key-value-stores.apib#store-object',
    features: ['key-value-stores'],
  },
  async () => {
    const store = await fixtures.createStorage('key-value-stores', 'rename');
    const name = resourceName(config, 'renamed');
    const response = await api.request({ method: 'PUT', path: `${PATH}/${store.id}`, body: { name } });
    expectThat(expectBody<StorageRecord>(response, 200, 'key-value-store-response').name === name, `name ${name}`, response.text, response);
    const read = await api.request({ path: `${PATH}/~${name}` });
    const found = expectBody<StorageRecord>(read, 200, 'key-value-store-response');
    expectThat(found.id === store.id, `~${name} to be ${store.id}`, found.id, read);
  },
);
