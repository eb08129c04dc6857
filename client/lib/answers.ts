/**
 * "Check your answers": the application's answers (`view.data`, by field) grouped by the earlier
 * steps, with people's labels: the titles of the forms' schemas, wherever a field is declared
 * (in `properties`, or in a branch: `if`/`then`/`else`, `dependencies`, `allOf`/`anyOf`/`oneOf`).
 * A list of objects is told item by item ("Anggota keluarga 1: Nama lengkap"), an object field by
 * field. The client only knows the forms it has been shown (see seen-forms.ts, step-forms.ts): a
 * field of such a form is listed under that form's step; any other answer is listed under "other
 * answers" with its key made readable.
 */
import { isRecord } from './json-pointer.ts';
import { localizedForm, schemaFieldNames } from './localize-form.ts';
import type { StepInfo } from './stepper.ts';
import type { FormView, Lang } from './types.ts';

export type FieldInfo = {
  title?: string;
  /** Holds an uploaded document's id: shown as "uploaded", never as the id. */
  document: boolean;
  /** Choices with their texts (`oneOf`/`anyOf` of `{const, title}`). */
  options: { value: unknown; title: string }[];
  /** An object's fields, in the form's order (when its schema names them). */
  fields?: Map<string, FieldInfo>;
  /** What each item of a list is (when its schema says). */
  items?: FieldInfo;
};

/** What is known of a field named after a document kind when no form describes it. */
const DOCUMENT: FieldInfo = { document: true, options: [] };

export type SeenStepForm = { stepId: string; form: FormView };
export type AnswerRow = { key: string; label: string; value: unknown; info?: FieldInfo };
export type AnswerGroup = { step: StepInfo; rows: AnswerRow[] };
export type GroupedAnswers = { groups: AnswerGroup[]; other: AnswerRow[] };

/** `birthPlace`, `birth_place`, `birth-place` → "Birth place". Pure. */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]?.toUpperCase() + words.slice(1) : key;
}

/** The subschemas of a schema's field `key`, wherever the schema defines it (branches too). */
function propertySchemas(schema: unknown, key: string, depth = 0): Record<string, unknown>[] {
  if (!isRecord(schema) || depth > 16) return [];
  const out: Record<string, unknown>[] = [];
  if (isRecord(schema.properties) && isRecord(schema.properties[key])) out.push(schema.properties[key]);
  const branches: unknown[] = [schema.then, schema.else];
  for (const k of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(schema[k])) branches.push(...(schema[k] as unknown[]));
  for (const k of ['dependentSchemas', 'dependencies']) if (isRecord(schema[k])) branches.push(...Object.values(schema[k] as Record<string, unknown>));
  for (const b of branches) out.push(...propertySchemas(b, key, depth + 1));
  return out;
}

const uiOrderOf = (ui: Record<string, unknown>): string[] =>
  Array.isArray(ui['ui:order']) ? (ui['ui:order'] as unknown[]).filter((k): k is string => typeof k === 'string') : [];

/** The fields of the object `schemas` describe, in `ui:order`, then the schemas' order. */
function objectFields(schemas: readonly Record<string, unknown>[], ui: Record<string, unknown>, kinds: ReadonlySet<string>, depth: number): Map<string, FieldInfo> {
  const names = [...new Set(schemas.flatMap((s) => [...schemaFieldNames(s)]))];
  const uiOrder = uiOrderOf(ui);
  const ordered = [...uiOrder.filter((k) => names.includes(k)), ...names.filter((k) => !uiOrder.includes(k))];
  const fields = new Map<string, FieldInfo>();
  for (const key of ordered) {
    const subs = schemas.flatMap((s) => propertySchemas(s, key));
    fields.set(key, fieldInfo(key, subs, isRecord(ui[key]) ? ui[key] : {}, kinds, depth + 1));
  }
  return fields;
}

/** What a field is, from every subschema that declares it and its uiSchema. */
function fieldInfo(key: string, subs: readonly Record<string, unknown>[], ui: Record<string, unknown>, kinds: ReadonlySet<string>, depth: number): FieldInfo {
  const title = subs.map((s) => s.title).find((t): t is string => typeof t === 'string' && t !== '');
  const widget = typeof ui['ui:widget'] === 'string' ? ui['ui:widget'] : '';
  const options = subs
    .flatMap((s) => [...(Array.isArray(s.oneOf) ? s.oneOf : []), ...(Array.isArray(s.anyOf) ? s.anyOf : [])])
    .filter((o): o is Record<string, unknown> => isRecord(o) && 'const' in o && typeof o.title === 'string')
    .map((o) => ({ value: o.const, title: o.title as string }));
  const info: FieldInfo = {
    ...(title ? { title } : {}),
    document: kinds.has(key) || subs.some((s) => s.format === 'uuid') || /upload|file|document/i.test(widget),
    options,
  };
  if (depth > 8) return info;
  const objects = subs.filter((s) => isRecord(s.properties) || s.type === 'object');
  if (objects.length > 0 && objects.some((s) => schemaFieldNames(s).size > 0)) info.fields = objectFields(objects, ui, kinds, depth);
  const items = subs.map((s) => s.items).filter(isRecord);
  if (items.length > 0) info.items = fieldInfo('', items, isRecord(ui.items) ? ui.items : {}, kinds, depth + 1);
  return info;
}

