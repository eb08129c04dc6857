/**
 * Booked and paid: the confirmation to show at the office. Queue number (large), the QR code the
 * officer scans, where and when (in the office's time zone), what to bring (the originals of the
 * documents uploaded, named as the flow names them), and a Print button; the print stylesheet
 * prints this panel alone.
 */
import { useId } from 'react';
import { useI18n } from '../../lib/i18n.ts';
import type { DocumentKind } from '../../lib/types.ts';
import { AppointmentFacts } from './AppointmentFacts.tsx';
import { formatQueueNumber } from './format.ts';
import { usePassportText } from './texts.ts';
import './panels.css';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** A name inside an English sentence ("Original family card"): its first letter lowered, unless it starts an abbreviation (`KTP`). */
const inSentence = (name: string) => (/^\p{Lu}\p{Ll}/u.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name);

type Props = { appointment: Record<string, unknown>; data: Record<string, unknown>; documents: readonly DocumentKind[] };

export function Confirmation({ appointment, data, documents }: Props) {
  const { tx, lang } = useI18n();
  const t = usePassportText();
  const uid = useId();
  const queueCode = str(appointment.queueCode);
  const queueNumber = formatQueueNumber(appointment.queueNumber);
  const qr = str(appointment.qr);
  // The applicant's uploads, in the order the flow declares its kinds.
  const uploaded = documents.filter((d) => (d.uploadedBy ?? ['applicant']).includes('applicant') && typeof data[d.kind] === 'string' && data[d.kind]);
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
        {uploaded.map((d) => (
          <li key={d.kind}>{t('conf.bringOriginal', { kind: lang === 'en' ? inSentence(tx(d.title)) : tx(d.title) })}</li>
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
