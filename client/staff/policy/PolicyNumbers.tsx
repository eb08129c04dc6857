/**
 * The definition's `policy` as a form, written back into the definition JSON. The form is the
 * definition's own `policySchema` in the UI language (titles, help, the duration and money
 * widgets); a definition without one gets a form generated from its raw keys, with a notice
 * asking for a policySchema.
 */
import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useMemo } from 'react';
import { formTemplates } from '../../components/rjsf-templates.tsx';
import { Loading } from '../../components/Status.tsx';
import { widgets } from '../../components/widgets/index.ts';
import { useI18n } from '../../lib/i18n.ts';
import { translatorFor } from '../../lib/rjsf-strings.ts';
import { useValidator } from '../../lib/rjsf-validator.ts';
import { canonicalJson } from '../../../machines/canonical-json.ts';
import { isRecord } from '../../../machines/object-path.ts';
import { PreviewBoundary } from './ErrorBoundary.tsx';
import { parseJson, pretty } from './model.ts';
import { describerFrom, policyFormOf } from './policy-form.ts';
import { editorSchema } from './schema.ts';
import { texts } from './texts.ts';

type Data = Record<string, unknown>;
const describe = describerFrom(editorSchema);
const NO_SUBMIT: UiSchema<Data, RJSFSchema> = { 'ui:submitButtonOptions': { norender: true } };

export function PolicyNumbers({ defText, onChange, readOnly }: { defText: string; onChange: (text: string) => void; readOnly: boolean }) {
  const t = texts.useText();
  const { lang } = useI18n();
  const validator = useValidator(lang);
  const translateString = useMemo(() => translatorFor(lang), [lang]);
  const parsed = parseJson(defText);
  const definition = parsed.ok && isRecord(parsed.value) ? parsed.value : null;
  const policy = definition && isRecord(definition.policy) ? definition.policy : null;
  // NOTE: the form follows the policySchema (or, without one, the policy's keys and types), not
  // the policy's values, so typing a number does not rebuild it.
  const shape = definition ? JSON.stringify(policyFormOf(definition, lang, describe)) : 'null';
  const form = useMemo(() => JSON.parse(shape) as ReturnType<typeof policyFormOf>, [shape]);
  const uiSchema = useMemo(() => (form ? ({ ...form.uiSchema, ...NO_SUBMIT } as UiSchema<Data, RJSFSchema>) : NO_SUBMIT), [form]);

  return (
    <section aria-labelledby="policy-numbers-heading" className="policy-numbers">
      <h2 id="policy-numbers-heading">{t('pol.title')}</h2>
      <p>{t('pol.intro')}</p>
      {!definition || !form ? (
        <p>{parsed.ok ? t('pol.noPolicy') : t('def.chartBroken')}</p>
      ) : (
        <>
          {form.source === 'generated' && (
            <div className="policy-note policy-numbers__generated" role="note">
              <p>{t('pol.generated')}</p>
            </div>
          )}
          {!validator ? (
            <Loading />
          ) : (
            <PreviewBoundary resetKey={`${shape}|${lang}`} fallback={(message) => <p>{t('pol.broken', { message })}</p>}>
              <Form<Data, RJSFSchema>
                className="rjsf policy-numbers__form"
                schema={form.schema as RJSFSchema}
                uiSchema={uiSchema}
                widgets={widgets}
                templates={formTemplates}
                formData={policy ?? {}}
                validator={validator}
                idPrefix="policy-numbers"
                disabled={readOnly}
                translateString={translateString}
                showErrorList={false}
                noHtml5Validate
                liveValidate
                onChange={(e) => {
                  // NOTE: RJSF also reports changes nobody made (defaults, key order); only real ones are written back.
                  const next = e.formData ?? {};
                  if (canonicalJson(next) === canonicalJson(policy ?? {})) return;
                  onChange(pretty({ ...definition, policy: next }));
                }}
              />
            </PreviewBoundary>
          )}
        </>
      )}
    </section>
  );
}

