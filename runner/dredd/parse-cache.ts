// Dredd parses the API Blueprint on every start, and drafter.js takes over a second of CPU for it: paid once per gate run
// and once per self-test case. This keeps the parse result (API Elements, as refract JSON) on disk, keyed by each spec
// file's text and the parser's versions, and hands it to Dredd through the module Dredd parses with. Dredd still compiles the
// transactions and reports the parser's annotations from it, exactly as from a fresh parse.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type createRequire, Module } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Require = ReturnType<typeof createRequire>;
type ParseCallback = (error: Error | null, result: ParseResult) => void;
type Parse = (source: string, callback: ParseCallback) => void;

interface ParseResult {
  mediaType: string;
  apiElements: unknown;
}

interface Minim {
  toRefract(element: unknown): unknown;
  fromRefract(refract: unknown): unknown;
}

const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/apify-conformance/dredd-parse/', import.meta.url));

/** Makes Dredd (loaded later through `require`) get the parse of each spec file from the cache, filling it on a miss. */
export async function installParseCache(require: Require, specPaths: readonly string[], cacheDir = CACHE_DIR): Promise<void> {
  const fromDredd = { paths: [path.dirname(require.resolve('dredd'))] };
  const parsePath = require.resolve('dredd-transactions/parse', fromDredd);
  const corePath = require.resolve('@apielements/core', { paths: [path.dirname(parsePath)] });
  const versions = ['dredd-transactions/package.json', '@apielements/apib-parser/package.json'].map((name) => {
    const manifest = require.resolve(name, { paths: [path.dirname(parsePath)] });
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  });
  const { minim } = require(corePath) as { minim: Minim };
  delete require.cache[parsePath]; // a parse cache installed before (in the same process) is replaced, not wrapped
  const realParse = require(parsePath) as Parse;

  const parses = new Map<string, ParseResult>();
  for (const specPath of specPaths) {
    const source = readFileSync(specPath, 'utf8');
    const key = createHash('sha256')
      .update(`${versions.join(' ')}\0${source}`)
      .digest('hex');
    const file = path.join(cacheDir, `${key}.json`);
    const stored = readStored(file);
    if (stored) {
      parses.set(source, { mediaType: stored.mediaType, apiElements: minim.fromRefract(stored.apiElements) });
    } else {
      const parsed = await new Promise<ParseResult>((resolve) => realParse(source, (_error, result) => resolve(result)));
      store(file, { mediaType: parsed.mediaType, apiElements: minim.toRefract(parsed.apiElements) });
      parses.set(source, parsed);
    }
  }

  const cached = new Module(parsePath);
  cached.filename = parsePath;
  cached.loaded = true;
  // Any other document (none today) is parsed as usual.
  cached.exports = ((text: string, callback: ParseCallback) => {
    const parsed = parses.get(text);
    if (parsed) process.nextTick(callback, null, parsed);
    else realParse(text, callback);
  }) satisfies Parse;
  require.cache[parsePath] = cached;
}

function readStored(file: string): ParseResult | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ParseResult;
  } catch {
    return undefined;
  }
}

// Written under a temporary name and renamed, so self-test cases starting together never read half a file. A cache that
// cannot be written only costs the next run its parse.
function store(file: string, result: ParseResult): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(result));
    renameSync(temporary, file);
  } catch {
    // Nothing to do: the parse result is in memory for this run.
  }
}
