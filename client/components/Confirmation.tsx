/**
 * Booked and paid: the confirmation to show at the office. Queue number (large), the QR code the
 * officer scans, where and when (in the office's time zone), what to bring, and a Print button;
 * the print stylesheet prints this panel alone.
 */
import { useId } from 'react';
import { useI18n, type MessageKey } from '../lib/i18n.ts';
import { AppointmentFacts } from './AppointmentFacts.tsx';
import './panels.css';
import { formatQueueNumber } from '../lib/money.ts';

/** The documents a passport flow may hold, in the order people think of them. */
const DOCUMENT_KINDS = ['ktp', 'kk', 'birthProof', 'oldPassport', 'parentKtp'] as const;

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function Confirmation({ appointment, data }: { appointment: Record<string, unknown>; data: Record<string, unknown> }) {
  const { t } = useI18n();
  const uid = useId();
  const queueCode = str(appointment.queueCode);
  const queueNumber = formatQueueNumber(appointment.queueNumber);
  const qr = str(appointment.qr);
  const uploaded = DOCUMENT_KINDS.filter((k) => typeof data[k] === 'string' && data[k]);
  return (
    <section className="panel confirmation" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('conf.title')}</h2>
      <div className="confirmation__ticket">
        {queueNumber && (
          <p className="confirmation__queue">
            <span className="confirmation__queue-label">{t('app.queue')}</span>
            <strong className="queue-number">{queueNumber}</strong>
          </p>
        )}
        {qr && <img className="confirmation__qr" src={qr} alt={t('conf.qrAlt', { code: queueCode })} width={224} height={224} />}
        {queueCode && <p className="code confirmation__code">{queueCode}</p>}
        <p className="confirmation__help">{t('conf.qrHelp')}</p>
      </div>

      <AppointmentFacts appointment={appointment} />
      <p>{t('conf.checkIn')}</p>

      <h3>{t('conf.bring')}</h3>
      <ul className="confirmation__bring">
        <li>{t('conf.bringQr')}</li>
        {uploaded.map((k) => (
          <li key={k}>{t('conf.bringOriginal', { kind: t(`kind.${k}` as MessageKey) })}</li>
        ))}
      </ul>

      <div className="actions no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t('conf.print')}
        </button>
      </div>
    </section>
  );
}
