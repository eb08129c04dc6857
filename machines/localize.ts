/**
 * Form texts per language. A form is written in the default language (Indonesian); `i18n[lang]`
 * maps JSON pointers to replacement texts. Convention: a pointer starting with `/ui/` points into
 * the `uiSchema` (after dropping `/ui`), any other pointer into the `schema`. Only texts change:
 * a schema pointer must end in `title` or `description`, a uiSchema pointer in a `ui:*` option
 * (`ui:help`, `ui:placeholder`, …), so no language can alter what the data must satisfy.
 * Example: `"/properties/fullName/title": "Full name"`, `"/ui/fullName/ui:help": "As in your ID"`.
 */
import { isRecord } from './object-path.ts';
import type { FormDefinition, Lang } from './types.ts';

const UI_PREFIX = '/ui/';
const SCHEMA_TEXT_KEYS = ['title', 'description'];
const UNSAFE_SEGMENTS = ['__proto__', 'constructor', 'prototype'];

/** Where an i18n pointer writes: the document it targets and the unescaped segments (RFC 6901). Pure. */
export function i18nTarget(pointer: string): { document: 'schema' | 'uiSchema'; segments: string[] } {
  const uiSchema = pointer.startsWith(UI_PREFIX);
  const segments = (uiSchema ? pointer.slice(UI_PREFIX.length - 1) : pointer)
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  return { document: uiSchema ? 'uiSchema' : 'schema', segments };
}

/** True when an i18n target names a text (schema `title`/`description`, uiSchema `ui:*`) through safe segments. Pure. */
export function isTextTarget({ document, segments }: ReturnType<typeof i18nTarget>): boolean {
  const last = segments.at(-1) ?? '';
  const isText = document === 'schema' ? SCHEMA_TEXT_KEYS.includes(last) : last.startsWith('ui:');
  return isText && !segments.some((s) => UNSAFE_SEGMENTS.includes(s));
}

/**
 * The object that holds the pointer's last segment, or `null` when the path does not exist.
 * With `create`, missing objects on the way are created (used for the uiSchema, which is sparse).
 * Mutates `root` only when `create` is true.
 */
export function pointerParent(root: Record<string, unknown>, segments: string[], create: boolean): Record<string, unknown> | null {
  let current = root;
  for (const segment of segments.slice(0, -1)) {
    const next = Object.hasOwn(current, segment) ? current[segment] : undefined;
    // Arrays are walked by index (`/properties/sex/oneOf/0/title`).
    if (isRecord(next) || Array.isArray(next)) {
      current = next as Record<string, unknown>;
      continue;
    }
    if (!create || next !== undefined) return null;
    const created: Record<string, unknown> = {};
    current[segment] = created;
    current = created;
  }
  return current;
}

/**
 * A deep copy of `form` with the texts of `lang` applied and `i18n` removed. Pure. Skipped (the
 * validator warns about each): pointers that do not name a text, schema pointers whose parent does
 * not exist, and targets holding something other than a string. uiSchema paths are created.
 */
export function localize(form: FormDefinition, lang: Lang): FormDefinition {
  const { i18n, ...rest } = form;
  const copy = structuredClone(rest);
  const documents = { schema: copy.schema, uiSchema: (copy.uiSchema ??= {}) };
  for (const [pointer, text] of Object.entries(i18n?.[lang] ?? {})) {
    const target = i18nTarget(pointer);
    if (!isTextTarget(target) || typeof text !== 'string') continue;
    const parent = pointerParent(documents[target.document], target.segments, target.document === 'uiSchema');
    const key = target.segments.at(-1) as string;
    if (parent && (parent[key] === undefined || typeof parent[key] === 'string')) parent[key] = text;
  }
  return copy;
}
