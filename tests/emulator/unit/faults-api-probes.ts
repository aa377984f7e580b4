// Probes for the faults of the request/response conventions: pagination, method override, rate limits, auth, errors,
// the documented responses and round trips. Each observes the one thing its fault changes.
import type { TestEmulator } from '../helpers/emulator.ts';
import { buildActor, createActor, createSourceActor, sourceFilesVersion } from '../helpers/fixtures.ts';
import type { ApiClient, ApiResponse } from '../helpers/http.ts';
import { type ProbeTable, rawExchange, UNTIL_ENDED_SECS } from './faults-support.ts';

type Json = Record<string, unknown>;

const UNKNOWN_ID = '00000000000000000';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const dataOf = (response: ApiResponse): Json => ((response.json as { data?: Json } | undefined)?.data ?? {}) as Json;
const errorTypeOf = (response: ApiResponse): unknown => (response.json as { error?: { type?: unknown } } | undefined)?.error?.type;
const names = (response: ApiResponse): unknown[] => ((dataOf(response).items ?? []) as Json[]).map((item) => item.name);

/** Actors a, b and c of the main user, created in this order. */
async function threeActors(api: ApiClient): Promise<void> {
  for (const name of ['a', 'b', 'c']) await createActor(api, { name });
}

/**
 * The statuses of `size` requests sent at once: a limiter of a few per second refuses some of them however slowly a
 * loaded machine serves them (they arrive together), where requests sent one after another could slip under it.
 */
async function burstStatuses(emu: TestEmulator, size: number): Promise<number[]> {
  return (await Promise.all(Array.from({ length: size }, () => emu.api.get('/v2/acts')))).map((response) => response.status);
}

const myActors = (emu: TestEmulator, query: Record<string, string | number>) => emu.api.get('/v2/acts', { my: 1, ...query });

