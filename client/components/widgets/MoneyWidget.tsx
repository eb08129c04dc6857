/**
 * `"ui:widget": "money"`: a whole number of rupiah (the field's value is a number), shown after
 * an "Rp" prefix with its digits grouped in the UI language (1.500.000 / 1,500,000). Typing is
 * forgiving: dots, commas, spaces, an "Rp" or "IDR" prefix and a ",-" or ",00" ending are
 * ignored; what was typed stays as typed until the field is left, then it is grouped again.
 * Text that is no whole amount (letters, cents, a minus) leaves the field empty and says why.
 *
 * Accessibility: RJSF's label names the input (`<label for={id}>`); the currency is said in
 * words ("dalam rupiah"), not as the letters R P, and the help, description and errors describe it.
 */
import { ariaDescribedByIds, type RJSFSchema, type WidgetProps } from '@rjsf/utils';
import { useState } from 'react';
import { useI18n, type Lang } from '../../lib/i18n.ts';

type Data = Record<string, unknown>;

export type MoneyParse = { kind: 'empty' } | { kind: 'amount'; amount: number } | { kind: 'invalid' };

/**
 * A whole number of rupiah from what a person typed: `1.500.000`, `1,500,000`, `Rp 1 500 000`,
 * `1500000`, `Rp1.500.000,-` and `1.500.000,00` are all 1500000. A last separator followed by one
 * or two digits is read as cents: `,00` is dropped, other cents are refused (`1.5`, `1.500,50`),
 * as are letters, a minus sign and amounts beyond what a number holds exactly. Pure.
 */
export function parseRupiah(text: string): MoneyParse {
  let s = text
    .trim()
    .replace(/^(rp\.?|idr)/i, '')
    .replace(/\s+/g, '')
    .replace(/[.,]-$/, '');
  if (s === '') return { kind: 'empty' };
  if (!/^\d[\d.,]*$/.test(s)) return { kind: 'invalid' };
  const cents = /^(.*\d)[.,](\d{1,2})$/.exec(s);
  if (cents) {
    if (!/^0+$/.test(cents[2] as string)) return { kind: 'invalid' };
    s = cents[1] as string;
  }
  const amount = Number(s.replace(/[.,]/g, ''));
  return Number.isSafeInteger(amount) ? { kind: 'amount', amount } : { kind: 'invalid' };
}

const GROUPED: Record<Lang, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }),
};

/** An amount with its digits grouped in `lang`, without the currency: 1.500.000 (id), 1,500,000 (en). Pure. */
export function groupRupiah(amount: number, lang: Lang): string {
  return Number.isFinite(amount) ? GROUPED[lang].format(amount) : String(amount);
}

/** The input's text for a field value when nobody is typing: a number grouped, anything else as it is. Pure. */
export function moneyText(value: unknown, lang: Lang): string {
  if (typeof value === 'number') return groupRupiah(value, lang);
  if (typeof value === 'string') return value;
  return '';
}

export function MoneyWidget(props: WidgetProps<Data, RJSFSchema>) {
  const { id, value, onChange, onBlur, onFocus, disabled, readonly, required, autofocus, rawErrors, placeholder } = props;
  const { t, lang } = useI18n();
  // NOTE: the typed text is kept while the field's value is the one it produced (so the caret
  // does not jump while typing); on leaving the field, or when the value changes from outside,
  // the value is shown grouped in the UI language.
  const [typed, setTyped] = useState<{ text: string; value: unknown } | null>(null);
  const text = typed && Object.is(typed.value, value) ? typed.text : moneyText(value, lang);
  const invalid = typed !== null && Object.is(typed.value, value) && parseRupiah(typed.text).kind === 'invalid';
  const currencyId = `${id}__currency`;
  const invalidId = `${id}__money`;
  return (
    <div className="money">
      {invalid && (
        <p className="field__error money__error" id={invalidId}>
          <span className="visually-hidden">{t('error.errorPrefix')} </span>
          {t('money.invalid')}
        </p>
      )}
      <div className="money__box">
        <span className="money__prefix" aria-hidden="true">
          Rp
        </span>
        <span className="visually-hidden" id={currencyId}>
          {t('money.currency')}
        </span>
        <input
          id={id}
          name={props.htmlName || id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          className="money__input"
          value={text}
          placeholder={placeholder || undefined}
          disabled={disabled || readonly}
          required={required}
          autoFocus={autofocus}
          aria-describedby={[ariaDescribedByIds(id), currencyId, invalid ? invalidId : ''].filter(Boolean).join(' ')}
          aria-invalid={(rawErrors?.length ?? 0) > 0 || invalid || undefined}
          onChange={(e) => {
            const parsed = parseRupiah(e.target.value);
            const next = parsed.kind === 'amount' ? parsed.amount : undefined;
            setTyped({ text: e.target.value, value: next });
            onChange(next);
          }}
          onBlur={() => {
            if (typed && parseRupiah(typed.text).kind !== 'invalid') setTyped(null);
            onBlur(id, value);
          }}
          onFocus={() => onFocus(id, value)}
        />
      </div>
    </div>
  );
}
