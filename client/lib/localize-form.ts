/**
 * Forms in the UI language. The texts come from `form.i18n[lang]`, applied by `localize` from
 * machines/ (the same code the server and the definition validator use): schema pointers change
 * `title`/`description`, `/ui/…` pointers change `ui:*` options of the uiSchema, nothing else.
 */
import { localize } from '#machines/localize.ts';
import { isRecord } from './json-pointer.ts';
import type { FormView, Lang } from './types.ts';

export type LocalizedForm = { schema: Record<string, unknown>; uiSchema: Record<string, unknown> };

/** The form's schema and uiSchema in `lang`. Pure. */
export function localizedForm(form: FormView, lang: Lang): LocalizedForm {
  const out = localize({ id: form.id, schema: form.schema, ...(form.uiSchema ? { uiSchema: form.uiSchema } : {}), ...(form.i18n ? { i18n: form.i18n } : {}) }, lang);
  return { schema: out.schema, uiSchema: out.uiSchema ?? {} };
}

/**
 * The names of the fields a form may hold at its top level: its `properties` and those of its
 * conditional and combined branches (`if`/`then`/`else`, `allOf`/`anyOf`/`oneOf`,
 * `dependentSchemas`/`dependencies`). Pure.
 */
export function schemaFieldNames(schema: unknown, depth = 0): Set<string> {
  const names = new Set<string>();
  if (!isRecord(schema) || depth > 16) return names;
  if (isRecord(schema.properties)) for (const k of Object.keys(schema.properties)) names.add(k);
  const branches: unknown[] = [schema.then, schema.else];
  for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(schema[key])) branches.push(...(schema[key] as unknown[]));
  for (const key of ['dependentSchemas', 'dependencies']) if (isRecord(schema[key])) branches.push(...Object.values(schema[key] as Record<string, unknown>));
  for (const b of branches) for (const k of schemaFieldNames(b, depth + 1)) names.add(k);
  return names;
}

/** The values of `data` for the form's own fields (so other steps' answers are not sent back). Pure. */
export function pickSchemaFields(schema: unknown, data: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!data) return out;
  for (const key of schemaFieldNames(schema)) if (Object.hasOwn(data, key) && data[key] !== null) out[key] = data[key];
  return out;
}
