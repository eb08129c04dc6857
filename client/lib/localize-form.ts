/** Form texts per language: `form.i18n[lang]` maps JSON pointers into the schema to texts. Pure. */
import { isRecord, isSafePath, parsePointer } from './json-pointer.ts';
import type { FormView, Lang } from './types.ts';

/** Keywords whose string value is a text for people (the rest of a schema is structure or data). */
const TEXT_KEYWORDS = new Set(['title', 'description']);

/**
 * A copy of `schema` with each pointer's text put in place (`/properties/fullName/title` → "Full
 * name"). A pointer is applied only when it ends in `title` or `description` (or an item of a
 * legacy `enumNames` list) under an existing parent, so a wrong pointer can never change the
 * schema's structure or data (`required`, `enum`, `const`, …). Returns `schema` itself when there
 * is nothing to apply.
 */
export function localizeSchema<T>(schema: T, overrides: Record<string, string> | undefined): T {
  if (!overrides || Object.keys(overrides).length === 0) return schema;
  const copy = JSON.parse(JSON.stringify(schema)) as T;
  for (const [pointer, text] of Object.entries(overrides)) {
    const path = parsePointer(pointer);
    if (!path || path.length === 0 || !isSafePath(path) || typeof text !== 'string') continue;
    let parent: unknown = copy;
    for (const segment of path.slice(0, -1)) {
      parent = isRecord(parent) || Array.isArray(parent) ? (parent as Record<string, unknown>)[segment] : undefined;
    }
    const last = path[path.length - 1] as string;
    if (Array.isArray(parent)) {
      const i = /^\d+$/.test(last) ? Number(last) : -1;
      if (path[path.length - 2] === 'enumNames' && i >= 0 && i < parent.length && typeof parent[i] === 'string') parent[i] = text;
    } else if (isRecord(parent) && TEXT_KEYWORDS.has(last)) {
      const current = Object.hasOwn(parent, last) ? parent[last] : undefined;
      if (current === undefined || typeof current === 'string') parent[last] = text;
    }
  }
  return copy;
}

/** The form's schema in `lang`. */
export function localizedSchema(form: FormView, lang: Lang): Record<string, unknown> {
  return localizeSchema(form.schema, form.i18n?.[lang]);
}

/** The values of `data` for the schema's own top-level properties (so other steps' answers are not sent back). */
export function pickSchemaFields(schema: unknown, data: Record<string, unknown> | undefined): Record<string, unknown> {
  const props = isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(props)) if (data && Object.hasOwn(data, key) && data[key] !== null) out[key] = data[key];
  return out;
}
