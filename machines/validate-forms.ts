/** Checks of a bundle's forms: shape, id, a compiling object schema, i18n pointers, known widgets. */
import { at, checkI18n, type Findings, kindOf, list, unknownKeys, type Json } from './findings.ts';
import { createFormAjv } from './form-ajv.ts';
import { i18nTarget, isTextTarget, pointerParent } from './localize.ts';
import { isRecord } from './object-path.ts';
import type { Registry } from './registry.ts';
import { LANGS } from './types.ts';

const FORM_KEYS = ['id', 'title', 'schema', 'uiSchema', 'i18n'];

/** Checks every form of a bundle; returns them (or `{}` when `forms` is not an object). */
export function checkForms(out: Findings, forms: unknown, registry: Registry): Json {
  if (forms === undefined) {
    out.error('$.forms', 'forms is missing; expected an object of form id → form ({} when no state has a form)');
    return {};
  }
  if (!isRecord(forms)) {
    out.error('$.forms', `forms must be an object of form id → form, got ${kindOf(forms)}`);
    return {};
  }
  for (const [key, form] of Object.entries(forms)) checkFormShape(out, key, form, at('$.forms', key), registry);
  return forms;
}

// NOTE: compiling generates code (milliseconds per form) and drafts are re-validated on every edit,
// so results are memoized by schema text; a fresh Ajv per schema keeps `$id`s from colliding.
const compileResults = new Map<string, string | null>();
const COMPILE_CACHE_SIZE = 256;

/** Why a form schema does not compile with the forms' Ajv (or compiles only by ignoring part of it), or null. */
function compileProblem(schema: Json): string | null {
  const text = JSON.stringify(schema);
  const cached = compileResults.get(text);
  if (cached !== undefined) return cached;
  const ignored: string[] = [];
  const collect = (...args: unknown[]) => ignored.push(args.map(String).join(' '));
  let problem: string | null = null;
  try {
    createFormAjv({ log: collect, warn: collect, error: collect }).compile(schema);
    if (ignored.length > 0) problem = `Ajv would ignore part of it: ${ignored.join('; ')}`;
  } catch (error) {
    problem = (error as Error).message;
  }
  if (compileResults.size >= COMPILE_CACHE_SIZE) compileResults.delete(compileResults.keys().next().value as string);
  compileResults.set(text, problem);
  return problem;
}

/**
 * Checks one form (or a form-shaped part of a definition, such as its policySchema) at `path`;
 * true when its schema is an object schema that compiles.
 */
export function checkFormShape(out: Findings, key: string, form: unknown, path: string, registry: Registry, keys: readonly string[] = FORM_KEYS): boolean {
  if (!isRecord(form)) {
    out.error(path, `form '${key}' must be an object { id, schema, uiSchema?, i18n? }, got ${kindOf(form)}`);
    return false;
  }
  unknownKeys(out, form, path, keys, `form '${key}'`, 'warning');
  if (form.id !== key) {
    out.error(at(path, 'id'), typeof form.id === 'string' ? `form id '${form.id}' does not match its key '${key}' in forms` : `form id is missing; expected '${key}'`);
  }
  if (form.title !== undefined) checkI18n(out, form.title, at(path, 'title'), 'form title');
  if (form.uiSchema !== undefined && !isRecord(form.uiSchema)) out.error(at(path, 'uiSchema'), `uiSchema must be an object, got ${kindOf(form.uiSchema)}`);
  else if (isRecord(form.uiSchema)) checkWidgets(out, form.uiSchema, at(path, 'uiSchema'), registry);
  const { schema } = form;
  if (!isRecord(schema)) {
    out.error(at(path, 'schema'), `schema must be a JSON Schema object, got ${kindOf(schema)}`);
    return false;
  }
  if (schema.type !== 'object') {
    out.error(at(path, 'schema', 'type'), `a form schema must have "type": "object", got ${JSON.stringify(schema.type) ?? 'nothing'}`);
  }
  const problem = compileProblem(schema);
  if (problem !== null) out.error(at(path, 'schema'), `schema does not compile: ${problem}`);
  if (form.i18n !== undefined) checkFormI18n(out, form.i18n, schema, at(path, 'i18n'));
  return schema.type === 'object' && problem === null;
}

