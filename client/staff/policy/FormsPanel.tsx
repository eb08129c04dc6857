/** The draft's forms: pick one, edit its JSON, see it as applicants would (StepForm) beside the editor. */
import type { Diagnostic } from '@codemirror/lint';
import { forwardRef, useState } from 'react';
import { StepForm } from '../../components/StepForm.tsx';
import type { FormView } from '../../lib/types.ts';
import { isRecord } from '../../../machines/object-path.ts';
import { PreviewBoundary } from './ErrorBoundary.tsx';
import { JsonEditor, type JsonEditorHandle } from './JsonEditor.tsx';
import { parseJson, withoutAutofocus } from './model.ts';
import { texts } from './texts.ts';

type Props = {
  texts: Record<string, string>;
  formId: string;
  onPick: (id: string) => void;
  onChange: (id: string, text: string) => void;
  readOnly: boolean;
  diagnostics: (text: string) => Diagnostic[];
};

export const FormsPanel = forwardRef<JsonEditorHandle, Props>(function FormsPanel({ texts: forms, formId, onPick, onChange, readOnly, diagnostics }, ref) {
  const t = texts.useText();
  const [data, setData] = useState<Record<string, unknown>>({});
  const ids = Object.keys(forms).sort();
  if (ids.length === 0) return <p>{t('forms.none')}</p>;
  const text = forms[formId] ?? '';
  const parsed = parseJson(text);
  const form = parsed.ok && isRecord(parsed.value) && isRecord(parsed.value.schema) ? withoutAutofocus(parsed.value as FormView) : null;

  return (
    <div className="policy-forms">
      <p className="policy-forms__pick">
        <label htmlFor="policy-form-pick">{t('forms.pick')}</label>
        <select id="policy-form-pick" value={formId} onChange={(e) => onPick(e.target.value)}>
          {ids.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </p>
      <div className="policy-split">
        <section aria-labelledby="policy-form-json" className="policy-split__main">
          <h2 id="policy-form-json">{t('forms.editor', { form: formId })}</h2>
          <JsonEditor key={formId} ref={ref} value={text} onChange={(v) => onChange(formId, v)} label={t('forms.editor', { form: formId })} readOnly={readOnly} diagnostics={diagnostics} height="28rem" />
        </section>
        <section aria-labelledby="policy-form-preview" className="policy-split__side policy-preview">
          <h2 id="policy-form-preview">{t('forms.preview')}</h2>
          <p className="policy-muted">{t('forms.previewNote')}</p>
          {!parsed.ok ? (
            <p>{t('forms.bad', { message: parsed.message })}</p>
          ) : form ? (
            <PreviewBoundary resetKey={text} fallback={(message) => <p>{t('forms.bad', { message })}</p>}>
              <StepForm form={form} formData={data} onChange={setData} onSubmit={() => {}} serverProblem={null} submitLabel={t('forms.try')} busy={false} />
            </PreviewBoundary>
          ) : null}
        </section>
      </div>
    </div>
  );
});
