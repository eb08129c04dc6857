/**
 * The RJSF validator for the current language. Ajv (through @rjsf/validator-ajv8) compiles
 * schemas into functions with `new Function`, which a Content-Security-Policy without
 * 'unsafe-eval' forbids (the server's helmet default). Where that is so, RJSF gets a validator
 * that leaves checking to the server (its 422 errors show on the fields) and decides conditions
 * with the eval-free `schemaMatches`.
 *
 * Only the lazily loaded application page imports this module, so Ajv is not in the first load.
 */
import type { RJSFSchema, ValidatorType } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import localizeId from 'ajv-i18n/localize/id/index.js';
import type { Lang } from './i18n.ts';
import { schemaMatches } from './schema-match.ts';

type Data = Record<string, unknown>;

/** True when this page may generate code (no CSP forbidding eval). */
export const canCompile: boolean = (() => {
  try {
    return new Function('return true')() === true;
  } catch {
    return false;
  }
})();

/** RJSF validator that validates nothing itself (the server does) but answers `isValid` without eval. */
const serverSideValidator: ValidatorType<Data, RJSFSchema> = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: (schema, formData, rootSchema) => schemaMatches(schema, formData, rootSchema),
  rawValidation: () => ({ errors: [] }),
};

const byLang = new Map<Lang, ValidatorType<Data, RJSFSchema>>();

export function validatorFor(lang: Lang): ValidatorType<Data, RJSFSchema> {
  if (!canCompile) return serverSideValidator;
  let v = byLang.get(lang);
  if (!v) {
    // NOTE: Ajv's own messages are English; Indonesian comes from ajv-i18n, as on the server.
    v = customizeValidator<Data, RJSFSchema>({}, lang === 'id' ? localizeId : undefined);
    byLang.set(lang, v);
  }
  return v;
}