export const API_PROBES = {
  'pagination-count-off-by-one': {
    async observe(emu) {
      await threeActors(emu.api);
      const page = dataOf(await myActors(emu, { limit: 2 }));
      return { count: page.count, items: (page.items as unknown[]).length };
    },
    correct: { count: 2, items: 2 },
    faulty: { count: 3, items: 2 },
  },
  'pagination-offset-ignored': {
    async observe(emu) {
      await threeActors(emu.api);
      const response = await myActors(emu, { offset: 1, limit: 1 });
      return { offset: dataOf(response).offset, names: names(response) };
    },
    correct: { offset: 1, names: ['b'] },
    faulty: { offset: 1, names: ['a'] },
  },
  'actors-list-own-only': {
    async observe(emu) {
      const used = await createActor(emu.api2, { name: 'public-used', isPublic: true, versions: [sourceFilesVersion('trivial')] });
      await emu.api2.post(`/v2/acts/${String(used.id)}/builds`, undefined, { version: '0.0', waitForFinish: UNTIL_ENDED_SECS });
      await emu.api.post(`/v2/acts/${String(used.id)}/runs`);
      const listed = async (query: Record<string, number>) =>
        ((dataOf(await emu.api.get('/v2/acts', query)).items ?? []) as Json[]).some((actor) => actor.id === used.id);
      return { withoutMy: await listed({}), withMy: await listed({ my: 1 }) };
    },
    correct: { withoutMy: true, withMy: false },
    faulty: { withoutMy: false, withMy: false },
  },
  'pagination-desc-ignored': {
    async observe(emu) {
      await threeActors(emu.api);
      const response = await myActors(emu, { desc: 1 });
      return { desc: dataOf(response).desc, names: names(response) };
    },
    correct: { desc: true, names: ['c', 'b', 'a'] },
    faulty: { desc: true, names: ['a', 'b', 'c'] },
  },
  'pagination-desc-per-page': {
    async observe(emu) {
      await threeActors(emu.api);
      return [...names(await myActors(emu, { desc: 1, limit: 2 })), ...names(await myActors(emu, { desc: 1, offset: 2, limit: 2 }))];
    },
    correct: ['c', 'b', 'a'],
    faulty: ['b', 'a', 'c'],
  },
  'pagination-limit-not-clamped': {
    settings: { maxPageSize: 2 },
    async observe(emu) {
      await threeActors(emu.api);
      const page = dataOf(await myActors(emu, { limit: 5 }));
      return { limit: page.limit, count: page.count };
    },
    correct: { limit: 2, count: 2 },
    faulty: { limit: 5, count: 2 },
  },
  'pagination-total-is-page-size': {
    async observe(emu) {
      await threeActors(emu.api);
      return dataOf(await myActors(emu, { limit: 1 })).total;
    },
    correct: 3,
    faulty: 1,
  },
  'pagination-desc-not-echoed': {
    async observe(emu) {
      await threeActors(emu.api);
      return dataOf(await myActors(emu, { desc: 1 })).desc;
    },
    correct: true,
    faulty: false,
  },
  'actors-my-ignored': {
    async observe(emu) {
      await createActor(emu.api, { name: 'mine' });
      await createActor(emu.api2, { name: 'theirs' });
      return names(await myActors(emu, {}));
    },
    correct: ['mine'],
    faulty: ['mine', 'theirs'],
  },
  'builds-list-newest-first': {
    async observe(emu) {
      const actor = await createSourceActor(emu.api, 'trivial');
      for (let build = 0; build < 2; build += 1) await buildActor(emu, actor.id);
      const page = dataOf(await emu.api.get(`/v2/acts/${actor.id}/builds`));
      return (page.items as Json[]).map((build) => build.buildNumber);
    },
    correct: ['0.0.1', '0.0.2'],
    faulty: ['0.0.2', '0.0.1'],
  },

  'method-override-ignored': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'to-delete' });
      return (await emu.api.get(`/v2/acts/${actor.id}`, { method: 'DELETE' })).status;
    },
    correct: 204,
    faulty: 200,
  },
  'method-override-get-only': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'to-delete' });
      const overridden = await emu.api.post(`/v2/acts/${actor.id}`, undefined, { method: 'DELETE' });
      return { status: overridden.status, after: (await emu.api.get(`/v2/acts/${actor.id}`)).status };
    },
    correct: { status: 204, after: 404 },
    faulty: { status: 405, after: 200 },
  },
  'method-not-allowed-as-404': {
    async observe(emu) {
      const response = await emu.api.delete('/v2/acts');
      return { status: response.status, type: errorTypeOf(response) };
    },
    correct: { status: 405, type: 'method-not-allowed' },
    faulty: { status: 404, type: 'page-not-found' },
  },

  'rate-limit-off': {
    settings: { rateLimitDefault: 3 },
    async observe(emu) {
      return (await burstStatuses(emu, 12)).includes(429);
    },
    correct: true,
    faulty: false,
  },
  'rate-limit-far-below': {
    settings: { rateLimitDefault: 8 },
    async observe(emu) {
      return (await burstStatuses(emu, 7)).includes(429);
    },
    correct: false,
    faulty: true,
  },
  'rate-limit-header-mismatch': {
    settings: { rateLimitDefault: 8 },
    async observe(emu) {
      return (await emu.api.get('/v2/acts')).headers['x-ratelimit-limit'];
    },
    correct: '8',
    faulty: '16',
  },
  'rate-limit-wrong-type': {
    settings: { rateLimitDefault: 3 },
    async observe(emu) {
      const refused = (await Promise.all(Array.from({ length: 12 }, () => emu.api.get('/v2/acts')))).find((response) => response.status === 429);
      return refused === undefined ? 'no 429' : errorTypeOf(refused);
    },
    correct: 'rate-limit-exceeded',
    faulty: 'too-many-requests',
  },

  'token-not-required': {
    async observe(emu) {
      return (await emu.api.anonymous().get('/v2/acts')).status;
    },
    correct: 401,
    faulty: 200,
  },
  'anonymous-change-404': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'anonymous-target' });
      return (await emu.api.anonymous().delete(`/v2/acts/${actor.id}`)).status;
    },
    correct: 401,
    faulty: 404,
  },
  'actors-path-unrouted': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'current-path' });
      return (await emu.api.get(`/v2/actors/${actor.id}`)).status;
    },
    correct: 200,
    faulty: 404,
  },
  'invalid-token-accepted': {
    async observe(emu) {
      return (await emu.api.as('NotARealToken0000000000000').get('/v2/acts')).status;
    },
    correct: 401,
    faulty: 200,
  },
  'other-user-actor-visible': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'private-one' });
      return (await emu.api2.get(`/v2/acts/${actor.id}`)).status;
    },
    correct: 404,
    faulty: 200,
  },
  'run-requires-token': {
    async observe(emu) {
      const actor = await createSourceActor(emu.api, 'trivial');
      const build = await buildActor(emu, actor.id);
      return (await emu.api.anonymous().get(`/v2/actor-builds/${build.id}`)).status;
    },
    correct: 200,
    faulty: 401,
  },
  'bearer-not-accepted': {
    async observe(emu) {
      return (await emu.api.as(emu.user.token, 'bearer').get('/v2/acts')).status;
    },
    correct: 200,
    faulty: 401,
  },

  'not-found-wrong-type': {
    async observe(emu) {
      return errorTypeOf(await emu.api.get(`/v2/acts/${UNKNOWN_ID}`));
    },
    correct: 'record-not-found',
    faulty: 'not-found',
  },
  'errors-not-json': {
    async observe(emu) {
      const response = await emu.api.get(`/v2/acts/${UNKNOWN_ID}`);
      return { status: response.status, mediaType: response.headers['content-type']?.split(';')[0], envelope: errorTypeOf(response) !== undefined };
    },
    correct: { status: 404, mediaType: 'application/json', envelope: true },
    faulty: { status: 404, mediaType: 'text/plain', envelope: false },
  },
  'malformed-json-accepted': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'malformed' });
      const response = await emu.api.send({ method: 'PUT', path: `/v2/acts/${actor.id}`, body: '{not json', headers: { 'content-type': 'application/json' } });
      return response.status;
    },
    correct: 400,
    faulty: 200,
  },
  'non-object-body-accepted': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'non-object', versions: [sourceFilesVersion('trivial')] });
      const path = `/v2/acts/${actor.id}/versions/0.0`;
      return (await emu.api.send({ method: 'PUT', path, body: '"a string"', headers: { 'content-type': 'application/json' } })).status;
    },
    correct: 400,
    faulty: 200,
  },

  'create-actor-no-location': {
    async observe(emu) {
      return (await emu.api.post('/v2/acts', { name: 'located' })).headers.location !== undefined;
    },
    correct: true,
    faulty: false,
  },
  'create-actor-200': {
    async observe(emu) {
      return (await emu.api.post('/v2/acts', { name: 'created' })).status;
    },
    correct: 201,
    faulty: 200,
  },
  'delete-actor-204-with-body': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'deleted' });
      const answer = await rawExchange(emu.url, 'DELETE', `/v2/acts/${actor.id}`, emu.user.token);
      return { statusLine: answer.statusLine, body: answer.body };
    },
    correct: { statusLine: 'HTTP/1.1 204 No Content', body: '' },
    faulty: { statusLine: 'HTTP/1.1 204 No Content', body: '{"data":{}}' },
  },
  'delete-version-200-with-body': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'version-deleted', versions: [sourceFilesVersion('trivial')] });
      const response = await emu.api.delete(`/v2/acts/${actor.id}/versions/0.0`);
      return { status: response.status, empty: response.text === '' };
    },
    correct: { status: 204, empty: true },
    faulty: { status: 200, empty: false },
  },
  'create-version-200': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'versioned' });
      return (await emu.api.post(`/v2/acts/${actor.id}/versions`, sourceFilesVersion('trivial', { versionNumber: '1.0' }))).status;
    },
    correct: 201,
    faulty: 200,
  },
  'dates-not-iso': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'dated' });
      return ISO_DATE.test(actor.createdAt) && ISO_DATE.test(actor.modifiedAt);
    },
    correct: true,
    faulty: false,
  },
  'ids-wrong-shape': {
    async observe(emu) {
      const actor = await createSourceActor(emu.api, 'trivial');
      return String(dataOf(await emu.api.post(`/v2/acts/${actor.id}/builds`, undefined, { version: '0.0' })).id).length;
    },
    correct: 17,
    faulty: 16,
  },
  'versions-list-missing-total': {
    async observe(emu) {
      const actor = await createSourceActor(emu.api, 'trivial');
      return dataOf(await emu.api.get(`/v2/acts/${actor.id}/versions`)).total;
    },
    correct: 1,
    faulty: undefined,
  },
  'webhooks-list-not-paginated': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'hooked' });
      const body = (await emu.api.get(`/v2/acts/${actor.id}/webhooks`)).json as { data?: unknown } | undefined;
      return Array.isArray(body?.data);
    },
    correct: false,
    faulty: true,
  },
  'build-actor-200': {
    async observe(emu) {
      const actor = await createSourceActor(emu.api, 'trivial');
      return (await emu.api.post(`/v2/acts/${actor.id}/builds`, undefined, { version: '0.0' })).status;
    },
    correct: 201,
    faulty: 200,
  },
  'run-actor-200': {
    async observe(emu) {
      const actor = await createSourceActor(emu.api, 'trivial');
      await buildActor(emu, actor.id);
      return (await emu.api.post(`/v2/acts/${actor.id}/runs`)).status;
    },
    correct: 201,
    faulty: 200,
  },
  'get-actor-wrong-content-type': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'typed' });
      return (await emu.api.get(`/v2/acts/${actor.id}`)).headers['content-type']?.split(';')[0];
    },
    correct: 'application/json',
    faulty: 'text/plain',
  },
  'get-version-missing-source-type': {
    async observe(emu) {
      const actor = await createSourceActor(emu.api, 'trivial');
      return dataOf(await emu.api.get(`/v2/acts/${actor.id}/versions/0.0`)).sourceType;
    },
    correct: 'SOURCE_FILES',
    faulty: undefined,
  },
  'get-build-missing-status': {
    async observe(emu) {
      const actor = await createSourceActor(emu.api, 'trivial');
      // Built through Build actor's own waitForFinish: the Get build route is the one the fault bends.
      const build = dataOf(await emu.api.post(`/v2/acts/${actor.id}/builds`, undefined, { version: '0.0', waitForFinish: UNTIL_ENDED_SECS }));
      return { built: build.status, read: dataOf(await emu.api.get(`/v2/actor-builds/${String(build.id)}`)).status };
    },
    correct: { built: 'SUCCEEDED', read: 'SUCCEEDED' },
    faulty: { built: 'SUCCEEDED', read: undefined },
  },

  'sporadic-503': {
    async observe(emu) {
      const statuses = [];
      for (let i = 0; i < 10; i += 1) statuses.push((await emu.api.get('/v2/acts')).status);
      return statuses.includes(503);
    },
    correct: false,
    faulty: true,
  },
  'create-actor-drops-description': {
    async observe(emu) {
      return (await createActor(emu.api, { name: 'described', description: 'kept' })).description;
    },
    correct: 'kept',
    faulty: null,
  },
  'create-version-drops-build-tag': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'tagged' });
      return dataOf(await emu.api.post(`/v2/acts/${actor.id}/versions`, sourceFilesVersion('trivial', { versionNumber: '0.1', buildTag: 'beta' }))).buildTag;
    },
    correct: 'beta',
    faulty: 'latest',
  },
  'create-actor-location-wrong-id': {
    async observe(emu) {
      const response = await emu.api.post('/v2/acts', { name: 'located' });
      return (response.headers.location ?? '').endsWith(`/${dataOf(response).id}`);
    },
    correct: true,
    faulty: false,
  },
  'versions-total-off-by-one': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'counted', versions: [sourceFilesVersion('trivial')] });
      return dataOf(await emu.api.get(`/v2/acts/${actor.id}/versions`)).total;
    },
    correct: 1,
    faulty: 2,
  },
  'secret-value-returned': {
    async observe(emu) {
      const version = { ...sourceFilesVersion('trivial'), envVars: [{ name: 'S', value: 'hidden', isSecret: true }] };
      const actor = await createActor(emu.api, { name: 'secretive', versions: [version] });
      return (await emu.api.get(`/v2/acts/${actor.id}/versions/0.0`)).text.includes('hidden');
    },
    correct: false,
    faulty: true,
  },
  'update-actor-wipes-fields': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'partial', title: 'Kept', description: 'before', restartOnError: true });
      const updated = dataOf(await emu.api.put(`/v2/acts/${actor.id}`, { description: 'after' }));
      return { title: updated.title, description: updated.description, restartOnError: updated.restartOnError };
    },
    correct: { title: 'Kept', description: 'after', restartOnError: true },
    faulty: { title: null, description: 'after', restartOnError: false },
  },
  'update-version-wipes-fields': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'partial-version', versions: [sourceFilesVersion('trivial', { buildTag: 'beta' })] });
      const updated = dataOf(await emu.api.put(`/v2/acts/${actor.id}/versions/0.0`, { applyEnvVarsToBuild: true }));
      return { buildTag: updated.buildTag, hasSources: Array.isArray(updated.sourceFiles) };
    },
    correct: { buildTag: 'beta', hasSources: true },
    faulty: { buildTag: 'latest', hasSources: false },
  },
  'tilde-name-ignores-username': {
    async observe(emu) {
      const actor = await createActor(emu.api, { name: 'named-mine' });
      return (await emu.api.get(`/v2/acts/nobody-at-all~${String(actor.name)}`)).status;
    },
    correct: 404,
    faulty: 200,
  },
  'tilde-name-not-resolved': {
    async observe(emu) {
      await createActor(emu.api, { name: 'named' });
      return (await emu.api.get(`/v2/acts/${emu.user.username}~named`)).status;
    },
    correct: 200,
    faulty: 404,
  },
} satisfies Partial<ProbeTable>;
