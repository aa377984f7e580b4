// Build sources: which file is the main file, which names are safe to write, and which source types need the network.
import { describe, expect, it } from 'vitest';
import { BuildFailure, isSafeSourcePath, mainFileOf, type SourceFileContent, sourceFilesOf } from '../../../emulator/jobs/build-sources.ts';
import { createVersion } from '../../../emulator/state/versions.ts';

const file = (name: string, content = ''): SourceFileContent => ({ name, bytes: Buffer.from(content) });

describe('mainFileOf', () => {
  it('prefers `node <file>` in scripts.start, then "main", then the usual names', () => {
    const packageJson = (value: object) => file('package.json', JSON.stringify(value));
    expect(mainFileOf([packageJson({ scripts: { start: 'node src/run.js' }, main: 'main.js' }), file('src/run.js'), file('main.js')])).toBe('src/run.js');
    expect(mainFileOf([packageJson({ main: './lib/entry.mjs' }), file('lib/entry.mjs')])).toBe('lib/entry.mjs');
    expect(mainFileOf([file('index.js'), file('src/main.js')])).toBe('src/main.js');
    expect(mainFileOf([file('index.js')])).toBe('index.js');
  });

  it('fails the build clearly when there is no runnable main file', () => {
    expect(() => mainFileOf([file('README.md')])).toThrow(/No main file/);
    expect(() => mainFileOf([file('package.json', '{"main":"gone.js"}')])).toThrow(/gone.js named in package.json is not among the source files/);
    expect(() => mainFileOf([file('package.json', '{"main":"main.ts"}'), file('main.ts')])).toThrow(/not a JavaScript file/);
    expect(() => mainFileOf([file('package.json', '{not json')])).toThrow(BuildFailure);
  });
});

describe('isSafeSourcePath', () => {
  it('accepts relative paths inside the source and nothing else', () => {
    expect(['main.js', 'src/a/b.js', '.actor/input_schema.json'].every(isSafeSourcePath)).toBe(true);
    expect(['', '/etc/passwd', '../up.js', 'a/../../b', 'a//b', 'a\\b', './main.js'].some(isSafeSourcePath)).toBe(false);
  });
});

describe('sourceFilesOf', () => {
  it('decodes BASE64 files and makes SOURCE_CODE a main.js', () => {
    const files = sourceFilesOf(
      createVersion({
        versionNumber: '0.0',
        sourceType: 'SOURCE_FILES',
        sourceFiles: [{ name: 'main.js', format: 'BASE64', content: Buffer.from('ok()').toString('base64') }],
      }),
    );
    expect(files[0].bytes.toString()).toBe('ok()');
    expect(sourceFilesOf(createVersion({ versionNumber: '0.0', sourceType: 'SOURCE_CODE', sourceCode: 'x()' }))).toEqual([file('main.js', 'x()')]);
  });

  it('fails offline source types with a message that says why', () => {
    for (const sourceType of ['GIT_REPO', 'TARBALL', 'GITHUB_GIST'] as const) {
      expect(() => sourceFilesOf(createVersion({ versionNumber: '0.0', sourceType, gitRepoUrl: 'https://example.com/r.git' }))).toThrow(
        /the emulator works offline/,
      );
    }
  });
});
