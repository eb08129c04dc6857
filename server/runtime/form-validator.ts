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

const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(form: FormDefinition): ValidateFunction {
  let v = compiled.get(form.schema);
  if (!v) {
    v = ajv.compile(closedFormSchema(form.schema));
    compiled.set(form.schema, v);
  }
  return v;
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
  const validate = validatorFor(form);
  const errors: FieldError[] = [];
  if (!validate(data)) {
    const raw = validate.errors ?? [];
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
