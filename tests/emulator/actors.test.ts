// Actors (spec/01-actors.apib#actor-collection and #actor-object): create with Location, get by id or
// username~name, partial update, delete, the paginated list with my/offset/limit/desc sorted by createdAt, unique names.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts';
import { createBuiltActor, createSourceActor, runToEnd, sourceFilesVersion, uniqueName } from './helpers/fixtures.ts';
import { ID_PATTERN, ISO_DATE_PATTERN } from './helpers/formats.ts';
import { dataOf, expectApiError, expectStatus } from './helpers/http.ts';
import type { Actor, ActorShort, Page } from './helpers/types.ts';

let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu?.close();
});

describe('actors: create', () => {
  test('POST /v2/acts answers 201 with a Location header pointing at the new actor and the full actor object', async () => {
    const name = uniqueName('create');
    const res = await emu.api.post('/v2/acts', {
      name,
      title: 'Created by a test',
      description: 'An actor created by the emulator tests',
      isPublic: false,
      versions: [sourceFilesVersion('trivial')],
    });
    const actor = dataOf<Actor>(res, 201);
    expect(res.headers.location, `${res.request} should send a Location header`).toMatch(new RegExp(`/v2/(acts|actors)/${actor.id}$`));
    expect(actor.id).toMatch(ID_PATTERN);
    expect(actor.userId).toMatch(ID_PATTERN);
    expect(actor.name).toBe(name);
    expect(actor.username).toBe(emu.user.username);
    expect(actor.title).toBe('Created by a test');
    expect(actor.description).toBe('An actor created by the emulator tests');
    expect(actor.isPublic).toBe(false);
    expect(actor.createdAt).toMatch(ISO_DATE_PATTERN);
    expect(actor.modifiedAt).toMatch(ISO_DATE_PATTERN);
    expect(actor.versions.map((v) => [v.versionNumber, v.sourceType])).toEqual([['0.0', 'SOURCE_FILES']]);
    for (const counter of ['totalBuilds', 'totalRuns', 'totalUsers', 'totalUsers7Days', 'totalUsers30Days', 'totalUsers90Days', 'totalMetamorphs'] as const) {
      expect(actor.stats[counter], `stats.${counter} of a new actor`).toBe(0);
    }
  });

  test('the Location header leads to the same actor', async () => {
    const res = await emu.api.post('/v2/acts', { name: uniqueName('location'), versions: [sourceFilesVersion('trivial')] });
    const created = dataOf<Actor>(res, 201);
    const location = new URL(res.headers.location ?? '', emu.url);
    const fetched = dataOf<Actor>(await emu.api.get(location.pathname));
    expect(fetched).toEqual(created);
  });

  test('isPublic defaults to false when the body leaves it out', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    expect(actor.isPublic).toBe(false);
  });

  test('a second actor with the same name for the same user gets 409 actor-name-not-unique and nothing changes', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const before = dataOf<Page<ActorShort>>(await emu.api.get('/v2/acts', { my: 1 })).total;
    expectApiError(await emu.api.post('/v2/acts', { name: actor.name, versions: [sourceFilesVersion('trivial')] }), 409, 'actor-name-not-unique');
    expect(dataOf<Page<ActorShort>>(await emu.api.get('/v2/acts', { my: 1 })).total).toBe(before);
  });
});

describe('actors: get', () => {
  test('an actor is found by its id and by username~name, with the same content', async () => {
    const actor = await createSourceActor(emu.api, 'trivial');
    const byId = dataOf<Actor>(await emu.api.get(`/v2/acts/${actor.id}`));
    const byName = dataOf<Actor>(await emu.api.get(`/v2/acts/${emu.user.username}~${actor.name}`));
    expect(byId).toEqual(actor);
    expect(byName).toEqual(actor);
  });

  test('an unknown actor id is 404 record-not-found', async () => {
    expectApiError(await emu.api.get('/v2/acts/NoSuchActorId0000'), 404, 'record-not-found');
    expectApiError(await emu.api.get(`/v2/acts/${emu.user.username}~no-such-actor-name`), 404, 'record-not-found');
  });
});

