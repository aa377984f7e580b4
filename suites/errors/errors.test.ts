import { check } from '../../common/check.ts';
import type { VersionRecord } from '../../common/fixtures/index.ts';
import { expectBody, expectError, expectThat } from '../support/expect.ts';
import { shared, UNKNOWN_ID, useTarget } from '../support/target.ts';

// "Errors": a failed call answers {error: {type, message}}; an unknown object is 404 record-not-found; a body that is
// not acceptable is 400, and changes nothing.
const SPEC = 'spec/00-overview.apib#errors';
const target = useTarget();
const { api, fixtures } = target;
const DESCRIPTION = 'untouched by bad requests';
const actor = shared(() => fixtures.createActor('errors', { fields: { description: DESCRIPTION } }));

check(
  { id: 'errors.unknown-ids-404', title: 'an unknown actor, version, run or build answers 404 record-not-found', spec: SPEC, features: ['errors'] },
  async () => {
    const { id } = await actor();
    for (const path of [`/v2/acts/${UNKNOWN_ID}`, `/v2/acts/${id}/versions/9.9`, `/v2/acts/${id}/runs/${UNKNOWN_ID}`, `/v2/acts/${id}/builds/${UNKNOWN_ID}`]) {
      expectError(await api.request({ path }), 404, 'record-not-found');
    }
    expectError(await api.request({ method: 'POST', path: `/v2/acts/${id}/runs/${UNKNOWN_ID}/abort` }), 404, 'record-not-found');
  },
);

check(
  {
    id: 'errors.unknown-path-404',
    title: 'a path with no endpoint answers 404 with the error envelope',
    spec: SPEC,
    features: ['errors'],
    tags: ['read-only'],
  },
  async () => {
    expectError(await api.request({ path: '/v2/acts-that-do-not-exist' }), 404);
  },
);

check(
  { id: 'errors.malformed-json-400', title: 'a malformed JSON body answers 400 with the error envelope and changes nothing', spec: SPEC, features: ['errors'] },
  async () => {
    const { id } = await actor();
    const json = { 'content-type': 'application/json' };
    expectError(await api.request({ method: 'POST', path: '/v2/acts', headers: json, body: '{"name": "broken",' }), 400);
    expectError(await api.request({ method: 'PUT', path: `/v2/acts/${id}`, headers: json, body: '{"description": "half' }), 400);
    const response = await api.request({ path: `/v2/acts/${id}` });
    const read = expectBody<{ description?: unknown }>(response, 200, 'actor-response');
    expectThat(read.description === DESCRIPTION, `the actor unchanged (description "${DESCRIPTION}")`, JSON.stringify(read.description), response);
  },
);

check(
  {
    id: 'errors.non-object-body-400',
    title: 'a JSON body that is not an object where one is documented answers 400 with the error envelope',
    spec: SPEC,
    features: ['errors'],
  },
  async () => {
    const { id } = await actor();
    const json = { 'content-type': 'application/json' };
    expectError(await api.request({ method: 'POST', path: '/v2/acts', headers: json, body: '[1, 2, 3]' }), 400);
    expectError(await api.request({ method: 'PUT', path: `/v2/acts/${id}`, headers: json, body: '"a string"' }), 400);
    expectError(await api.request({ method: 'PUT', path: `/v2/acts/${id}/versions/0.0`, headers: json, body: '42' }), 400);
  },
);

check(
  {
    id: 'errors.incomplete-version-400',
    title: 'Create version without versionNumber or sourceType answers 4xx with the error envelope and creates nothing',
    spec: 'spec/01-actors.apib#create-version',
    features: ['errors', 'actors.versions'],
  },
  async () => {
    const { id } = await actor();
    for (const body of [{}, { versionNumber: '3.0' }, { sourceType: 'SOURCE_FILES' }]) {
      const response = await api.request({ method: 'POST', path: `/v2/acts/${id}/versions`, body });
      expectThat(response.status >= 400 && response.status < 500, 'HTTP 4xx', `HTTP ${response.status}`, response);
      expectError(response, response.status);
    }
    const response = await api.request({ path: `/v2/acts/${id}/versions` });
    const versions = expectBody<{ items: VersionRecord[] }>(response, 200, 'version-list-response');
    expectThat(
      versions.items.every((v) => v.versionNumber === '0.0'),
      'only version 0.0',
      versions.items.map((v) => v.versionNumber).join(', '),
      response,
    );
  },
);