/**
 * A form's top-level fields in the order the form shows them (`ui:order`, then the schema's),
 * each with its title and what kind of value it holds (objects and lists with their fields),
 * texts in `lang`. `documentKinds`: the flow's document kinds (a field named after one holds a
 * document). Pure.
 */
export function formFields(form: FormView, lang: Lang, documentKinds: Iterable<string> = []): Map<string, FieldInfo> {
  const { schema, uiSchema } = localizedForm(form, lang);
  return objectFields([schema], uiSchema, new Set(documentKinds), 0);
}

/** Nothing worth listing: no value, an empty text, list or object. Pure. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isRecord(value) && Object.keys(value).length === 0;
}

/**
 * The rows of one answer: a list of objects item by item (`<item> 1: <field>`), an object field
 * by field (`<field>: <subfield>`), anything else as one row. Pure.
 */
export function answerRows(key: string, label: string, value: unknown, info: FieldInfo | undefined): AnswerRow[] {
  if (isEmpty(value)) return [];
  if (Array.isArray(value) && info?.items?.fields && value.every((v) => isRecord(v) || isEmpty(v))) {
    const items = info.items;
    const name = items.title ?? label;
    return value.flatMap((item, i) => answerRows(`${key}.${i}`, `${name} ${i + 1}`, item, items));
  }
  if (isRecord(value) && info?.fields && !info.document) {
    const fields = info.fields;
    return [
      ...[...fields].flatMap(([k, sub]) => answerRows(`${key}.${k}`, `${label}: ${sub.title ?? humanizeKey(k)}`, value[k], sub)),
      ...Object.keys(value)
        .filter((k) => !fields.has(k))
        .flatMap((k) => answerRows(`${key}.${k}`, `${label}: ${humanizeKey(k)}`, value[k], undefined)),
    ];
  }
  return [{ key, label, value, ...(info ? { info } : {}) }];
}

/**
 * The answers in `data` grouped by the `earlier` steps (in their order; every earlier step gets
 * a group, possibly empty), fields in their form's order. Fields of `exclude` (the current form)
 * and fields of forms seen at other (later) steps are left out; answers no seen form explains go
 * to `other`, in `data` order, labelled from their key. `documentKinds`: the flow's document
 * kinds (a field named after one holds a document). Pure.
 */
export function groupAnswers(args: {
  earlier: readonly StepInfo[];
  data: Record<string, unknown>;
  seen: readonly SeenStepForm[];
  exclude?: Iterable<string>;
  lang: Lang;
  documentKinds?: Iterable<string>;
}): GroupedAnswers {
  const { earlier, data, seen, lang } = args;
  const kinds = new Set(args.documentKinds ?? []);
  const excluded = new Set(args.exclude ?? []);
  const earlierIds = new Set(earlier.map((s) => s.id));
  const placed = new Set<string>(excluded);
  const groups: AnswerGroup[] = earlier.map((step) => ({ step, rows: [] }));

  for (const group of groups) {
    for (const { form } of seen.filter((f) => f.stepId === group.step.id)) {
      for (const [key, info] of formFields(form, lang, kinds)) {
        if (placed.has(key)) continue;
        placed.add(key);
        if (!Object.hasOwn(data, key)) continue;
        group.rows.push(...answerRows(key, info.title ?? humanizeKey(key), data[key], info));
      }
    }
  }
  // Fields of forms seen at the current or a later step are not answers to check here.
  for (const { stepId, form } of seen) if (!earlierIds.has(stepId)) for (const key of schemaFieldNames(form.schema)) placed.add(key);

  const other: AnswerRow[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (placed.has(key) || isEmpty(value)) continue;
    other.push({ key, label: humanizeKey(key), value, ...(kinds.has(key) ? { info: DOCUMENT } : {}) });
  }
  return { groups, other };
}

/** The words `formatAnswer` needs, in the UI language. */
export type AnswerWords = {
  uploaded: string;
  uploadedNamed: (name: string) => string;
  yes: string;
  no: string;
  /** A `YYYY-MM-DD` date for people. */
  date: (ymd: string) => string;
  /** An instant (ISO 8601 with a time) for people; without it, shown as written. */
  dateTime?: (iso: string) => string;
};

const YMD = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An answer for people: a document as "uploaded", a choice by its text, a date written out, a list joined. Pure. */
export function formatAnswer(value: unknown, info: FieldInfo | undefined, words: AnswerWords): string {
  if (Array.isArray(value)) return value.map((v) => formatAnswer(v, info?.items ?? info, words)).join(', ');
  if (info?.document) {
    if (isRecord(value)) {
      const name = [value.name, value.fileName, value.filename].find((n): n is string => typeof n === 'string' && n !== '');
      if (name) return words.uploadedNamed(name);
    }
    return words.uploaded;
  }
  const option = info?.options.find((o) => o.value === value);
  if (option) return option.title;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'string') return YMD.test(value) ? words.date(value) : INSTANT.test(value) && words.dateTime ? words.dateTime(value) : value;
  if (typeof value === 'number') return String(value);
  if (isRecord(value)) {
    return Object.entries(value)
      .filter(([, v]) => !isEmpty(v))
      .map(([k, v]) => {
        const sub = info?.fields?.get(k);
        return `${sub?.title ?? humanizeKey(k)}: ${formatAnswer(v, sub, words)}`;
      })
      .join('; ');
  }
  return value === undefined || value === null ? '' : String(value);
}
