/**
 * Server-side validation of an event's data against its form (JSON Schema, Ajv + ajv-formats):
 * every problem becomes `{pointer, message}` with the message in Indonesian and English.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import localizeId from 'ajv-i18n/localize/id/index.js';
import localizeEn from 'ajv-i18n/localize/en/index.js';
import { createFormAjv } from '#machines/form-ajv.ts';
import type { FormDefinition } from '#machines/types.ts';
import type { FieldError } from '../errors.ts';

const ajv = createFormAjv();

const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(form: FormDefinition): ValidateFunction {
  let v = compiled.get(form.schema);
  if (!v) {
    v = ajv.compile(form.schema);
    compiled.set(form.schema, v);
  }
  return v;
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function pointerOf(e: ErrorObject): string {
  if (e.keyword === 'required') return `${e.instancePath}/${escapePointer(String((e.params as { missingProperty: string }).missingProperty))}`;
  if (e.keyword === 'additionalProperties')
    return `${e.instancePath}/${escapePointer(String((e.params as { additionalProperty: string }).additionalProperty))}`;
  return e.instancePath;
}

/** The field errors of `data` against `form` (empty when valid). Unknown top-level fields are errors too. */
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
      errors.push({
        pointer: pointerOf(e),
        message: en[i]?.message ?? e.message ?? 'is invalid',
        messages: { id: id[i]?.message ?? e.message ?? 'tidak valid', en: en[i]?.message ?? e.message ?? 'is invalid' },
        keyword: e.keyword,
      });
    });
  }
  const props = (form.schema as { properties?: Record<string, unknown>; additionalProperties?: unknown }).properties;
  if (props && (form.schema as { additionalProperties?: unknown }).additionalProperties === undefined && data && typeof data === 'object') {
    for (const k of Object.keys(data)) {
      if (!(k in props)) {
        errors.push({
          pointer: `/${escapePointer(k)}`,
          message: 'is not a field of this form',
          messages: { id: 'bukan isian formulir ini', en: 'is not a field of this form' },
          keyword: 'additionalProperties',
        });
      }
    }
  }
  return errors;
}
