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

/** The definition in `file` with every form it refers to that exists in `formsDir` (missing ones are left for the validator to report). */
export function readBundle(file: string, formsDir: string): FlowBundle {
  const definition = readJson(file) as FlowDefinition;
  const forms: Record<string, FormDefinition> = {};
  for (const id of formIdsOf(definition)) {
    const formFile = path.join(formsDir, `${id}.json`);
    if (/^[a-z0-9][a-z0-9-]*$/.test(id) && existsSync(formFile)) forms[id] = readJson(formFile) as FormDefinition;
  }
  return { definition, forms };
}

/** Every `*.json` definition file in `dir` (sorted; none when the folder is missing). */
export function definitionFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}
