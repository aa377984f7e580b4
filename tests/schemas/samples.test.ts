// Every schema of schemas/ is loadable, draft-07, open to extra members, and json-schema-faker 0.5.9 makes
// samples that pass it (the hooks and the emulator's tests build bodies from these samples).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fake, SCHEMA_BASE_URI, SCHEMA_DIRECTORY, SCHEMA_NAMES, schemaOf, validate } from '../../common/schemas.ts';

const SAMPLES_PER_SCHEMA = 20;

describe('the schema catalogue', () => {
  it('lists exactly the files of schemas/', () => {
    const files = readdirSync(SCHEMA_DIRECTORY).filter((file) => file.endsWith('.json'));
    expect([...files].sort()).toEqual(SCHEMA_NAMES.map((name) => `${name}.json`).sort());
  });

  it.each(SCHEMA_NAMES)('%s is a draft-07 schema whose $id is its file name', (name) => {
    const schema: unknown = JSON.parse(readFileSync(new URL(`${name}.json`, SCHEMA_DIRECTORY), 'utf8'));
    expect(schema).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `${SCHEMA_BASE_URI}${name}.json`,
    });
  });

  it.each(SCHEMA_NAMES)('%s never forbids undocumented members (no additionalProperties: false)', (name) => {
    const closed: string[] = [];
    visit(schemaOf(name), '#', (node, path) => {
      if (node.additionalProperties === false) closed.push(path);
    });
    expect(closed).toEqual([]);
  });
});

describe(`${SAMPLES_PER_SCHEMA} json-schema-faker samples per schema`, () => {
  it.each(SCHEMA_NAMES)('every sample of %s passes it', (name) => {
    for (let seed = 1; seed <= SAMPLES_PER_SCHEMA; seed += 1) {
      const sample = fake(name, { seed });
      expect(validate(name, sample), `sample with seed ${seed}: ${JSON.stringify(sample)}`).toEqual({ ok: true });
    }
  });

  it('the same seed gives the same sample and another seed another one', () => {
    expect(fake('run-response', { seed: 7 })).toEqual(fake('run-response', { seed: 7 }));
    expect(fake('run-response', { seed: 7 })).not.toEqual(fake('run-response', { seed: 8 }));
  });

  it('samples exercise both sides of a nullable field', () => {
    const finishedAt = new Set<string>();
    for (let seed = 1; seed <= SAMPLES_PER_SCHEMA; seed += 1) {
      finishedAt.add(fake('run', { seed }).finishedAt === null ? 'null' : 'date');
    }
    expect([...finishedAt].sort()).toEqual(['date', 'null']);
  });
});

type SchemaNode = { [keyword: string]: unknown };

function visit(node: unknown, path: string, onNode: (node: SchemaNode, path: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((child, index) => {
      visit(child, `${path}/${index}`, onNode);
    });
  } else if (typeof node === 'object' && node !== null) {
    const schemaNode = node as SchemaNode;
    onNode(schemaNode, path);
    for (const [key, child] of Object.entries(schemaNode)) visit(child, `${path}/${key}`, onNode);
  }
}
