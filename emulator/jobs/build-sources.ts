// What a build does with a version's sources: take the files (SOURCE_CODE or SOURCE_FILES; other source types need the
// network and fail), write them into the build's directory, find the main file and check that the JavaScript parses.
//
// The main file is, in this order: the file named by `node <file>` in package.json's scripts.start; package.json's
// "main"; the first of main.js, src/main.js, index.js, src/index.js. It must be a .js, .mjs or .cjs file.
// SOURCE_CODE is a single main.js. Dependencies are not installed: `apify` resolves to the emulator's small stand-in
// for the SDK (emulator/actor-sdk/apify), anything else fails at run time with Node's own error.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Version } from '../state/types.ts';

export interface SourceFileContent {
  name: string;
  bytes: Buffer;
}

export class BuildFailure extends Error {}

const MAIN_FILE_CANDIDATES = ['main.js', 'src/main.js', 'index.js', 'src/index.js'];
const JAVASCRIPT_FILE = /\.(c|m)?js$/;
const SDK_DIR = fileURLToPath(new URL('../actor-sdk/apify', import.meta.url));

/** A file name that stays inside the build directory: relative, no `..`, no empty segments, no backslashes. */
export function isSafeSourcePath(name: string): boolean {
  if (name === '' || name.length > 500 || name.includes('\\') || name.includes('\0')) return false;
  if (name.startsWith('/')) return false;
  return name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

export function sourceFilesOf(version: Version): SourceFileContent[] {
  switch (version.sourceType) {
    case 'SOURCE_CODE':
      if (!version.sourceCode) throw new BuildFailure('The version has no sourceCode to build.');
      return [{ name: 'main.js', bytes: Buffer.from(version.sourceCode, 'utf8') }];
    case 'SOURCE_FILES':
      if (!version.sourceFiles || version.sourceFiles.length === 0) {
        throw new BuildFailure('The version has no sourceFiles to build.');
      }
      return version.sourceFiles.map((file) => ({
        name: file.name,
        bytes: Buffer.from(file.content, file.format === 'BASE64' ? 'base64' : 'utf8'),
      }));
    case 'GIT_REPO':
      throw offline('the Git repository', version.gitRepoUrl);
    case 'TARBALL':
      throw offline('the tarball', version.tarballUrl);
    case 'GITHUB_GIST':
      throw offline('the GitHub Gist', version.gitHubGistUrl);
  }
}

function offline(what: string, url: string | null): BuildFailure {
  return new BuildFailure(`Cannot fetch ${what} ${url ?? '(no URL given)'}: the emulator works offline and builds only SOURCE_CODE and SOURCE_FILES versions.`);
}

interface PackageJson {
  main?: unknown;
  scripts?: { start?: unknown };
  dependencies?: Record<string, unknown>;
}

export function packageJsonOf(files: readonly SourceFileContent[]): PackageJson | null {
  const file = files.find((candidate) => candidate.name === 'package.json');
  if (file === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(file.bytes.toString('utf8'));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as PackageJson;
  } catch (error) {
    throw new BuildFailure(`package.json is not a valid JSON object: ${(error as Error).message}`);
  }
}

/** The file `node` runs, by the rule at the top of this file. */
export function mainFileOf(files: readonly SourceFileContent[]): string {
  const names = new Set(files.map((file) => file.name));
  const packageJson = packageJsonOf(files);
  const startScript = typeof packageJson?.scripts?.start === 'string' ? packageJson.scripts.start : undefined;
  const fromStart = startScript === undefined ? undefined : /^node\s+(\S+)\s*$/.exec(startScript)?.[1];
  const fromMain = typeof packageJson?.main === 'string' ? packageJson.main : undefined;
  const named = [fromStart, fromMain].find((name) => name !== undefined);
  const mainFile = named !== undefined ? posix.normalize(named).replace(/^\.\//, '') : MAIN_FILE_CANDIDATES.find((name) => names.has(name));
  if (mainFile === undefined) {
    throw new BuildFailure(
      `No main file: name it in package.json ("scripts.start": "node <file>" or "main") or add one of ${MAIN_FILE_CANDIDATES.join(', ')}.`,
    );
  }
  if (!names.has(mainFile)) throw new BuildFailure(`The main file ${mainFile} named in package.json is not among the source files.`);
  if (!JAVASCRIPT_FILE.test(mainFile)) throw new BuildFailure(`The main file ${mainFile} is not a JavaScript file (.js, .mjs, .cjs).`);
  return mainFile;
}

export function javaScriptFilesOf(files: readonly SourceFileContent[]): string[] {
  return files.map((file) => file.name).filter((name) => JAVASCRIPT_FILE.test(name) && !name.startsWith('node_modules/'));
}

/** Dependencies the emulator does not install (everything but `apify`). */
export function missingDependenciesOf(files: readonly SourceFileContent[]): string[] {
  return Object.keys(packageJsonOf(files)?.dependencies ?? {}).filter((name) => name !== 'apify');
}

/** Writes the files into `dir` and makes `apify` resolve to the emulator's SDK stand-in. */
export async function writeSources(dir: string, files: readonly SourceFileContent[]): Promise<void> {
  for (const file of files) {
    if (!isSafeSourcePath(file.name)) throw new BuildFailure(`The source file name "${file.name}" is not a safe relative path.`);
  }
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  await Promise.all(
    files.map(async (file) => {
      const path = join(dir, file.name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.bytes);
    }),
  );
  if (!files.some((file) => file.name.startsWith('node_modules/apify/'))) {
    await symlink(SDK_DIR, join(dir, 'node_modules', 'apify'), 'dir');
  }
}

/** The longest a `RUN sleep` step may hold a build, in seconds: a build step, not a way to park a job for hours. */
const MAX_SLEEP_STEP_SECS = 3600;

/**
 * The seconds of the `RUN sleep <n>` steps of the version's Dockerfile: the one kind of build step the emulator performs,
 * so that a build can be slow by construction, the same way on the platform (which runs the Dockerfile) and here.
 */
export function dockerfileSleepSecs(files: readonly SourceFileContent[]): number {
  const dockerfile = files.find((file) => file.name === 'Dockerfile' || file.name === '.actor/Dockerfile');
  if (dockerfile === undefined) return 0;
  let total = 0;
  for (const line of dockerfile.bytes.toString('utf8').split('\n')) {
    const step = /^\s*RUN\s+sleep\s+(\d+(?:\.\d+)?)\s*$/i.exec(line);
    if (step) total += Math.min(Number(step[1]), MAX_SLEEP_STEP_SECS);
  }
  return total;
}
