import { check } from '../../common/check.ts';
import { expectError } from '../support/expect.ts';
import { UNKNOWN_ID, useBuiltActor, useTarget } from '../support/target.ts';

// "Errors": 4xx answers carry {error: {type, message}}; unknown ids are 404 record-not-found; bad bodies are 400.
const SPEC = 'spec/apify-v2-actors.apib#errors';
const target = useTarget();
const { api } = target;
const built = useBuiltActor(target, 'errors');

check({ id: 'errors.unknown-ids-404', title: 'an unknown actor, version, run or build id answers 404 record-not-found', spec: SPEC }, async () => {
  expectError(await api.request({ path: `/v2/acts/${UNKNOWN_ID}` }), 404, 'record-not-found');
  expectError(await api.request({ path: `/v2/acts/${built.actor.id}/versions/9.9` }), 404, 'record-not-found');
  expectError(await api.request({ path: `/v2/acts/${built.actor.id}/runs/${UNKNOWN_ID}` }), 404, 'record-not-found');
  expectError(await api.request({ path: `/v2/acts/${built.actor.id}/builds/${UNKNOWN_ID}` }), 404, 'record-not-found');
});

check({ id: 'errors.malformed-json-400', title: 'a malformed JSON body answers 400 with the error envelope', spec: SPEC }, async () => {
  expectError(await api.request({ method: 'POST', path: '/v2/acts', headers: { 'content-type': 'application/json' }, body: '{"name": "broken",' }), 400);
  expectError(await api.request({ method: 'PUT', path: `/v2/acts/${built.actor.id}`, headers: { 'content-type': 'application/json' }, body: '{not json' }), 400);
});

check({ id: 'errors.non-object-body-400', title: 'a JSON body that is not an object answers 400 with the error envelope', spec: SPEC }, async () => {
  expectError(await api.request({ method: 'POST', path: '/v2/acts', headers: { 'content-type': 'application/json' }, body: '[1, 2, 3]' }), 400);
  expectError(await api.request({ method: 'PUT', path: `/v2/acts/${built.actor.id}/versions/0.0`, headers: { 'content-type': 'application/json' }, body: '"a string"' }), 400);
});

check({ id: 'errors.unknown-path-404', title: 'a path with no endpoint answers 404 with the error envelope', spec: SPEC, tags: ['read-only'] }, async () => {
  expectError(await api.request({ path: '/v2/acts-that-do-not-exist' }), 404);
});
