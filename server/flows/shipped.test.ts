/** Every definition the product ships (and the test fixtures) passes the validator with its forms. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateBundle } from '#machines/validate.ts';
import { REPO_ROOT } from '../config.ts';
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
    const errors = validateBundle(bundle).filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
    expect(path.basename(file, '.json')).toBe(bundle.definition.key);
  });
});
