/**
 * Awaiting payment: what to pay (amount and fee lines), the billing code to pay with (copyable),
 * and how long is left. The clock ticks every second; screen readers hear the time left through a
 * polite live region that changes at most once a minute (lib/countdown.ts).
 *
 * The page checks for the payment by itself: every minute while visible, and at once when the
 * user comes back to it (from a banking app). Outside production a "Pay in the sandbox" button
 * pays through the sandbox gateway (`POST /api/dev/payments/:billingCode/pay`).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { api, ApiProblem } from '../../lib/api.ts';
import { clockText, remainingMs, spokenRemaining } from '../../lib/countdown.ts';
import { useI18n } from '../../lib/i18n.ts';
import { isRecord } from '../../lib/json-pointer.ts';
import { formatMoney, groupDigits } from '../../lib/money.ts';
import { devInfo, serverNow } from '../../lib/server-clock.ts';
import type { I18nText } from '../../lib/types.ts';
import { AppointmentFacts } from './AppointmentFacts.tsx';
import { officeDateTime } from './schedule.ts';
import { usePassportText } from './texts.ts';
import './panels.css';

const POLL_MS = 60_000;
const AFTER_EXPIRY_MS = [3_000, 15_000];

type Line = { label: I18nText; amount: number };

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const isI18nText = (v: unknown): v is I18nText => isRecord(v) && typeof v.id === 'string';

export type PaymentPanelProps = {
  payment: Record<string, unknown>;
  appointment: Record<string, unknown> | null;
  /** Fetches the application again without fuss (no error shown if it fails). */
  onRefresh: () => Promise<void>;
  /** After a sandbox payment: load the application again and say so. */
  onPaid: () => Promise<void>;
};

export function PaymentPanel({ payment, appointment, onRefresh, onPaid }: PaymentPanelProps) {
  const { t: ui, tx, lang, formatDateTime } = useI18n();
  const t = usePassportText();
  const code = str(payment.billingCode);
  const currency = str(payment.currency) || 'IDR';
  const amount = typeof payment.amount === 'number' ? payment.amount : null;
  const expiresAt = str(payment.expiresAt);
  const lines: Line[] = Array.isArray(payment.lines) ? payment.lines.filter((l): l is Line => isRecord(l) && isI18nText(l.label) && typeof l.amount === 'number') : [];
  const [now, setNow] = useState(() => serverNow());
  const [dev, setDev] = useState(false);
  const [copyNote, setCopyNote] = useState({ text: '', n: 0 });
  const [paying, setPaying] = useState(false);
  const [payProblem, setPayProblem] = useState<ApiProblem | null>(null);
  const codeRef = useRef<HTMLParagraphElement>(null);
  const refresh = useRef(onRefresh);
  const uid = useId();

  useEffect(() => {
    refresh.current = onRefresh;
  });

  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), 1000);
    let live = true;
    void devInfo(true).then((info) => {
      if (!live) return;
      setDev(info.dev);
      setNow(serverNow());
    });
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  // Paid at the bank? Look again every minute while the page is visible, and on coming back.
  useEffect(() => {
    const look = () => {
      if (document.visibilityState === 'visible') void refresh.current();
    };
    const timer = setInterval(look, POLL_MS);
    document.addEventListener('visibilitychange', look);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', look);
    };
  }, []);

  const ms = remainingMs(expiresAt, now);
  const expired = Number.isFinite(ms) && ms <= 0;
  // After the deadline the server's timer expires the application within seconds: look for it.
  useEffect(() => {
    if (!expired) return;
    const timers = AFTER_EXPIRY_MS.map((delay) => setTimeout(() => void refresh.current(), delay));
    return () => timers.forEach(clearTimeout);
  }, [expired]);

  const copy = async () => {
    const ok = await copyText(code);
    if (!ok && codeRef.current) {
      const range = document.createRange();
      range.selectNodeContents(codeRef.current);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
    }
    setCopyNote((c) => ({ text: t(ok ? 'pay.copied' : 'pay.copyFailed'), n: c.n + 1 }));
  };

  const paySandbox = async () => {
    if (paying) return;
    setPaying(true);
    setPayProblem(null);
    try {
      await api(`/api/dev/payments/${encodeURIComponent(code)}/pay`, { method: 'POST', body: {} });
      await onPaid();
    } catch (err) {
      if (!(err instanceof ApiProblem)) throw err;
      setPayProblem(err);
    } finally {
      setPaying(false);
    }
  };

  const spoken = spokenRemaining(ms, lang);
  const deadline = str(payment.expiresAtLocal) ? officeDateTime(str(payment.expiresAtLocal), lang) : expiresAt ? formatDateTime(expiresAt) : '';

  return (
    <section className="panel payment" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('app.payment')}</h2>

      {amount !== null && (
        <p className="payment__total">
          <span className="payment__total-label">{t('pay.total')}</span>
          <strong className="payment__amount">{formatMoney(amount, currency, lang)}</strong>
        </p>
      )}
      {lines.length > 0 && (
        <table className="fee-lines">
          <caption>{t('pay.lines')}</caption>
          <tbody>
            {lines.map((l, i) => (
              <tr key={i}>
                <th scope="row">{tx(l.label)}</th>
                <td>{formatMoney(l.amount, currency, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {code && (
        <div className="payment__code">
          <p className="payment__code-label">
            {t('app.billingCode')}
          </p>
          <p className="code code--big" ref={codeRef}>
            {groupDigits(code)}
          </p>
          <button type="button" className="button button--secondary" onClick={() => void copy()}>
            {t('pay.copy')}
          </button>
          <p className="visually-hidden" role="status" aria-live="polite">
            {copyNote.text}
            {copyNote.n % 2 ? '\u200b' : ''}
          </p>
          {copyNote.text && (
            <p className="payment__copied" aria-hidden="true">
              {copyNote.text}
            </p>
          )}
        </div>
      )}
      <p>{t('pay.how')}</p>

      <div className={`payment__deadline${expired ? ' payment__deadline--over' : ''}`}>
        {deadline && <p className="payment__before">{t('pay.deadline', { time: deadline })}</p>}
        {expired ? (
          <p className="payment__expired" role="alert">
            {t('pay.expired')}
          </p>
        ) : (
          Number.isFinite(ms) && (
            <p className="countdown">
              <span className="countdown__label">{t('pay.remaining')}</span>{' '}
              <span className="countdown__clock" role="timer">
                {clockText(ms)}
              </span>
            </p>
          )
        )}
        <p className="visually-hidden" aria-live="polite">
          {spoken ? t('pay.remainingSpoken', { time: spoken }) : ''}
        </p>
        <p className="payment__rule">{t('pay.atExpiry')}</p>
      </div>

      {appointment && (
        <>
          <h3>{t('pay.held')}</h3>
          <AppointmentFacts appointment={appointment} />
        </>
      )}

      {payProblem && (
        <div className="field__error" role="alert">
          <p>{payProblem.detail ?? payProblem.title}</p>
        </div>
      )}
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={() => void onRefresh()}>
          {t('pay.check')}
        </button>
        {dev && code && !expired && (
          <button type="button" className="button" aria-busy={paying || undefined} onClick={() => void paySandbox()}>
            {paying ? ui('common.sending') : t('pay.sandbox')}
          </button>
        )}
      </div>
      {dev && <p className="form__note">{t('pay.sandboxNote')}</p>}
    </section>
  );
}

/** Puts `text` on the clipboard: the Clipboard API where allowed (https, localhost), else the old way. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const active = document.activeElement as HTMLElement | null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  active?.focus();
  return ok;
}
