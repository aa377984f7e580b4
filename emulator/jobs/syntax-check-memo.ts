// Remembers which files passed `node --check`, so a rebuild of the same sources does not start a process per file again.
// What `node --check` decides depends only on the file's bytes, its name (the extension) and the package.json files
// around it (`type`), so those make the key; a failure is not remembered and is checked (and logged) every time.
import { createHash } from 'node:crypto';
import type { SourceFileContent } from './build-sources.ts';

export class SyntaxCheckMemo {
  private readonly passed = new Set<string>();

  has(file: SourceFileContent, sources: readonly SourceFileContent[]): boolean {
    return this.passed.has(keyOf(file, sources));
  }

  remember(file: SourceFileContent, sources: readonly SourceFileContent[]): void {
    this.passed.add(keyOf(file, sources));
  }
}

function keyOf(file: SourceFileContent, sources: readonly SourceFileContent[]): string {
  const hash = createHash('sha256');
  const part = (name: string, bytes: Buffer) => hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  part(file.name, file.bytes);
  for (const manifest of sources.filter((source) => /(^|\/)package\.json$/.test(source.name))) part(manifest.name, manifest.bytes);
  return hash.digest('hex');
}