describe('actors: update', () => {
  test('PUT changes only the properties it names; absent ones keep their values', async () => {
    const actor = await createActor();
    const res = await emu.api.put(`/v2/acts/${actor.id}`, { description: 'changed description' });
    const updated = dataOf<Actor>(res);
    expect(updated.description).toBe('changed description');
    expect(updated.name).toBe(actor.name);
    expect(updated.title).toBe(actor.title);
    expect(updated.isPublic).toBe(actor.isPublic);
    expect(updated.versions).toEqual(actor.versions);
    expect(updated.createdAt).toBe(actor.createdAt);
    expect(Date.parse(updated.modifiedAt)).toBeGreaterThanOrEqual(Date.parse(actor.modifiedAt));
    expect(dataOf<Actor>(await emu.api.get(`/v2/acts/${actor.id}`))).toEqual(updated);
  });

  test('PUT can rename an actor, and the new username~name finds it', async () => {
    const actor = await createActor();
    const newName = uniqueName('renamed');
    expect(dataOf<Actor>(await emu.api.put(`/v2/acts/${actor.id}`, { name: newName })).name).toBe(newName);
    expect(dataOf<Actor>(await emu.api.get(`/v2/acts/${emu.user.username}~${newName}`)).id).toBe(actor.id);
    expectApiError(await emu.api.get(`/v2/acts/${emu.user.username}~${actor.name}`), 404, 'record-not-found');
  });

  test('PUT to a name another actor of the user has gets 409 actor-name-not-unique and changes nothing', async () => {
    const first = await createActor();
    const second = await createActor();
    expectApiError(await emu.api.put(`/v2/acts/${second.id}`, { name: first.name, description: 'must not stick' }), 409, 'actor-name-not-unique');
    expect(dataOf<Actor>(await emu.api.get(`/v2/acts/${second.id}`))).toEqual(second);
  });

  test('PUT with versions replaces the version list', async () => {
    const actor = await createActor();
    const versions = [sourceFilesVersion('trivial', { versionNumber: '1.0' }), sourceFilesVersion('scripted', { versionNumber: '1.1', buildTag: 'beta' })];
    const updated = dataOf<Actor>(await emu.api.put(`/v2/acts/${actor.id}`, { versions }));
    expect(updated.versions.map((v) => v.versionNumber).sort()).toEqual(['1.0', '1.1']);
  });

  test('PUT on an unknown actor is 404 record-not-found', async () => {
    expectApiError(await emu.api.put('/v2/acts/NoSuchActorId0000', { description: 'x' }), 404, 'record-not-found');
  });
});

describe('actors: delete', () => {
  test('DELETE answers 204 with an empty body, and the actor is gone from get and list', async () => {
    const actor = await createActor();
    const res = await emu.api.delete(`/v2/acts/${actor.id}`);
    expectStatus(res, 204);
    expect(res.text, `${res.request} should have an empty body`).toBe('');
    expectApiError(await emu.api.get(`/v2/acts/${actor.id}`), 404, 'record-not-found');
    const page = dataOf<Page<ActorShort>>(await emu.api.get('/v2/acts', { my: 1 }));
    expect(page.items.map((item) => item.id)).not.toContain(actor.id);
  });

  test('the name of a deleted actor can be used again', async () => {
    const actor = await createActor();
    expectStatus(await emu.api.delete(`/v2/acts/${actor.id}`), 204);
    const again = dataOf<Actor>(await emu.api.post('/v2/acts', { name: actor.name, versions: [sourceFilesVersion('trivial')] }), 201);
    expect(again.id).not.toBe(actor.id);
  });

  test('DELETE of an unknown actor is 404 record-not-found', async () => {
    expectApiError(await emu.api.delete('/v2/acts/NoSuchActorId0000'), 404, 'record-not-found');
  });
});

