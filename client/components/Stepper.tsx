/**
 * Where the applicant is: the flow's applicant steps in order (`view.steps`), the current one
 * marked with `aria-current="step"`, the others' state in words for screen readers. Shown as
 * "Langkah 2 dari 5: Unggah dokumen" over a row of bars (one per step); a flow with few steps
 * shows the step names instead from 40rem (see `ROW_MAX_STEPS`), a flow with many keeps the
 * bars at every width, so no name is ever squeezed to a letter per line. Names come from the
 * flow (no step is known here).
 */
import { useId } from 'react';
import { useI18n } from '../lib/i18n.ts';
import { useProgressText } from '../lib/progress-texts.ts';
import { stepName, stepperModel, type StepInfo } from '../lib/stepper.ts';
import './Stepper.css';

export function Stepper({ steps, current }: { steps: readonly StepInfo[] | undefined; current: StepInfo | undefined }) {
  const { tx } = useI18n();
  const p = useProgressText();
  const titleId = useId();
  const model = stepperModel(steps, current);
  if (!model) return null;
  const count = { n: model.current.position, total: model.total };
  return (
    <section className={`stepper stepper--${model.layout}`} aria-labelledby={titleId}>
      <h2 id={titleId} className="visually-hidden">
        {p('stepper.title')}
      </h2>
      <p className="stepper__compact">
        <span className="stepper__where">{p('stepper.where', { ...count, name: stepName(model.current, tx) })}</span>
        {model.layout === 'row' && <span className="stepper__count">{p('stepper.compact', count)}</span>}
      </p>
      <ol className="stepper__list">
        {model.items.map((s) => (
          <li key={s.id} className={`stepper__item stepper__item--${s.state}`} aria-current={s.state === 'current' ? 'step' : undefined}>
            <span className="stepper__marker" aria-hidden="true">
              {s.state === 'done' ? '✓' : s.position}
            </span>
            <span className="stepper__label">
              {stepName(s, tx)}
              {s.state !== 'current' && <span className="visually-hidden"> ({p(s.state === 'done' ? 'stepper.done' : 'stepper.upcoming')})</span>}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
