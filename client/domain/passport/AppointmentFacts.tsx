/**
 * Where and when: the office (name and address), the date and the session with its times in the
 * office's time zone (`08:00–12:00 WITA`), from the view's `appointment`.
 */
import { Fact } from '../../components/Fact.tsx';
import { useI18n } from '../../lib/i18n.ts';
import { sessionName, zoneName } from './schedule.ts';
import { usePassportText } from './texts.ts';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function AppointmentFacts({ appointment }: { appointment: Record<string, unknown> }) {
  const { lang, formatDate } = useI18n();
  const t = usePassportText();
  const office = str(appointment.officeName) || str(appointment.officeCode);
  const address = str(appointment.address);
  const date = str(appointment.date);
  const start = str(appointment.start);
  const end = str(appointment.end);
  const zone = str(appointment.timeZone) ? zoneName(str(appointment.timeZone)) : '';
  const session = str(appointment.session);
  const time = [start && end ? `${start}–${end}` : start, zone].filter(Boolean).join(' ');
  return (
    <dl className="facts">
      {office && <Fact term={t('app.office')} value={office} />}
      {address && <Fact term={t('conf.address')} value={address} />}
      {date && <Fact term={t('app.date')} value={formatDate(date)} />}
      {session && <Fact term={t('conf.session')} value={sessionName(session, lang)} />}
      {time && <Fact term={t('app.time')} value={time} />}
    </dl>
  );
}

