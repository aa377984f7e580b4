// The cached parse of the spec (runner/dredd/parse-cache.ts) must give Dredd exactly what a fresh parse gives: the same
// compiled transactions and annotations, from a cold cache and from a warm one; any other document is parsed as usual.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installParseCache } from '../../runner/dredd/parse-cache.ts';

type Parse = (source: string, callback: (error: Error | null, result: { mediaType: string; apiElements: unknown }) => void) => void;
type Compile = (mediaType: string, apiElements: unknown, location: string) => { transactions: unknown[]; annotations: unknown[] };

const require = createRequire(import.meta.url);
const fromDredd = { paths: [path.dirname(require.resolve('dredd'))] };
const parsePath = require.resolve('dredd-transactions/parse', fromDredd);
const compile = require(require.resolve('dredd-transactions/compile', fromDredd)) as Compile;
const originalModule = require.cache[parsePath];
const SPEC = 'spec/01-actors.apib';

const compiled = async (parse: Parse, source: string) => {
  const { mediaType, apiElements } = await new Promise<{ mediaType: string; apiElements: unknown }>((resolve, reject) =>
    parse(source, (error, result) => (error ? reject(error) : resolve(result))),
  );
  return JSON.parse(JSON.stringify(compile(mediaType, apiElements, 'doc'))) as ReturnType<Compile>;
};

afterAll(() => {
  if (originalModule) require.cache[parsePath] = originalModule;
  else delete require.cache[parsePath];
});

describe("Dredd's parse of the spec, from the cache", () => {
  it('compiles to the same transactions and annotations as a fresh parse, cold and warm', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'dredd-parse-cache-'));
    const source = readFileSync(SPEC, 'utf8');
    const fresh = await compiled(require(parsePath) as Parse, source);
    expect(fresh.transactions.length).toBeGreaterThan(20);
    for (const round of ['cold cache', 'warm cache']) {
      await installParseCache(require, [SPEC], cacheDir);
      expect(readdirSync(cacheDir), `${round}: one stored parse`).toHaveLength(1);
      const cachedParse = require(parsePath) as Parse;
      expect(cachedParse, `${round}: Dredd should get the cached parse`).not.toBe(originalModule?.exports);
      expect(await compiled(cachedParse, source), round).toEqual(fresh);
    }
  });

  it('parses any other document as usual', async () => {
    await installParseCache(require, [SPEC], mkdtempSync(path.join(tmpdir(), 'dredd-parse-cache-')));
    const other = 'FORMAT: 1A\n\n# Other API\n\n## Thing [/thing]\n\n### Get thing [GET]\n\n+ Response 204\n';
    const result = await compiled(require(parsePath) as Parse, other);
    expect(result.transactions).toHaveLength(1);
    expect(result.transactions[0]).toMatchObject({ request: { method: 'GET', uri: '/thing' }, response: { status: '204' } });
  });
});
