/**
 * One way to keep UI texts beside the code that shows them: a dictionary of Indonesian texts
 * (the default, and the fallback) and their English, looked up in the current UI language with
 * `{name}` placeholders. lib/i18n.ts holds the entry bundle's texts; lazily loaded parts (the
 * application page's progress pieces, the status page, each staff area) define their own with
 * `defineTexts`, so their words load with their code and not on the first page.
 */
import { useMemo } from 'react';
import { fillParams, useI18n, type Lang, type Params } from './i18n.ts';

export type Texts<K extends string> = {
  /** The text `key` in `lang`, placeholders filled. Pure. */
  text(lang: Lang, key: K, params?: Params): string;
  /** True if `key` is one of these texts (for keys built at run time). Pure. */
  has(key: string): key is K;
  /** `t(key, params)` in the current UI language (re-renders on a language switch). */
  useText(): (key: K, params?: Params) => string;
};

export function defineTexts<K extends string>(id: Record<K, string>, en: Record<K, string>): Texts<K> {
  const all: Record<Lang, Record<K, string>> = { id, en };
  const text = (lang: Lang, key: K, params?: Params) => fillParams(all[lang][key] ?? id[key], params);
  return {
    text,
    has: (key: string): key is K => Object.hasOwn(id, key),
    useText() {
      const { lang } = useI18n();
      return useMemo(() => (key: K, params?: Params) => text(lang, key, params), [lang]);
    },
  };
}
