// The spec as Dredd 14 sees it: dredd-transactions (Dredd's own parser and compiler) turns the API Blueprint into
// HTTP transactions, each response with its example body and the JSON Schema drafter generated for it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SPEC_FILES } from '../../common/spec-contract.ts';

export interface CompiledOrigin {
  resourceName: string;
  actionName: string;
  exampleName: string;
}

export interface CompiledTransaction {
  name: string;
  origin: CompiledOrigin;
  request: { method: string; uri: string; headers: Array<{ name: string; value: string }>; body: string };
  response: { status: string; headers: Array<{ name: string; value: string }>; body?: string; schema?: string };
}

export interface CompileAnnotation {
  type: 'error' | 'warning';
  component: string;
  message: string;
  name?: string;
  origin?: CompiledOrigin;
}

export interface CompiledSpec {
  transactions: CompiledTransaction[];
  annotations: CompileAnnotation[];
}

/** The part of dredd-transactions (which ships no types) this module uses. */
interface DreddTransactions {
  parse(source: string, callback: (error: Error | null, result: { mediaType: string; apiElements: unknown }) => void): void;
  compile(mediaType: string, apiElements: unknown, filename: string): CompiledSpec;
}

const require = createRequire(import.meta.url);
const dreddTransactions = require('dredd-transactions') as DreddTransactions;

/** Compiles every file of the spec (default: all of spec/) and joins their transactions and annotations, in order. */
export async function compileSpec(files: readonly string[] = SPEC_FILES): Promise<CompiledSpec> {
  const compiled = await Promise.all(files.map(compileFile));
  return { transactions: compiled.flatMap((c) => c.transactions), annotations: compiled.flatMap((c) => c.annotations) };
}

function compileFile(path: string): Promise<CompiledSpec> {
  const source = readFileSync(path, 'utf8');
  return new Promise((resolve, reject) => {
    dreddTransactions.parse(source, (error, { mediaType, apiElements }) => {
      if (error) {
        reject(error);
        return;
      }
      try {
        resolve(dreddTransactions.compile(mediaType, apiElements, path));
      } catch (compileError) {
        reject(compileError instanceof Error ? compileError : new Error(String(compileError)));
      }
    });
  });
}
