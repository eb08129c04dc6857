/**
 * "Check your answers" (GOV.UK pattern) on a step the flow marks as one (`view.review`): every
 * answer so far, grouped by the earlier steps, each group with a "Change" control that takes the
 * application back to that step (by BACK events: see lib/stepper.ts `backTo`). Labels are the
 * titles of the flow's step forms (lib/step-forms.ts; offline, the forms this tab has seen),
 * lists item by item and conditional fields too, else the field's key made readable; uploaded
 * documents read "uploaded".
 */
import { useMemo } from 'react';
import { useAnswerWords } from '../lib/answer-words.ts';
import { formatAnswer, groupAnswers, type AnswerRow } from '../lib/answers.ts';
import { useI18n } from '../lib/i18n.ts';
import { schemaFieldNames } from '../lib/localize-form.ts';
import { useProgressText } from '../lib/progress-texts.ts';
import { useStepForms } from '../lib/step-forms.ts';
import { earlierSteps, stepName, type StepInfo } from '../lib/stepper.ts';
import type { ApplicationView } from '../lib/types.ts';
import './CheckAnswers.css';

type Props = {
  view: ApplicationView;
  /** Goes back to `step`; absent when BACK is not allowed now. */
  onChange?: ((step: StepInfo) => void) | undefined;
  /** The step being gone back to, while it happens. */
  changing: string | null;
  /** Another request is running. */
  busy: boolean;
};

export function CheckAnswers({ view, onChange, changing, busy }: Props) {
  const { lang, tx } = useI18n();
  const p = useProgressText();
  const seen = useStepForms(view);
  const { groups, other } = useMemo(
    () =>
      groupAnswers({
        earlier: earlierSteps(view.steps, view.step),
        data: view.data,
        seen,
        exclude: view.form ? schemaFieldNames(view.form.schema) : [],
        lang,
        documentKinds: (view.documents ?? []).map((d) => d.kind),
      }),
    [view, seen, lang],
  );
  const words = useAnswerWords();
  if (groups.length === 0 && other.length === 0) return null;

  const list = (rows: AnswerRow[]) => (
    <dl className="summary-list">
      {rows.map((r) => (
        <div className="summary-list__row" key={r.key}>
          <dt className="summary-list__key">{r.label}</dt>
          <dd className="summary-list__value">{formatAnswer(r.value, r.info, words)}</dd>
        </div>
      ))}
    </dl>
  );

  return (
    <section className="check-answers" aria-labelledby="check-answers-title">
      <h2 id="check-answers-title">{p('answers.title')}</h2>
      <p>{p('answers.intro')}</p>
      {groups.map(({ step, rows }) => {
        const name = stepName(step, tx);
        return (
          <div className="check-answers__group" key={step.id}>
            <div className="check-answers__head">
              <h3>{name}</h3>
              {onChange && (
                <button
                  type="button"
                  className="link-button check-answers__change"
                  aria-busy={changing === step.id}
                  disabled={busy}
                  onClick={() => onChange(step)}
                >
                  {changing === step.id ? (
                    p('answers.changing')
                  ) : (
                    <>
                      {p('answers.change')}
                      <span className="visually-hidden"> {name}</span>
                    </>
                  )}
                </button>
              )}
            </div>
            {rows.length > 0 ? list(rows) : <p className="check-answers__empty">{other.length > 0 ? p('answers.seeOther') : p('answers.noneInStep')}</p>}
          </div>
        );
      })}
      {other.length > 0 && (
        <div className="check-answers__group">
          <div className="check-answers__head">
            <h3>{p('answers.other')}</h3>
          </div>
          {list(other)}
        </div>
      )}
    </section>
  );
}
