/** The one Ajv configuration for form schemas, shared by the validator and the server's data checks. */
import { Ajv, type Logger } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * A fresh Ajv for form schemas: `strict: false` (forms carry RJSF and i18n extras), `allErrors`
 * (the client shows every field error at once) and ajv-formats (`email`, `date`, …). What Ajv
 * ignores in a schema (an unknown format) goes to `logger`; by default nowhere, since the
 * validator has already rejected such forms. Pure.
 */
export function createFormAjv(logger: Logger | false = false): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, logger });
  addFormats(ajv);
  return ajv;
}
