/**
 * The RJSF validator for the current language. Ajv (through @rjsf/validator-ajv8) compiles
 * schemas into functions with `new Function`, which a Content-Security-Policy without
 * 'unsafe-eval' forbids (the server's helmet default). Where that is so, RJSF gets a validator
 * that leaves checking to the server (its 422 errors show on the fields) and decides conditions
 * with the eval-free `schemaMatches`, and Ajv (about 40 kB gzip) is never downloaded.
 */
import type { RJSFSchema, ValidatorType } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import type { Lang } from './i18n.ts';
import { schemaMatches } from './schema-match.ts';

type Data = Record<string, unknown>;
export type FormValidator = ValidatorType<Data, RJSFSchema>;

/** True when this page may generate code (no CSP forbidding eval). */
export const canCompile: boolean = (() => {
  try {
    return new Function('return true')() === true;
  } catch {
    return false;
  }
})();

/** RJSF validator that validates nothing itself (the server does) but answers `isValid` without eval. */
export const serverSideValidator: FormValidator = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: (schema, formData, rootSchema) => schemaMatches(schema, formData, rootSchema),
  rawValidation: () => ({ errors: [] }),
};

const loaded = new Map<Lang, FormValidator>();
const loading = new Map<Lang, Promise<FormValidator>>();

/** The validator for `lang`, downloading Ajv (and its Indonesian messages) on first use. */
export function loadValidator(lang: Lang): Promise<FormValidator> {
  if (!canCompile) return Promise.resolve(serverSideValidator);
  let p = loading.get(lang);
  if (!p) {
    p = Promise.all([import('@rjsf/validator-ajv8'), lang === 'id' ? import('ajv-i18n/localize/id/index.js') : null]).then(
      ([{ customizeValidator }, id]) => {
        // NOTE: Ajv's own messages are English; Indonesian comes from ajv-i18n, as on the server.
        const v = customizeValidator<Data, RJSFSchema>({}, id?.default);
        loaded.set(lang, v);
        return v;
      },
      (err: unknown) => {
        loading.delete(lang); // a failed download may be retried
        throw err;
      },
    );
    loading.set(lang, p);
  }
  return p;
}

/**
 * The validator for `lang` once loaded (`null` before the first one is). On a language switch the
 * previous validator stays in use until the new one is there, so the form never disappears.
 * A failed download falls back to server-side validation.
 */
export function useValidator(lang: Lang): FormValidator | null {
  const [state, setState] = useState<{ lang: Lang; validator: FormValidator } | null>(() => {
    const v = canCompile ? loaded.get(lang) : serverSideValidator;
    return v ? { lang, validator: v } : null;
  });
  useEffect(() => {
    if (state?.lang === lang) return;
    let live = true;
    loadValidator(lang).then(
      (validator) => live && setState({ lang, validator }),
      () => live && setState({ lang, validator: serverSideValidator }),
    );
    return () => {
      live = false;
    };
  }, [lang, state]);
  return state?.validator ?? null;
}
