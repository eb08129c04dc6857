/**
 * One step's form, rendered by RJSF from the server's JSON Schema + uiSchema, in the current
 * language (texts from `form.i18n`). Controlled: the parent keeps the data, so switching language
 * or reloading the application keeps what was typed. Errors, from the browser's check or the
 * server's 422, show next to each field and in an error summary above the form.
 *
 * Imported only by the lazily loaded application page (RJSF is heavy; Ajv loads on its own, only
 * where it can run: see lib/rjsf-validator.ts).
 */
import Form from '@rjsf/core';
import { type ErrorTransformer, type RJSFSchema, type RJSFValidationError, type UiSchema } from '@rjsf/utils';
import { useCallback, useMemo, useState } from 'react';
import type { ApiProblem, FieldProblem } from '../lib/api.ts';
import { propertyToPath, summaryItems, toErrorSchema } from '../lib/form-errors.ts';
import { useI18n } from '../lib/i18n.ts';
import { parsePointer } from '../lib/json-pointer.ts';
import { localizedForm } from '../lib/localize-form.ts';
import { usePacks } from '../lib/packs.tsx';
import { translatorFor } from '../lib/rjsf-strings.ts';
import { useValidator } from '../lib/rjsf-validator.ts';
import type { FormView } from '../lib/types.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import { formTemplates } from './rjsf-templates.tsx';
import { Loading } from './Status.tsx';
import type { FormContext } from './widgets/context.ts';
import { fields as genericFields, widgets as genericWidgets } from './widgets/index.ts';

type Data = Record<string, unknown>;

export type StepFormProps = {
  form: FormView;
  formData: Data;
  onChange: (data: Data) => void;
  onSubmit: (data: Data) => void;
  /** The server's last 422 for this form (its `attempt` keys the summary so it takes focus again). */
  serverProblem: { problem: ApiProblem; attempt: number } | null;
  submitLabel: string;
  busy: boolean;
  onCancel?: () => void;
  /** The application the form belongs to, for widgets that upload to it or read its answers. */
  context?: FormContext;
};

/**
 * NOTE: RJSF by default takes a `const` as a default value, which pre-selects the first option of
 * every `oneOf` list (e.g. a sex or a document type nobody chose); only real `default`s should fill.
 */
const DEFAULTS = { constAsDefaults: 'skipOneOf' } as const;

/** RJSF ids are `<prefix>_<path…>`; keep the prefix free of the separator and unique per form. */
const idPrefixOf = (form: FormView) => `f-${form.id.replace(/[^A-Za-z0-9-]/g, '-')}`;

export function StepForm({ form, formData, onChange, onSubmit, serverProblem, submitLabel, busy, onCancel, context }: StepFormProps) {
  const { lang, t } = useI18n();
  const localized = useMemo(() => localizedForm(form, lang), [form, lang]);
  const schema = localized.schema as RJSFSchema;
  const uiSchema = localized.uiSchema as UiSchema<Data, RJSFSchema>;
  const idPrefix = idPrefixOf(form);
  const translateString = useMemo(() => translatorFor(lang), [lang]);
  const [clientErrors, setClientErrors] = useState<{ errors: RJSFValidationError[]; n: number } | null>(null);
  const validator = useValidator(lang);
  // The generic widgets and fields, and every installed pack's (a name a form uses must be known to RJSF).
  const packs = usePacks();
  const widgets = useMemo(() => Object.assign({}, genericWidgets, ...packs.map((p) => p.widgets ?? {})) as typeof genericWidgets, [packs]);
  const fields = useMemo(() => Object.assign({}, genericFields, ...packs.map((p) => p.fields ?? {})) as typeof genericFields, [packs]);

  // A missing answer reads the same wherever it was found: "Wajib diisi." / "Required."
  // NOTE: a failed `pattern` says so in words; Ajv's own message shows the regular expression.
  const fieldMessage = useCallback(
    (e: FieldProblem) => (e.keyword === 'required' ? t('form.required') : e.keyword === 'pattern' ? t('form.pattern') : e.message),
    [t],
  );
  const transformErrors = useCallback<ErrorTransformer<Data, RJSFSchema>>(
    // NOTE: Ajv also reports a failed `if` ("must match \"then\" schema") beside the branch's own
    // errors; the server drops it too.
    (errors) =>
      errors
        .filter((e) => e.name !== 'if')
        .map((e) => (e.name === 'required' ? { ...e, message: t('form.required') } : e.name === 'pattern' ? { ...e, message: t('form.pattern') } : e)),
    [t],
  );

  const serverErrors = serverProblem?.problem.errors;
  const extraErrors = useMemo(
    () => (serverErrors?.length ? toErrorSchema(serverErrors.map((e) => ({ pointer: e.pointer, message: fieldMessage(e) }))) : undefined),
    [serverErrors, fieldMessage],
  );

  let summary = null;
  if (clientErrors) {
    const items = summaryItems(
      clientErrors.errors.map((e) => ({ path: propertyToPath(e.property), message: e.message ?? e.stack })),
      localized,
      idPrefix,
    );
    summary = <ErrorSummary key={`client-${clientErrors.n}`} title={t('error.summaryTitle')} items={items} />;
  } else if (serverProblem) {
    const items = summaryItems(
      (serverErrors ?? []).map((e) => ({ path: parsePointer(e.pointer) ?? [], message: fieldMessage(e) })),
      localized,
      idPrefix,
    );
    summary = <ErrorSummary key={`server-${serverProblem.attempt}`} title={serverProblem.problem.title} detail={serverProblem.problem.detail} items={items} />;
  }

  if (!validator) return <Loading />;
  return (
    <div className="step-form">
      {summary}
      <p className="form__note">{t('form.requiredNote')}</p>
      <Form<Data, RJSFSchema>
        className="rjsf"
        schema={schema}
        uiSchema={uiSchema}
        validator={validator}
        formData={formData}
        idPrefix={idPrefix}
        widgets={widgets}
        fields={fields}
        templates={formTemplates}
        formContext={context}
        onChange={(e) => onChange((e.formData ?? {}) as Data)}
        onSubmit={(e) => {
          setClientErrors(null);
          onSubmit((e.formData ?? {}) as Data);
        }}
        onError={(errors) => setClientErrors((c) => ({ errors, n: (c?.n ?? 0) + 1 }))}
        extraErrors={extraErrors}
        transformErrors={transformErrors}
        translateString={translateString}
        showErrorList={false}
        noHtml5Validate
        omitExtraData
        experimental_defaultFormStateBehavior={DEFAULTS}
      >
        <div className="actions">
          <button type="submit" className="button" aria-busy={busy}>
            {busy ? t('common.sending') : submitLabel}
          </button>
          {onCancel && (
            <button type="button" className="button button--secondary" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </Form>
    </div>
  );
}
