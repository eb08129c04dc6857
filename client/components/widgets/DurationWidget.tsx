/**
 * `"ui:widget": "duration"`: an ISO 8601 duration string (`PT2H`, `P7D`, `PT15M`) edited as a
 * whole number and a unit (minutes, hours, days, weeks); the field's value stays the ISO string.
 * `"ui:options": {"unit": "days"}` picks the unit an empty field starts with (default hours).
 *
 * Never loses data: a value written otherwise than one number and one unit (`P1DT12H`) is shown
 * in the largest unit that holds it exactly (36 hours) and stays as written until it is changed;
 * a value no number and unit can hold (seconds, months, years, not a duration at all) is shown
 * and edited as plain text. Milliseconds come from machines/duration.ts, the one duration parser.
 *
 * Accessibility: RJSF's label names the number (`<label for={id}>`), the unit select has its own
 * (visually hidden) label, and both are described by the field's help, description and errors.
 */
import { ariaDescribedByIds, type RJSFSchema, type WidgetProps } from '@rjsf/utils';
import { useState } from 'react';
import { useI18n, type MessageKey } from '../../lib/i18n.ts';
import { durationText, durationToMs } from '../../../machines/duration.ts';

type Data = Record<string, unknown>;

export type DurationUnit = 'minutes' | 'hours' | 'days' | 'weeks';
export const DURATION_UNITS: readonly DurationUnit[] = ['minutes', 'hours', 'days', 'weeks'];

const MINUTE = 60_000;
const UNIT_MS: Record<DurationUnit, number> = { minutes: MINUTE, hours: 60 * MINUTE, days: 24 * 60 * MINUTE, weeks: 7 * 24 * 60 * MINUTE };

/** The ISO 8601 duration of `amount` `unit`s: (2, hours) → `PT2H`, (7, days) → `P7D`. Pure. */
export function toIsoDuration(amount: number, unit: DurationUnit): string {
  switch (unit) {
    case 'minutes':
      return `PT${amount}M`;
    case 'hours':
      return `PT${amount}H`;
    case 'days':
      return `P${amount}D`;
    case 'weeks':
      return `P${amount}W`;
  }
}

/** A duration as one number and one unit; `exact` when `toIsoDuration` gives back the very string. */
export type DurationParts = { amount: number; unit: DurationUnit; exact: boolean };

/**
 * `iso` as one whole number of one unit, or null when none holds it (seconds, months, years, not
 * a duration). As written when it is written so (`P7D` → 7 days, not 1 week); otherwise in the
 * largest unit that holds it exactly (`P1DT12H` → 36 hours, `PT1H30M` → 90 minutes). Pure.
 */
export function splitDuration(iso: string): DurationParts | null {
  let ms: number;
  try {
    ms = durationToMs(iso);
  } catch {
    return null;
  }
  for (const unit of DURATION_UNITS) {
    const amount = ms / UNIT_MS[unit];
    if (Number.isSafeInteger(amount) && toIsoDuration(amount, unit) === iso) return { amount, unit, exact: true };
  }
  if (ms === 0) return { amount: 0, unit: 'minutes', exact: false };
  for (const unit of [...DURATION_UNITS].reverse()) {
    const amount = ms / UNIT_MS[unit];
    if (Number.isSafeInteger(amount)) return { amount, unit, exact: false };
  }
  return null;
}

/** The number field's text: a whole number 0 or more (`"2"`, `" 12 "`), empty, or anything else (invalid). Pure. */
export function parseAmount(text: string): { kind: 'empty' } | { kind: 'amount'; amount: number } | { kind: 'invalid' } {
  const s = text.trim();
  if (s === '') return { kind: 'empty' };
  if (!/^\d+$/.test(s)) return { kind: 'invalid' };
  const amount = Number(s);
  return Number.isSafeInteger(amount) ? { kind: 'amount', amount } : { kind: 'invalid' };
}

/** The value an amount text and a unit stand for: the ISO string, or undefined (empty or invalid). Pure. */
export function durationOf(amountText: string, unit: DurationUnit): string | undefined {
  const parsed = parseAmount(amountText);
  return parsed.kind === 'amount' ? toIsoDuration(parsed.amount, unit) : undefined;
}

/** What the widget shows: a number and a unit, or the value as text. `value` is the field value it was shown for. */
type View = { mode: 'split'; amount: string; unit: DurationUnit; value: unknown } | { mode: 'text'; text: string; value: unknown };

/** How the widget shows `value` when nobody is typing. Pure. */
export function viewOf(value: unknown, emptyUnit: DurationUnit): View {
  if (value === undefined || value === null || value === '') return { mode: 'split', amount: '', unit: emptyUnit, value };
  const parts = typeof value === 'string' ? splitDuration(value) : null;
  if (parts) return { mode: 'split', amount: String(parts.amount), unit: parts.unit, value };
  return { mode: 'text', text: typeof value === 'string' ? value : JSON.stringify(value), value };
}

