/**
 * Text templates: `{{path.to.value}}` placeholders, optionally through one filter
 * (`{{policy.delays.paymentWindow | duration}}`, `{{policy.fees.ordinary.5 | money}}`), filled
 * from plain data in the reader's language. No code runs. Definitions write their policy numbers
 * this way, so publishing a new number changes every text that states it.
 */
import { durationText } from './duration.ts';
import { readPath } from './object-path.ts';

const PLACEHOLDER = /\{\{\s*([\w$-]+(?:\.[\w$-]+)*)\s*(?:\|\s*([a-z]+)\s*)?\}\}/g;

export type TemplateLang = 'id' | 'en';

export type TemplateOptions = {
  /**
   * The reader's language: how money is grouped (`id`, the default, writes `1.350.000`, as
   * Indonesians write rupiah; `en` writes `1,350,000`) and in which words durations and dates are.
   */
  locale?: TemplateLang;
};

/** What a filter does with a value; `undefined` when the value is not of its kind. */
type Filter = (value: unknown, lang: TemplateLang) => string | undefined;

const NUMBER: Record<TemplateLang, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
};
const DATE: Record<TemplateLang, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The filters a placeholder may name, each documented for the policy editor. */
export const TEMPLATE_FILTERS: Record<string, { description: string; format: Filter }> = {
  money: {
    description: 'a whole amount of rupiah: Rp 350.000 (Indonesian), Rp 350,000 (English)',
    format: (v, lang) => (isAmount(v) ? `Rp ${NUMBER[lang].format(v)}` : undefined),
  },
  number: {
    description: 'a number in groups: 1.500 (Indonesian), 1,500 (English)',
    format: (v, lang) => (isAmount(v) ? NUMBER[lang].format(v) : undefined),
  },
  duration: {
    description: 'an ISO 8601 duration in words: PT2H → 2 jam / 2 hours, P30D → 30 hari / 30 days',
    format: (v, lang) => {
      if (typeof v !== 'string') return undefined;
      try {
        return durationText(v, lang);
      } catch {
        return undefined;
      }
    },
  },
  date: {
    description: 'a date written YYYY-MM-DD in words: 3 Desember 2026 / 3 December 2026',
    format: (v, lang) => {
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
      const ms = Date.parse(`${v}T00:00:00Z`);
      return Number.isNaN(ms) ? undefined : DATE[lang].format(new Date(ms));
    },
  },
};

/** Money is a number under a key named `amount` (`payment.amount`, a fee line's `amount`). */
const isMoneyPath = (path: string) => path === 'amount' || path.endsWith('.amount');

/** Every placeholder of a text: its path and its filter (if any). Pure. */
export function placeholdersOf(template: string): { path: string; filter?: string; text: string }[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => ({ path: m[1] as string, ...(m[2] ? { filter: m[2] } : {}), text: m[0] }));
}

/**
 * Replaces each `{{a.b}}` or `{{a.b | filter}}` (spaces inside the braces allowed) with the value
 * at that dotted path of `vars`, read through own properties only. Without a filter, strings,
 * numbers and booleans are inserted as text, and a finite number under a key named `amount` is
 * written in groups (`Rp {{context.payment.amount}}` → `Rp 1.350.000`). A filter the value does
 * not fit (a duration that is not one), an unknown filter, missing values, null, objects and
 * arrays become ''. Anything else between braces is left as is. No escaping (the caller escapes
 * for HTML). Pure, never throws.
 */
export function renderTemplate(template: string, vars: Record<string, unknown>, options: TemplateOptions = {}): string {
  const lang: TemplateLang = options.locale === 'en' ? 'en' : 'id';
  return template.replace(PLACEHOLDER, (_match, path: string, filter: string | undefined) => {
    const value = readPath(vars, path);
    if (filter !== undefined) {
      const entry = Object.hasOwn(TEMPLATE_FILTERS, filter) ? TEMPLATE_FILTERS[filter] : undefined;
      return entry?.format(value, lang) ?? '';
    }
    if (isAmount(value) && isMoneyPath(path)) return NUMBER[lang].format(value);
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  });
}

/** A `{id, en}` text with each language rendered in its own language. Pure. */
export function renderTexts<T extends { id: string; en: string }>(text: T, vars: Record<string, unknown>): { id: string; en: string } {
  return { id: renderTemplate(text.id, vars, { locale: 'id' }), en: renderTemplate(text.en, vars, { locale: 'en' }) };
}
