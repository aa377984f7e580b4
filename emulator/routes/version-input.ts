// The version object clients send (to Create/Update version, and inside Create/Update actor): its JSON schema and the
// checks a schema cannot express (safe file names, valid base64, secrets that keep a value).

import { invalidInput } from '../errors.ts';
import { isSafeSourcePath } from '../jobs/build-sources.ts';
import { SOURCE_TYPES, type Version } from '../state/types.ts';
import type { VersionInput } from '../state/versions.ts';

const nullableString = { type: ['string', 'null'] } as const;

export const versionNumberSchema = { type: 'string', pattern: '^[0-9]{1,5}\\.[0-9]{1,5}$' } as const;

// Unknown fields are refused (additionalProperties: false) rather than silently dropped.
export const versionInputSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    versionNumber: versionNumberSchema,
    sourceType: { type: 'string', enum: SOURCE_TYPES },
    buildTag: { type: ['string', 'null'], pattern: '^[a-zA-Z0-9._-]{1,64}$' },
    envVars: {
      type: ['array', 'null'],
      maxItems: 100,
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: '^[a-zA-Z_][a-zA-Z0-9_]{0,99}$' },
          value: { type: 'string' },
          isSecret: { type: ['boolean', 'null'] },
        },
      },
    },
    applyEnvVarsToBuild: { type: ['boolean', 'null'] },
    baseDockerImage: nullableString,
    sourceCode: nullableString,
    sourceFiles: {
      type: ['array', 'null'],
      items: {
        type: 'object',
        required: ['name', 'content'],
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          format: { type: 'string', enum: ['TEXT', 'BASE64'] },
          content: { type: 'string' },
        },
      },
    },
    gitRepoUrl: nullableString,
    tarballUrl: nullableString,
    gitHubGistUrl: nullableString,
  },
} as const;

export const newVersionInputSchema = { ...versionInputSchema, required: ['versionNumber', 'sourceType'] } as const;

export type NewVersionInput = VersionInput & { versionNumber: string; sourceType: Version['sourceType'] };

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/**
 * Checks what the schema cannot. `previous` is the version being updated, if any; `field` prefixes messages
 * (e.g. "versions[1].").
 */
export function checkVersionInput(input: VersionInput, previous: Version | undefined, field = ''): void {
  const files = input.sourceFiles ?? [];
  const names = new Set<string>();
  files.forEach((file, index) => {
    if (!isSafeSourcePath(file.name)) {
      throw invalidInput(`Field "${field}sourceFiles[${index}].name" must be a relative path inside the source (got "${file.name}")`);
    }
    if (names.has(file.name)) throw invalidInput(`Field "${field}sourceFiles" names the file "${file.name}" twice`);
    names.add(file.name);
    if (file.format === 'BASE64' && !BASE64.test(file.content)) {
      throw invalidInput(`Field "${field}sourceFiles[${index}].content" is not valid base64`);
    }
  });
  const variables = new Set<string>();
  (input.envVars ?? []).forEach((variable, index) => {
    if (variables.has(variable.name)) throw invalidInput(`Field "${field}envVars" names the variable "${variable.name}" twice`);
    variables.add(variable.name);
    const keepsSecret = variable.isSecret === true && previous?.envVars?.some((old) => old.name === variable.name && old.isSecret);
    if (variable.value === undefined && !keepsSecret) {
      throw invalidInput(`Field "${field}envVars[${index}].value" is required`);
    }
  });
}