const isUnit = (u: unknown): u is DurationUnit => typeof u === 'string' && (DURATION_UNITS as readonly string[]).includes(u);

/** The unit's name for `amount` (English says "1 hour", "2 hours"). */
const unitKey = (unit: DurationUnit, amount: string): MessageKey => (amount.trim() === '1' ? (`duration.${unit.slice(0, -1)}` as MessageKey) : `duration.${unit}`);

export function DurationWidget(props: WidgetProps<Data, RJSFSchema>) {
  const { id, value, onChange, onBlur, onFocus, label, disabled, readonly, required, autofocus, options, rawErrors } = props;
  const { t, lang } = useI18n();
  const emptyUnit: DurationUnit = isUnit(options.unit) ? options.unit : 'hours';
  // NOTE: what was typed is kept while the field's value is the one it produced; a value set from
  // outside (another tab of the editor, a reset) is shown afresh. The mode never flips mid-typing.
  const [typed, setTyped] = useState<View | null>(null);
  const view = typed && Object.is(typed.value, value) ? typed : viewOf(value, emptyUnit);
  const off = disabled || readonly;
  const hasErrors = (rawErrors?.length ?? 0) > 0;
  const described = (...extra: (string | false)[]) => [ariaDescribedByIds(id), ...extra.filter(Boolean)].join(' ');

  if (view.mode === 'text') {
    const text = view.text;
    let means: string | null = null;
    try {
      means = text ? durationText(text, lang) : null;
    } catch {
      means = null;
    }
    const noteId = `${id}__duration`;
    const note =
      text === ''
        ? t('duration.textHint')
        : !means
          ? t('duration.notIso')
          : splitDuration(text)
            ? t('duration.means', { text: means })
            : `${t('duration.asText')} ${t('duration.means', { text: means })}`;
    return (
      <div className="duration duration--text">
        <p className="duration__note" id={noteId}>
          {note}
        </p>
        <input
          id={id}
          name={props.htmlName || id}
          type="text"
          className="duration__text"
          value={text}
          disabled={off}
          required={required}
          autoFocus={autofocus}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={described(noteId)}
          aria-invalid={hasErrors || (text !== '' && means === null) || undefined}
          onChange={(e) => {
            const next = e.target.value === '' ? undefined : e.target.value;
            setTyped({ mode: 'text', text: e.target.value, value: next });
            onChange(next);
          }}
          onBlur={() => onBlur(id, value)}
          onFocus={() => onFocus(id, value)}
        />
      </div>
    );
  }

  const invalid = parseAmount(view.amount).kind === 'invalid';
  const parts = typeof value === 'string' ? splitDuration(value) : null;
  const written = parts && !parts.exact && typeof value === 'string' ? { iso: value, text: durationText(value, lang), unit: t(`duration.${parts.unit}`) } : null;
  const writtenId = `${id}__written`;
  const invalidId = `${id}__whole`;
  const unitId = `${id}__unit`;
  const change = (amount: string, unit: DurationUnit) => {
    const next = durationOf(amount, unit);
    setTyped({ mode: 'split', amount, unit, value: next });
    onChange(next);
  };
  return (
    <div className="duration">
      {invalid && (
        <p className="field__error duration__error" id={invalidId}>
          <span className="visually-hidden">{t('error.errorPrefix')} </span>
          {t('duration.whole')}
        </p>
      )}
      <div className="duration__inputs">
        <div className="duration__amount">
          <input
            id={id}
            name={props.htmlName || id}
            type="text"
            inputMode="numeric"
            pattern="[0-9]*"
            autoComplete="off"
            value={view.amount}
            disabled={off}
            required={required}
            autoFocus={autofocus}
            aria-describedby={described(written !== null && writtenId, invalid && invalidId)}
            aria-invalid={hasErrors || invalid || undefined}
            onChange={(e) => change(e.target.value, view.unit)}
            onBlur={() => onBlur(id, value)}
            onFocus={() => onFocus(id, value)}
          />
        </div>
        <div className="duration__unit">
          <label className="visually-hidden" htmlFor={unitId}>
            {t('duration.unitFor', { field: label || id })}
          </label>
          <select id={unitId} value={view.unit} disabled={off} aria-describedby={ariaDescribedByIds(id)} onChange={(e) => change(view.amount, e.target.value as DurationUnit)}>
            {DURATION_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {t(unitKey(unit, view.amount))}
              </option>
            ))}
          </select>
        </div>
      </div>
      {written && (
        <p className="duration__note" id={writtenId}>
          {t('duration.written', written)}
        </p>
      )}
    </div>
  );
}
