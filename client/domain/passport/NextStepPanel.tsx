/**
 * The passport pack's panel in the status page's "what to do next" (above the flow's own words):
 * the amount, billing code, deadline and time left of an open bill, with the way to pay; the
 * appointment and queue number, with the confirmation to bring; where and from when to collect the
 * passport. Loaded lazily (pack.ts).
 */
import { Link } from 'react-router';
import { Fact } from '../../components/Fact.tsx';
import { remainingMs, spokenRemaining } from '../../lib/countdown.ts';
import { useI18n } from '../../lib/i18n.ts';
import { formatMoney, groupDigits } from '../../lib/money.ts';
import type { ApplicationView } from '../../lib/types.ts';
import { AppointmentFacts } from './AppointmentFacts.tsx';
import { DrawLost, DrawStanding } from './DrawPanel.tsx';
import { formatQueueNumber } from './format.ts';
import { passportNextStep } from './next-step.ts';
import { officeDateTime } from './schedule.ts';
import { usePassportText } from './texts.ts';

export default function PassportNextStepPanel({ view, now }: { view: ApplicationView; now: number }) {
  const { lang, formatDate, formatDateTime } = useI18n();
  const t = usePassportText();
  const step = passportNextStep(view, now);
  if (!step) return null;
  const appPath = `/applications/${encodeURIComponent(view.id)}`;
  const go = (text: string) => (
    <p>
      <Link className="button" to={appPath}>
        {text}
      </Link>
    </p>
  );

  switch (step.kind) {
    case 'pay': {
      if (step.overdue) return <p>{t('next.payOverdue')}</p>;
      const deadline = step.expiresAtLocal ? officeDateTime(step.expiresAtLocal, lang) : formatDateTime(step.expiresAt);
      const left = spokenRemaining(remainingMs(step.expiresAt, now), lang);
      return (
        <>
          <dl className="facts">
            {step.amount !== null && <Fact term={t('app.amount')} value={formatMoney(step.amount, step.currency, lang)} />}
            <Fact term={t('app.billingCode')} value={<span className="code">{groupDigits(step.billingCode)}</span>} />
            {deadline && <Fact term={t('app.payBefore')} value={deadline} />}
            {left && <Fact term={t('pay.remaining')} value={left} />}
          </dl>
          {go(t('next.payLink'))}
        </>
      );
    }
    case 'attend': {
      const queue = formatQueueNumber(step.appointment.queueNumber);
      return (
        <>
          <AppointmentFacts appointment={step.appointment} />
          {queue && (
            <dl className="facts">
              <Fact term={t('app.queue')} value={queue} />
            </dl>
          )}
          {go(t('next.attendLink'))}
        </>
      );
    }
    case 'pickup':
      return (
        <dl className="facts">
          {step.office && <Fact term={t('app.office')} value={step.office} />}
          {step.date && <Fact term={t('app.pickupDate')} value={formatDate(step.date)} />}
        </dl>
      );
    case 'pickupDate':
      return (
        <dl className="facts">
          <Fact term={t('app.pickupDate')} value={formatDate(step.date)} />
        </dl>
      );    case 'draw':
      return <DrawStanding draw={step.draw} />;
    case 'drawLost':
      return <DrawLost draw={step.draw} />;
  }
}