describe('actors: list', () => {
  test('the list is sorted by createdAt ascending, desc reverses it, and offset/limit page through it', async () => {
    const own = await ownActorsAfterCreating(emu, 4);
    const createdAts = own.items.map((item) => Date.parse(item.createdAt));
    expect(createdAts, 'items sorted by createdAt ascending').toEqual([...createdAts].sort((a, b) => a - b));
    expect(own.offset).toBe(0);
    expect(own.desc).toBe(false);
    expect(own.count).toBe(own.items.length);
    expect(own.total).toBe(own.items.length);

    const descending = dataOf<Page<ActorShort>>(await emu.api.get('/v2/acts', { my: 1, desc: 1 }));
    expect(descending.desc).toBe(true);
    expect(descending.items.map((item) => item.id)).toEqual(own.items.map((item) => item.id).reverse());

    const paged: string[] = [];
    for (let offset = 0; offset < own.total; offset += 2) {
      const page = dataOf<Page<ActorShort>>(await emu.api.get('/v2/acts', { my: 1, offset, limit: 2 }));
      expect(page.offset).toBe(offset);
      expect(page.limit).toBe(2);
      expect(page.total).toBe(own.total);
      expect(page.count).toBe(page.items.length);
      expect(page.count).toBe(Math.min(2, own.total - offset));
      paged.push(...page.items.map((item) => item.id));
    }
    expect(paged).toEqual(own.items.map((item) => item.id));
  });

  test('list items carry id, name, username, createdAt and modifiedAt', async () => {
    const actor = await createActor();
    const own = dataOf<Page<ActorShort>>(await emu.api.get('/v2/acts', { my: 1 }));
    const item = own.items.find((candidate) => candidate.id === actor.id);
    expect(item, `actor ${actor.id} should be listed`).toBeDefined();
    expect(item).toMatchObject({ id: actor.id, name: actor.name, username: emu.user.username, createdAt: actor.createdAt });
    expect(item?.modifiedAt).toMatch(ISO_DATE_PATTERN);
  });

  test('an offset past the end gives an empty page with the true total', async () => {
    const own = await ownActorsAfterCreating(emu, 1);
    const page = dataOf<Page<ActorShort>>(await emu.api.get('/v2/acts', { my: 1, offset: own.total + 10 }));
    expect(page).toMatchObject({ total: own.total, offset: own.total + 10, count: 0, items: [] });
  });

  test('a limit above the maximum of 1000 is clamped, never rejected', async () => {
    const page = dataOf<Page<ActorShort>>(await emu.api.get('/v2/acts', { my: 1, limit: 5000 }));
    expect(page.limit).toBe(1000);
    expect(page.count).toBe(page.items.length);
  });

  test('without limit the page size is the maximum, 1000', async () => {
    const page = dataOf<Page<ActorShort>>(await emu.api.get('/v2/acts', { my: 1 }));
    expect(page.limit).toBe(1000);
  });

  test('my=1 and my=true list only the user own actors, which are all the same actors here', async () => {
    const actor = await createActor();
    const viaOne = dataOf<Page<ActorShort>>(await emu.api.get('/v2/acts', { my: 1 }));
    const viaTrue = dataOf<Page<ActorShort>>(await emu.api.get('/v2/acts', { my: 'true' }));
    expect(viaOne.items.map((item) => item.id)).toContain(actor.id);
    expect(viaTrue.items).toEqual(viaOne.items);
    expect(viaOne.items.every((item) => item.username === emu.user.username)).toBe(true);
  });
});

describe('actors: stats', () => {
  test('stats count builds and runs, and lastRunStartedAt follows the latest run', async () => {
    const { actor } = await createBuiltActor(emu, 'trivial');
    const run = await runToEnd(emu, actor.id);
    const after = dataOf<Actor>(await emu.api.get(`/v2/acts/${actor.id}`));
    expect(after.stats.totalBuilds).toBe(1);
    expect(after.stats.totalRuns).toBe(1);
    expect(after.stats.lastRunStartedAt).toBe(run.startedAt);
  });
});

describe('actors: the page size is configurable', () => {
  test('EMULATOR_MAX_PAGE_SIZE caps limit and the default page', async () => {
    const small = await startTestEmulator({ maxPageSize: 3 });
    try {
      for (let i = 0; i < 4; i += 1) await createSourceActor(small.api, 'trivial');
      const defaultPage = dataOf<Page<ActorShort>>(await small.api.get('/v2/acts', { my: 1 }));
      expect(defaultPage).toMatchObject({ total: 4, limit: 3, count: 3 });
      const clamped = dataOf<Page<ActorShort>>(await small.api.get('/v2/acts', { my: 1, limit: 100 }));
      expect(clamped).toMatchObject({ total: 4, limit: 3, count: 3 });
    } finally {
      await small.close();
    }
  });
});

async function createActor(): Promise<Actor> {
  return dataOf<Actor>(
    await emu.api.post('/v2/acts', { name: uniqueName('actor'), title: 'A title', isPublic: false, versions: [sourceFilesVersion('trivial')] }),
    201,
  );
}

async function ownActorsAfterCreating(target: TestEmulator, count: number): Promise<Page<ActorShort>> {
  for (let i = 0; i < count; i += 1) await createSourceActor(target.api, 'trivial');
  return dataOf<Page<ActorShort>>(await target.api.get('/v2/acts', { my: 1 }));
}
