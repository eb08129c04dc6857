/**
 * The passport pack's panel on the applicant's application page (shapes from api.md): while the
 * bill is open, the payment panel; once paid and booked, the confirmation to bring; otherwise the
 * appointment and the pick-up date as facts, once the application has them. Loaded lazily
 * (pack.ts), so its code and words come with the application page, not with the first page.
 */
import { Fact } from '../../components/Fact.tsx';
import { useI18n } from '../../lib/i18n.ts';
import { isRecord } from '../../lib/json-pointer.ts';
import type { ApplicationPanelProps } from '../../lib/packs.tsx';
import { AppointmentFacts } from './AppointmentFacts.tsx';
import { Confirmation } from './Confirmation.tsx';
import { DrawLost, DrawStanding } from './DrawPanel.tsx';
import { passportNextStep } from './next-step.ts';
import { PaymentPanel } from './PaymentPanel.tsx';
import { usePassportText } from './texts.ts';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export default function PassportApplicationPanel({ view, onRefresh, onChanged }: ApplicationPanelProps) {
  const { formatDate } = useI18n();
  const t = usePassportText();
  const payment = isRecord(view.payment) ? view.payment : null;
  const appointment = isRecord(view.appointment) ? view.appointment : null;
  const pickup = str(view.pickupDate);
  if (view.status === 'awaitingPayment' && payment) {
    return <PaymentPanel payment={payment} appointment={appointment} onRefresh={onRefresh} onPaid={onChanged} />;
  }
  if (view.status === 'booked' && appointment && str(appointment.queueCode)) {
    return <Confirmation appointment={appointment} data={view.data} documents={view.documents ?? []} />;
  }
  const step = passportNextStep(view, Date.now());
  if (step?.kind === 'draw') return <DrawStanding draw={step.draw} />;
  if (step?.kind === 'drawLost') return <DrawLost draw={step.draw} />;
    if (!appointment && !pickup) return null;
  return (
    <>
      {appointment && (
        <section className="panel panel--plain" aria-labelledby="appointment-title">
          <h2 id="appointment-title">{t('app.appointment')}</h2>
          <AppointmentFacts appointment={appointment} />
          {str(appointment.queueCode ?? appointment.queueNumber) && (
            <dl className="facts">
              <Fact term={t('app.queue')} value={<strong className="code">{str(appointment.queueCode ?? appointment.queueNumber)}</strong>} />
            </dl>
          )}
        </section>
      )}
      {pickup && (
        <dl className="facts">
          <Fact term={t('app.pickupDate')} value={formatDate(pickup)} />
        </dl>
      )}
    </>
  );
}
