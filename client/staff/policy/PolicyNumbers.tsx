/** The definition's `policy` as a form (schema generated from its values), written back into the definition JSON. */
import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useMemo } from 'react';
import { Loading } from '../../components/Status.tsx';
import { useI18n } from '../../lib/i18n.ts';
import { translatorFor } from '../../lib/rjsf-strings.ts';
import { useValidator } from '../../lib/rjsf-validator.ts';
import definitionSchema from '../../../machines/definition.schema.json';
import { canonicalJson } from '../../../machines/canonical-json.ts';
import { isRecord } from '../../../machines/object-path.ts';
import { parseJson, pretty } from './model.ts';
import { describerFrom, policySchema } from './policy-form.ts';
import { texts } from './texts.ts';

type Data = Record<string, unknown>;
const describe = describerFrom(definitionSchema as Record<string, unknown>);
const UI: UiSchema<Data, RJSFSchema> = { 'ui:submitButtonOptions': { norender: true } };

export function PolicyNumbers({ defText, onChange, readOnly }: { defText: string; onChange: (text: string) => void; readOnly: boolean }) {
  const t = texts.useText();
  const { lang } = useI18n();
  const validator = useValidator(lang);
  const translateString = useMemo(() => translatorFor(lang), [lang]);
  const parsed = parseJson(defText);
  const definition = parsed.ok && isRecord(parsed.value) ? parsed.value : null;
  const policy = definition && isRecord(definition.policy) ? definition.policy : null;
  // NOTE: the schema follows the policy's keys and types, not its values, so typing does not rebuild the form.
  const shape = policy ? JSON.stringify(policySchema(policy, describe)) : '';
  const schema = useMemo(() => (shape ? (JSON.parse(shape) as RJSFSchema) : null), [shape]);

  return (
    <section aria-labelledby="policy-numbers-heading" className="policy-numbers">
      <h2 id="policy-numbers-heading">{t('pol.title')}</h2>
      <p>{t('pol.intro')}</p>
      {!definition || !policy || !schema ? (
        <p>{parsed.ok ? t('pol.noPolicy') : t('def.chartBroken')}</p>
      ) : !validator ? (
        <Loading />
      ) : (
        <Form<Data, RJSFSchema>
          className="rjsf policy-numbers__form"
          schema={schema}
          uiSchema={UI}
          formData={policy}
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
            if (canonicalJson(next) === canonicalJson(policy)) return;
            onChange(pretty({ ...definition, policy: next }));
          }}
        />
      )}
    </section>
  );
}
