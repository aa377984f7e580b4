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

/** One rule per lookup: a target may get one right and another wrong, and a profile may list exactly the one it gets wrong. */
const UNKNOWN_LOOKUPS: Array<{ id: string; what: string; method?: 'POST'; path: (actorId: string) => string }> = [
  { id: 'errors.unknown-actor-404', what: 'Get actor of an unknown actor id', path: () => `/v2/acts/${UNKNOWN_ID}` },
  { id: 'errors.unknown-version-404', what: 'Get version of an unknown version number', path: (actorId) => `/v2/acts/${actorId}/versions/9.9` },
  { id: 'errors.unknown-run-404', what: 'Get run of an unknown run id', path: (actorId) => `/v2/acts/${actorId}/runs/${UNKNOWN_ID}` },
  { id: 'errors.unknown-build-404', what: 'Get build of an unknown build id', path: (actorId) => `/v2/acts/${actorId}/builds/${UNKNOWN_ID}` },
  {
    id: 'errors.abort-unknown-run-404',
    what: 'Abort run of an unknown run id',
    method: 'POST',
    path: (actorId) => `/v2/acts/${actorId}/runs/${UNKNOWN_ID}/abort`,
  },
];

for (const lookup of UNKNOWN_LOOKUPS) {
  check({ id: lookup.id, title: `${lookup.what} answers 404 record-not-found`, spec: SPEC, features: ['errors'] }, async () => {
    const { id } = await actor();
    expectError(await api.request({ method: lookup.method ?? 'GET', path: lookup.path(id) }), 404, 'record-not-found');
  });
}

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
