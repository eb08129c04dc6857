/**
 * Server-side validation of an event's data against its form (JSON Schema, Ajv + ajv-formats):
 * every problem becomes `{pointer, message}` with the message in Indonesian and English.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import localizeId from 'ajv-i18n/localize/id/index.js';
import localizeEn from 'ajv-i18n/localize/en/index.js';
import { closedFormSchema, createFormAjv } from '#machines/form-ajv.ts';
import type { FormDefinition } from '#machines/types.ts';
import type { FieldError } from '../errors.ts';

const ajv = createFormAjv();

/** Per form schema: the closed validator (unknown fields refused), the schema's own, and every field name it declares anywhere. */
type Validators = { closed: ValidateFunction; open: ValidateFunction; declared: Set<string> };
const compiled = new WeakMap<object, Validators>();

function validatorFor(form: FormDefinition): Validators {
  let v = compiled.get(form.schema);
  if (!v) {
    const closedSchema = closedFormSchema(form.schema);
    const closed = ajv.compile(closedSchema);
    // the form's own schema, compiled once more without its $id (Ajv refuses the same $id twice)
    const { $id: _id, ...own } = form.schema;
    v = { closed, open: closedSchema === form.schema ? closed : ajv.compile(own), declared: declaredNames(form.schema) };
    compiled.set(form.schema, v);
  }
  return v;
}

/** Every property name declared anywhere in a schema (any branch, any depth). */
function declaredNames(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) declaredNames(s, out);
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if ((key === 'properties' || key === 'dependencies' || key === 'dependentSchemas') && value && typeof value === 'object') for (const name of Object.keys(value)) out.add(name);
      declaredNames(value, out);
    }
  }
  return out;
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The field a problem is about: the missing or unexpected property itself, else the value's own place. */
function pointerOf(e: ErrorObject): string {
  const params = e.params as { missingProperty?: string; additionalProperty?: string; unevaluatedProperty?: string };
  const property = params.missingProperty ?? params.additionalProperty ?? params.unevaluatedProperty;
  return property === undefined ? e.instancePath : `${e.instancePath}/${escapePointer(String(property))}`;
}

const NOT_A_FIELD = { id: 'bukan isian formulir ini', en: 'is not a field of this form' };

/**
 * The field errors of `data` against `form` (empty when valid). Fields the form declares nowhere
 * (not in `properties`, nor in an `if/then/else`, `dependencies`, `allOf`, `anyOf` or `oneOf` the
 * data satisfies) are errors too, as Ajv's `unevaluatedProperties` decides (see closedFormSchema).
 */
export function validateFormData(form: FormDefinition, data: unknown): FieldError[] {
  const { closed, open, declared } = validatorFor(form);
  const errors: FieldError[] = [];
  if (!closed(data)) {
    let raw = closed.errors ?? [];
    // NOTE: Ajv forgets the fields of a branch that fails (a company's bad NIB fails the `then` that
    // declares companyName too), so with other errors those fields would read "not a field of this
    // form". Then the form's own errors are reported, and only fields it declares nowhere as unknown.
    if (!open(data)) {
      const unknownAnywhere = raw.filter((e) => e.keyword === 'unevaluatedProperties' && !declared.has(String((e.params as { unevaluatedProperty?: unknown }).unevaluatedProperty)));
      raw = [...(open.errors ?? []), ...unknownAnywhere];
    }
    const id = raw.map((e) => ({ ...e }));
    const en = raw.map((e) => ({ ...e }));
    localizeId(id);
    localizeEn(en);
    raw.forEach((e, i) => {
      if (e.keyword === 'if') return; // the branch's own errors say what is wrong
      const unknown = e.keyword === 'unevaluatedProperties' || (e.keyword === 'additionalProperties' && e.instancePath === '');
      const messages = unknown ? NOT_A_FIELD : { id: id[i]?.message ?? e.message ?? 'tidak valid', en: en[i]?.message ?? e.message ?? 'is invalid' };
      errors.push({ pointer: pointerOf(e), message: messages.en, messages, keyword: unknown ? 'additionalProperties' : e.keyword });
    });
  }
  return errors;
}