/** The widget names RJSF itself knows: its components, and the short names it maps by schema type. */
const RJSF_WIDGETS = [
  ...['AltDate', 'AltDateTime', 'Checkbox', 'Checkboxes', 'Color', 'Date', 'DateTime', 'Email', 'File', 'Hidden', 'Password', 'Radio', 'Range', 'Rating', 'Select', 'Text', 'Textarea', 'Time', 'UpDown', 'URL'].map((n) => `${n}Widget`),
  ...['checkbox', 'radio', 'select', 'hidden', 'text', 'password', 'email', 'hostname', 'ipv4', 'ipv6', 'uri', 'data-url', 'textarea', 'date', 'datetime', 'date-time', 'alt-date', 'alt-datetime', 'time', 'color', 'file', 'updown', 'range', 'checkboxes', 'files'],
];
/** The field names RJSF itself knows. */
const RJSF_FIELDS = ['AnyOfField', 'ArrayField', 'BooleanField', 'NumberField', 'ObjectField', 'OneOfField', 'SchemaField', 'StringField', 'NullField'];

/** Reports every `ui:widget` and `ui:field` name neither RJSF nor the registry (the generic client and the packs) knows. */
function checkWidgets(out: Findings, uiSchema: Json, path: string, registry: Registry) {
  const widgets = [...RJSF_WIDGETS, ...Object.keys(registry.widgets)];
  const fields = [...RJSF_FIELDS, ...Object.keys(registry.fields)];
  const visit = (node: unknown, p: string) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, at(p, i)));
      return;
    }
    if (!isRecord(node)) return;
    const widget = node['ui:widget'];
    if (widget !== undefined && (typeof widget !== 'string' || !widgets.includes(widget))) {
      out.error(at(p, 'ui:widget'), `unknown widget ${JSON.stringify(widget)}; widgets: ${list(Object.keys(registry.widgets))} and RJSF's own (${list(RJSF_WIDGETS.filter((w) => !w.endsWith('Widget')))})`);
    }
    const field = node['ui:field'];
    if (field !== undefined && (typeof field !== 'string' || !fields.includes(field))) {
      out.error(at(p, 'ui:field'), `unknown field ${JSON.stringify(field)}; fields: ${list([...Object.keys(registry.fields), ...RJSF_FIELDS])}`);
    }
    for (const [key, child] of Object.entries(node)) if (key !== 'ui:widget' && key !== 'ui:field') visit(child, at(p, key));
  };
  visit(uiSchema, path);
}

function checkFormI18n(out: Findings, i18n: unknown, schema: Json, path: string) {
  if (!isRecord(i18n)) {
    out.error(path, `i18n must be an object of language → { pointer: text }, got ${kindOf(i18n)}`);
    return;
  }
  for (const [lang, texts] of Object.entries(i18n)) {
    const langPath = at(path, lang);
    if (!LANGS.includes(lang as (typeof LANGS)[number])) out.error(langPath, `unknown language '${lang}'; languages: ${LANGS.join(', ')}`);
    if (!isRecord(texts)) {
      out.error(langPath, `i18n.${lang} must be an object of JSON pointer → text, got ${kindOf(texts)}`);
      continue;
    }
    for (const [pointer, text] of Object.entries(texts)) {
      const textPath = at(langPath, pointer);
      if (!pointer.startsWith('/')) {
        out.error(textPath, `'${pointer}' is not a JSON pointer: use "/properties/<field>/title" for the schema or "/ui/<field>/ui:help" for the uiSchema`);
        continue;
      }
      if (typeof text !== 'string') out.error(textPath, `a text must be a string, got ${kindOf(text)}`);
      const target = i18nTarget(pointer);
      if (!isTextTarget(target)) {
        const rule = 'i18n may only set "title" or "description" in the schema, or a "ui:*" option in the uiSchema ("/ui/…")';
        out.warn(textPath, `'${pointer}' is not a text, so it is ignored: ${rule}`);
      } else if (target.document === 'schema' && !pointerParent(schema, target.segments, false)) {
        out.warn(textPath, `'${pointer}' does not resolve in the schema: its parent does not exist, so the text is never shown`);
      }
    }
  }
}
