/**
 * Home: what Alur is, and the published services as cards, each in its flow's own words (title,
 * what it is, and its highlights: fees, what to prepare, timing, written by policy staff with the
 * published numbers, `GET /api/flows`), with a start button for logged-in users.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { FlowText, noBreakAmounts } from '../components/FlowText.tsx';
import { Loading, PageProblem } from '../components/Status.tsx';
import { api, ApiProblem } from '../lib/api.ts';
import { submissionFor, type PendingSubmission } from '../lib/idempotency.ts';
import { useI18n } from '../lib/i18n.ts';
import { useSession } from '../lib/session.tsx';
import type { ApplicationView, Flow } from '../lib/types.ts';
import { useTitle } from '../lib/use-title.ts';
import './Home.css';

export function Home() {
  const { t, tx } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [flows, setFlows] = useState<Flow[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const [starting, setStarting] = useState<string | null>(null);
  const [startProblem, setStartProblem] = useState<{ problem: ApiProblem; attempt: number } | null>(null);
  const pending = useRef<PendingSubmission | null>(null);
  useTitle(t('home.title'));

  const load = useCallback(() => {
    setLoadProblem(null);
    api<Flow[]>('/api/flows').then(setFlows, (err: unknown) => {
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

/**
 * What a service is and what an applicant reads before starting: its highlights as titled lists;
 * with highlights, its description folds away under "about this service".
 */
function ServiceFacts({ service }: { service: Flow }) {
  const { t, tx } = useI18n();
  const highlights = service.highlights ?? [];
  const description = service.description ? tx(service.description) : '';
  return (
    <>
      {description && highlights.length === 0 && <FlowText className="service__about" text={description} />}
      {highlights.map((h, i) => (
        <div key={i} className="service__highlight">
          <h4>{tx(h.title)}</h4>
          <ul>
            {h.items.map((item, j) => (
              <li key={j}>{noBreakAmounts(tx(item))}</li>
            ))}
          </ul>
        </div>
      ))}
      {description && highlights.length > 0 && (
        <details className="service__about">
          <summary>{t('home.about')}</summary>
          <FlowText text={description} />
        </details>
      )}
    </>
  );
}
