/**
 * Every definition the product ships (and the test fixtures) passes the validator with its forms,
 * with the registry of the installed packs, and satisfies the editor's JSON Schema of the format.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { definitionSchema } from '#machines/definition-schema.ts';
import { validateBundle } from '#machines/validate.ts';
import Ajv from 'ajv';
import { REPO_ROOT } from '../config.ts';
import { installedPacks } from '../packs.ts';
import { definitionFiles, readBundle } from './files.ts';

const sets = [
  { name: 'shipped', definitions: path.join(REPO_ROOT, 'machines/definitions'), forms: path.join(REPO_ROOT, 'forms') },
  { name: 'fixture', definitions: path.join(REPO_ROOT, 'machines/fixtures/definitions'), forms: path.join(REPO_ROOT, 'machines/fixtures/forms') },
];

describe.each(sets)('$name definitions', ({ definitions, forms }) => {
  const files = definitionFiles(definitions);
  if (files.length === 0) it.todo('ships no definitions yet');
  else it.each(files)('%s validates with no errors', (file) => {
    const bundle = readBundle(file, forms);
    const errors = validateBundle(bundle, installedPacks.registry).filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
    const schema = new Ajv({ strict: false, allErrors: true }).compile(definitionSchema(installedPacks.registry));
    expect(schema(bundle.definition), JSON.stringify(schema.errors?.slice(0, 3))).toBe(true);
    expect(path.basename(file, '.json')).toBe(bundle.definition.key);
  });
});
