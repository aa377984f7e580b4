// Actor versions: creation and partial update. Input is already validated by the routes' schemas and checks.
import type { EnvVar, SourceFile, SourceType, Version } from './types.ts';

export type SourceFileInput = Omit<SourceFile, 'format'> & { format?: SourceFile['format'] };

export const DEFAULT_BUILD_TAG = 'latest';

export interface EnvVarInput {
  name: string;
  value?: string;
  isSecret?: boolean | null;
}

/** A version as clients send it: every field optional; null clears a nullable field. */
export interface VersionInput {
  versionNumber?: string;
  sourceType?: SourceType;
  buildTag?: string | null;
  envVars?: EnvVarInput[] | null;
  applyEnvVarsToBuild?: boolean | null;
  baseDockerImage?: string | null;
  sourceCode?: string | null;
  sourceFiles?: SourceFileInput[] | null;
  gitRepoUrl?: string | null;
  tarballUrl?: string | null;
  gitHubGistUrl?: string | null;
}

export function createVersion(input: VersionInput & { versionNumber: string; sourceType: SourceType }): Version {
  const version: Version = {
    versionNumber: input.versionNumber,
    sourceType: input.sourceType,
    buildTag: DEFAULT_BUILD_TAG,
    envVars: null,
    applyEnvVarsToBuild: null,
    baseDockerImage: null,
    sourceCode: null,
    sourceFiles: null,
    gitRepoUrl: null,
    tarballUrl: null,
    gitHubGistUrl: null,
  };
  updateVersion(version, input);
  return version;
}

/** Applies the fields present in `input`; absent fields keep their values. */
export function updateVersion(version: Version, input: VersionInput): void {
  if (input.versionNumber !== undefined) version.versionNumber = input.versionNumber;
  if (input.sourceType !== undefined) version.sourceType = input.sourceType;
  if (input.buildTag !== undefined) version.buildTag = input.buildTag ?? DEFAULT_BUILD_TAG;
  if (input.envVars !== undefined) version.envVars = mergeEnvVars(version.envVars, input.envVars);
  if (input.applyEnvVarsToBuild !== undefined) version.applyEnvVarsToBuild = input.applyEnvVarsToBuild;
  if (input.baseDockerImage !== undefined) version.baseDockerImage = input.baseDockerImage;
  if (input.sourceCode !== undefined) version.sourceCode = input.sourceCode;
  if (input.sourceFiles !== undefined) {
    version.sourceFiles = input.sourceFiles?.map((file) => ({ name: file.name, format: file.format ?? 'TEXT', content: file.content })) ?? null;
  }
  if (input.gitRepoUrl !== undefined) version.gitRepoUrl = input.gitRepoUrl;
  if (input.tarballUrl !== undefined) version.tarballUrl = input.tarballUrl;
  if (input.gitHubGistUrl !== undefined) version.gitHubGistUrl = input.gitHubGistUrl;
}

/**
 * Secret values are never returned, so a client that reads a version and writes it back sends secrets without a
 * value: such a variable keeps the value it had.
 */
function mergeEnvVars(current: EnvVar[] | null, input: EnvVarInput[] | null): EnvVar[] | null {
  if (input === null) return null;
  return input.map((variable) => {
    const isSecret = variable.isSecret === true;
    const previous = current?.find((old) => old.name === variable.name);
    const value = variable.value ?? (isSecret && previous?.isSecret ? previous.value : '');
    return { name: variable.name, value, isSecret };
  });
}
