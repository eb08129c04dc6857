/** Message templates: `{{path.to.value}}` placeholders, filled from plain data. No code runs. */
import { readPath } from './object-path.ts';

const PLACEHOLDER = /\{\{\s*([\w$-]+(?:\.[\w$-]+)*)\s*\}\}/g;

export type TemplateOptions = {
  /**
   * How money is grouped: `id` (default) writes `1.350.000`, as Indonesians write rupiah and as
   * the web app shows them in either language; `en` writes `1,350,000`.
   */
  locale?: 'id' | 'en';
};

const MONEY: Record<NonNullable<TemplateOptions['locale']>, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
};

/** Money is a number under a key named `amount` (`payment.amount`, a fee line's `amount`). */
const isMoneyPath = (path: string) => path === 'amount' || path.endsWith('.amount');

/**
 * Replaces each `{{a.b}}` (spaces inside the braces allowed) with the value at that dotted path of
 * `vars`, read through own properties only. Strings, numbers and booleans are inserted as text;
 * a finite number under a key named `amount` is money and is written in groups
 * (`Rp {{context.payment.amount}}` → `Rp 1.350.000`); other numbers as they are (queue numbers,
 * years). Missing values, null, objects and arrays become ''. Anything else between braces is
 * left as is. No escaping (the caller escapes for HTML). Pure, never throws.
 */
export function renderTemplate(template: string, vars: Record<string, unknown>, options: TemplateOptions = {}): string {
  const money = MONEY[options.locale === 'en' ? 'en' : 'id'];
  return template.replace(PLACEHOLDER, (_match, path: string) => {
    const value = readPath(vars, path);
    if (typeof value === 'number' && Number.isFinite(value) && isMoneyPath(path)) return money.format(value);
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  });
}
