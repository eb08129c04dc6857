/** The one Ajv configuration for form schemas, shared by the validator and the server's data checks. */
import type { Logger } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import draft7MetaSchema from 'ajv/dist/refs/json-schema-draft-07.json' with { type: 'json' };
import addFormats from 'ajv-formats';

/**
 * A fresh Ajv for form schemas: draft 2019-09 (so `unevaluatedProperties` sees the fields a form
 * declares under `if/then/else`, `dependencies`, `allOf`, `anyOf` and `oneOf`), which also reads
 * the draft-07 schemas RJSF writes (`$schema` of draft-07 is known); `strict: false` (forms carry
 * RJSF and i18n extras), `allErrors` (the client shows every field error at once) and ajv-formats
 * (`email`, `date`, `duration`, …). What Ajv ignores in a schema (an unknown format) goes to
 * `logger`; by default nowhere, since the validator has already rejected such forms. Pure.
 */
export function createFormAjv(logger: Logger | false = false): Ajv2019 {
  const ajv = new Ajv2019({ strict: false, allErrors: true, logger });
  ajv.addMetaSchema(draft7MetaSchema);
  addFormats(ajv);
  return ajv;
}

/**
 * The schema the server checks a form's data with: the form's own, refusing at its top level the
 * fields the form does not declare anywhere (Ajv's `unevaluatedProperties`), unless the form says
 * itself what it does with other fields (`additionalProperties` or `unevaluatedProperties`). Pure.
 */
export function closedFormSchema(schema: Record<string, unknown>): Record<string, unknown> {
  if ('additionalProperties' in schema || 'unevaluatedProperties' in schema) return schema;
  return { ...schema, unevaluatedProperties: false };
}
