/**
 * Bahasa Indonesia / English. Switching changes texts in place: nothing remounts, so what the
 * user has typed stays.
 */
import { useId } from 'react';
import { LANG_NAMES, LANGS, useI18n } from '../lib/i18n.ts';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const labelId = useId();
  return (
    <div className="lang-switch" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="visually-hidden">
        {t('lang.label')}
      </span>
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} className="lang-switch__option" aria-pressed={l === lang} onClick={() => setLang(l)}>
          {LANG_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
