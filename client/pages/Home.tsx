/**
 * Home: what Alur is, and the published services as cards — what each is, its fees (from the
 * published policy, `GET /api/flows`), what to prepare, booking and payment rules — with a start
 * button for logged-in users.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { Loading, PageProblem } from '../components/Status.tsx';
import { api, ApiProblem } from '../lib/api.ts';
import { submissionFor, type PendingSubmission } from '../lib/idempotency.ts';
import { isMessageKey, useI18n, type I18n } from '../lib/i18n.ts';
import { formatMoney } from '../lib/money.ts';
import { useSession } from '../lib/session.tsx';
import type { ApplicationView, Flow, I18nText } from '../lib/types.ts';
import { useTitle } from '../lib/use-title.ts';
import './Home.css';

/** A `GET /api/flows` item with what an applicant needs to choose (docs/api.md); every extra is optional. */
type Service = Flow & {
  express?: boolean;
  fees?: { currency: string; passports: { passportType: string; validityYears: number; amount: number }[]; expressSurcharge?: number };
  documents?: { title?: I18nText; required: string[]; minor: string[] }[];
  adultAge?: number;
  paymentWindow?: string;
  minLeadDays?: number;
  pickupWorkingDays?: number;
};


/** An ISO 8601 duration of days, hours and minutes for people (`PT2H` → `2 jam`), or null for another shape. */
function durationText(iso: string, t: I18n['t']): string | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return null;
  const [d, h, min] = [m[1], m[2], m[3]].map((v) => Number(v ?? 0)) as [number, number, number];
  const parts = [
    d ? (d === 1 ? t('home.day') : t('home.days', { n: d })) : '',
    h ? (h === 1 ? t('time.hour') : t('time.hours', { n: h })) : '',
    min ? (min === 1 ? t('time.minute') : t('time.minutes', { n: min })) : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}

/** A document kind's UI name; as a list item (`capital`) with a capital first letter. */
function kindText(kind: string, t: I18n['t'], capital = true): string {
  const key = `kind.${kind}`;
  const name = isMessageKey(key) ? t(key) : kind;
  return capital ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

export function Home() {
  const { t, tx } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [flows, setFlows] = useState<Service[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const [starting, setStarting] = useState<string | null>(null);
  const [startProblem, setStartProblem] = useState<{ problem: ApiProblem; attempt: number } | null>(null);
  const pending = useRef<PendingSubmission | null>(null);
  useTitle(t('home.title'));

  const load = useCallback(() => {
    setLoadProblem(null);
    api<Service[]>('/api/flows').then(setFlows, (err: unknown) => {
      if (err instanceof ApiProblem) setLoadProblem(err);
    });
  }, []);
  useEffect(load, [load]);

  const start = async (flow: string) => {
    if (starting) return;
    setStarting(flow);
    setStartProblem(null);
    // NOTE: the same key on a retry after a lost answer, so a double start makes one application.
    pending.current = submissionFor(pending.current, flow);
    try {
      const view = await api<ApplicationView>('/api/applications', {
        method: 'POST',
        body: { flow },
        headers: { 'Idempotency-Key': pending.current.key },
      });
      pending.current = null;
      navigate(`/applications/${encodeURIComponent(view.id)}`);
    } catch (err) {
      if (!(err instanceof ApiProblem)) throw err;
      if (!err.isNetwork) pending.current = null;
      setStartProblem((p) => ({ problem: err, attempt: (p?.attempt ?? 0) + 1 }));
      if (err.status === 401) session.expired();
    } finally {
      setStarting(null);
    }
  };

  return (
    <>
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>

      <h2>{t('home.flowsTitle')}</h2>
      {startProblem && <ErrorSummary key={startProblem.attempt} title={startProblem.problem.title} detail={startProblem.problem.detail} />}
      {session.status === 'anonymous' && (
        <div className="notice">
          <p>{t('home.loginFirst')}</p>
          <p className="actions">
            <Link className="button" to="/login?next=%2F">
              {t('nav.login')}
            </Link>
            <span>
              {t('home.noAccount')} <Link to="/register">{t('home.createAccount')}</Link>
            </span>
          </p>
        </div>
      )}
      {loadProblem ? (
        <PageProblem problem={loadProblem} onRetry={load} />
      ) : !flows ? (
        <Loading />
      ) : flows.length === 0 ? (
        <p>{t('home.noFlows')}</p>
      ) : (
        <ul className="cards">
          {flows.map((flow) => (
            <li key={flow.key} className="card service">
              <h3 className="card__title">{tx(flow.title)}</h3>
              <ServiceFacts service={flow} />
              {flow.description && (
                <details className="service__about">
                  <summary>{t('home.about')}</summary>
                  <p>{tx(flow.description)}</p>
                </details>
              )}
              {session.status === 'authenticated' && (
                <button type="button" className="button" aria-busy={starting === flow.key} onClick={() => start(flow.key)}>
                  {starting === flow.key ? (
                    t('home.starting')
                  ) : (
                    <>
                      {t('home.start')}
                      <span className="visually-hidden">: {tx(flow.title)}</span>
                    </>
                  )}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Fees, what to prepare, and booking and payment rules of one service, as its published policy gives them. */
function ServiceFacts({ service }: { service: Service }) {
  const { t, tx, lang } = useI18n();
  const { fees, documents = [] } = service;
  const title = tx(service.title);
  const payWithin = service.paymentWindow ? durationText(service.paymentWindow, t) : null;
  const timing = [
    service.minLeadDays ? (service.minLeadDays === 1 ? t('home.leadDay') : t('home.leadDays', { n: service.minLeadDays })) : '',
    payWithin ? t('home.payWithin', { duration: payWithin }) : '',
    service.pickupWorkingDays === 0 ? t('home.sameDay') : service.pickupWorkingDays ? t('home.readyIn', { n: service.pickupWorkingDays }) : '',
  ].filter(Boolean);
  return (
    <>
      {fees && fees.passports.length > 0 && (
        <>
          <h4>{t('home.fees')}</h4>
          <table className="service__fees">
            <caption className="visually-hidden">{t('home.feesCaption', { service: title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('home.passportCol')}</th>
                <th scope="col">{t('home.feeCol')}</th>
              </tr>
            </thead>
            <tbody>
              {fees.passports.map((p) => {
                const key = `home.passport.${p.passportType}`;
                return (
                  <tr key={`${p.passportType}-${p.validityYears}`}>
                    <th scope="row">{isMessageKey(key) ? t(key, { years: p.validityYears }) : `${p.passportType}, ${p.validityYears}`}</th>
                    <td>{formatMoney(p.amount, fees.currency, lang)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {fees.expressSurcharge !== undefined && <p>{t('home.surcharge', { amount: formatMoney(fees.expressSurcharge, fees.currency, lang) })}</p>}
        </>
      )}
      {documents.length > 0 && (
        <>
          <h4>{t('home.bring')}</h4>
          {documents.map((set, i) => (
            <div key={i} className="service__documents">
              {documents.length > 1 && set.title && <p className="service__set">{tx(set.title)}</p>}
              <ul>
                {set.required.map((k) => (
                  <li key={k}>{kindText(k, t)}</li>
                ))}
              </ul>
              {set.minor.length > 0 && service.adultAge !== undefined && (
                <p>{t('home.minor', { age: service.adultAge, kinds: set.minor.map((k) => kindText(k, t, false)).join(', ') })}</p>
              )}
            </div>
          ))}
          <p className="card__meta">{t('home.bringHint')}</p>
        </>
      )}
      {timing.length > 0 && (
        <>
          <h4>{t('home.timing')}</h4>
          <ul>
            {timing.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
