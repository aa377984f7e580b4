import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Compiled {
  transactions: Array<{ name: string }>;
  annotations: Array<{ type: string; message: string }>;
}

const { parse, compile } = require('dredd-transactions') as {
  parse(source: string, callback: (error: Error | null, result: { mediaType: string; apiElements: unknown }) => void): void;
  compile(mediaType: string, apiElements: unknown, filename: string): Compiled;
};

/**
 * The transaction names the spec defines, compiled straight from the file with the library Dredd uses (not through
 * runner/dredd), so a test can hold the runner's count against it.
 */
export async function specTransactionNames(specPath = 'spec/apify-v2-actors.apib'): Promise<string[]> {
  const source = await readFile(specPath, 'utf8');
  const parsed = await new Promise<{ mediaType: string; apiElements: unknown }>((resolve, reject) =>
    parse(source, (error, result) => (error ? reject(error) : resolve(result))),
  );
  const compiled = compile(parsed.mediaType, parsed.apiElements, specPath);
  if (compiled.annotations.length > 0) {
    throw new Error(`the spec has annotations: ${compiled.annotations.map((a) => `${a.type}: ${a.message}`).join('; ')}`);
  }
  return compiled.transactions.map((transaction) => transaction.name);
}
