/** Reads shipped definitions (machines/definitions/*.json) and the forms they name (forms/<id>.json). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FlowBundle, FlowDefinition, FormDefinition } from '#machines/types.ts';
import { formIdsOf } from '#machines/forms.ts';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * The definition in `file` with every form it refers to, from the first of `formsDirs` that has
 * it (missing ones are left for the validator to report).
 */
export function readBundle(file: string, formsDirs: string | string[]): FlowBundle {
  const definition = readJson(file) as FlowDefinition;
  const forms: Record<string, FormDefinition> = {};
  for (const id of formIdsOf(definition)) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) continue;
    const formFile = [formsDirs].flat().map((dir) => path.join(dir, `${id}.json`)).find((f) => existsSync(f));
    if (formFile) forms[id] = readJson(formFile) as FormDefinition;
  }
  return { definition, forms };
}

/** Every `*.json` definition file in the folders (sorted within each; none from a folder that is missing). */
export function definitionFiles(dirs: string | string[]): string[] {
  return [dirs].flat().flatMap((dir) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => path.join(dir, f))
      : [],
  );
}
