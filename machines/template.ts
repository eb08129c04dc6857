/** Message templates: `{{path.to.value}}` placeholders, filled from plain data. No code runs. */
import { readPath } from './object-path.ts';

const PLACEHOLDER = /\{\{\s*([\w$-]+(?:\.[\w$-]+)*)\s*\}\}/g;

/**
 * Replaces each `{{a.b}}` (spaces inside the braces allowed) with the value at that dotted path of
 * `vars`, read through own properties only. Strings, numbers and booleans are inserted as text;
 * missing values, null, objects and arrays become ''. Anything else between braces is left as is.
 * No escaping (the caller escapes for HTML). Pure, never throws.
 */
export function renderTemplate(template: string, vars: Record<string, unknown>): string {
  return template.replace(PLACEHOLDER, (_match, path: string) => {
    const value = readPath(vars, path);
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  });
}
