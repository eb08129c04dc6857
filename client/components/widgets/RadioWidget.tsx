/**
 * RJSF's radio group, with a name. RJSF labels a field with `<label for={id}>`, and for radios
 * that id is the group's `<div role="radiogroup">`, which a label cannot name: a screen reader
 * said "Perempuan, radio button, 2 of 2" without the question ("Jenis kelamin"). Here the group
 * is named by the field's label and says when an answer is required or wrong. Otherwise it is
 * RJSF's own RadioWidget (same ids, values, markup and classes), so styles and the error
 * summary's links still apply.
 */
import {
  ariaDescribedByIds,
  enumOptionsIsSelected,
  enumOptionValueDecoder,
  enumOptionValueEncoder,
  getOptionValueFormat,
  optionId,
  type RJSFSchema,
  type WidgetProps,
} from '@rjsf/utils';
import type { FocusEvent } from 'react';

type Data = Record<string, unknown>;

export function RadioWidget(props: WidgetProps<Data, RJSFSchema>) {
  const { options, value, required, disabled, readonly, autofocus = false, onBlur, onFocus, onChange, id, htmlName, label, hideLabel, rawErrors } = props;
  const { enumOptions, enumDisabled, inline, emptyValue } = options;
  const format = getOptionValueFormat(options);
  const decode = (e: FocusEvent<HTMLInputElement>) => enumOptionValueDecoder(e.target.value, enumOptions, format, emptyValue);
  return (
    <div
      className="field-radio-group"
      id={id}
      role="radiogroup"
      aria-label={!hideLabel && label ? label : undefined}
      aria-required={required || undefined}
      aria-invalid={(rawErrors?.length ?? 0) > 0 || undefined}
    >
      {Array.isArray(enumOptions) &&
        enumOptions.map((option, i) => {
          const itemDisabled = Array.isArray(enumDisabled) && enumDisabled.includes(option.value);
          const off = disabled || itemDisabled || readonly;
          const radio = (
            <span>
              <input
                type="radio"
                id={optionId(id, i)}
                checked={enumOptionsIsSelected(option.value, value)}
                name={htmlName || id}
                required={required}
                value={enumOptionValueEncoder(option.value, i, format)}
                disabled={off}
                autoFocus={autofocus && i === 0}
                onChange={() => onChange(option.value)}
                onBlur={(e) => onBlur(id, decode(e))}
                onFocus={(e) => onFocus(id, decode(e))}
                aria-describedby={ariaDescribedByIds(id)}
              />
              <span>{option.label}</span>
            </span>
          );
          return inline ? (
            <label key={String(option.value)} className={`radio-inline ${off ? 'disabled' : ''}`}>
              {radio}
            </label>
          ) : (
            <div key={String(option.value)} className={`radio ${off ? 'disabled' : ''}`}>
              <label>{radio}</label>
            </div>
          );
        })}
    </div>
  );
}
