/**
 * The applicant's status page (`/applications/:id/history`): where the application stands (its
 * status and label in the flow's words, the description, the values the flow shows), what to do
 * next (the installed packs' panels first, e.g. a bill to pay; then the flow's own words, the form
 * to fill in and what else can be done: lib/next-step.ts) and the history as a timeline in words:
 * what happened, where it led, when (in the reader's language and time zone) and by whom (you,
 * an officer, the system). No state ids: those are for auditors. Loaded lazily.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { FlowText } from '../components/FlowText.tsx';
import { Loading, PageProblem } from '../components/Status.tsx';
import { ViewFields } from '../components/ViewFields.tsx';
import { api, ApiProblem } from '../lib/api.ts';
import { useI18n, type I18n } from '../lib/i18n.ts';
import { eventLabel, statusLabel } from '../lib/labels.ts';
import { nextStep, timeline, type NextPlan, type TimelineSource } from '../lib/next-step.ts';
import { useNextText } from '../lib/next-step-texts.ts';
import { usePacks } from '../lib/packs.tsx';
import { serverNow } from '../lib/server-clock.ts';
import { useSession } from '../lib/session.tsx';
import type { ApplicationView } from '../lib/types.ts';
import { useTitle } from '../lib/use-title.ts';
import { Fact } from '../components/Fact.tsx';

type Loaded = { view: ApplicationView; entries: TimelineSource[] };

export default function HistoryPage() {
  const { id = '' } = useParams();
  const i18n = useI18n();
  const { t, tx, formatDateTime, formatDate } = i18n;
  const n = useNextText();
  const packs = usePacks();
  const { user } = useSession();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  useTitle(n('page.title'));

  const load = useCallback(
    (signal?: AbortSignal) => {
      setProblem(null);
      const base = `/api/applications/${encodeURIComponent(id)}`;
      const options = signal ? { signal } : {};
      Promise.all([api<ApplicationView>(base, options), api<TimelineSource[]>(`${base}/history`, options)]).then(
        ([view, entries]) => setLoaded({ view, entries }),
        (err: unknown) => {
          if (err instanceof DOMException && err.name === 'AbortError') return;
          if (!(err instanceof ApiProblem)) throw err;
          setProblem(err);
        },
      );
    },
    [id],
  );
  useEffect(() => {
    const controller = new AbortController();
    setLoaded(null);
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const appPath = `/applications/${encodeURIComponent(id)}`;
  const back = (
    <p>
      <Link to={appPath}>{t('history.back')}</Link>
    </p>
  );

  if (problem || !loaded) {
    return (
      <>
        <h1>{n('page.title')}</h1>
        {back}
        {problem ? <PageProblem problem={problem} onRetry={() => load()} /> : <Loading />}
      </>
    );
  }

  const { view, entries } = loaded;
  const now = serverNow();
  const plan = nextStep(view);
  const items = timeline(entries, {
    steps: view.steps,
    selfId: user?.id ?? null,
    i18n,
    text: n,
    details: (entry) => packs.flatMap((p) => p.timelineDetails?.(entry, tx, formatDate, view) ?? []),
  });
  const label = tx(view.label);
  const status = statusLabel(i18n, view.status, view.statusLabel);

  return (
    <>
      <h1>{n('page.title')}</h1>
      {back}

      <section aria-labelledby="now-title">
        <h2 id="now-title">{n('page.now')}</h2>
        <p>
          <span className={`badge badge--${view.status}`}>{status}</span>
          {label && label !== status && <strong> {label}</strong>}
        </p>
        {view.description && <FlowText className="description" text={tx(view.description)} />}
        <dl className="facts">
          <ViewFields fields={view.fields} />
          {view.updatedAt && <Fact term={t('app.updated')} value={<time dateTime={view.updatedAt}>{formatDateTime(view.updatedAt)}</time>} />}
        </dl>
      </section>

      <section className="panel" aria-labelledby="next-title">
        <h2 id="next-title">{n('page.next')}</h2>
        {packs.map(({ name, NextStepPanel }) => NextStepPanel && <NextStepPanel key={name} view={view} now={now} />)}
        <NextStepView plan={plan} appPath={appPath} i18n={i18n} />
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('history.title')}</h2>
        {items.length === 0 ? (
          <p>{t('history.empty')}</p>
        ) : (
          <ol className="timeline">
            {items.map((item) => (
              <li key={item.seq} className="timeline__item">
                <p className="timeline__head">
                  <strong>{item.title}</strong>
                </p>
                <p className="timeline__meta">
                  <time dateTime={item.at}>{formatDateTime(item.at)}</time> · {item.by}
                </p>
                {item.details.map((d, i) => (
                  <p key={i}>{d}</p>
                ))}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

/** What happens next in the flow's words, and what the viewer can do now, with the way to do it (the application page). */
function NextStepView({ plan, appPath, i18n }: { plan: NextPlan; appPath: string; i18n: I18n }) {
  const { t, tx, lang } = i18n;
  const n = useNextText();
  const { text, step, also } = plan;
  const actions = new Intl.ListFormat(lang === 'id' ? 'id-ID' : 'en-GB', { type: 'disjunction' }).format(also.map((e) => eventLabel(i18n, e.type, e.label)));
  const go = (label: string, to = appPath) => (
    <p>
      <Link className="button" to={to}>
        {label}
      </Link>
    </p>
  );
  return (
    <>
      {text && <FlowText className="description" text={tx(text)} />}
      {step.kind === 'form' && (
        <>
          <p>{!step.title ? n('next.formPlain') : step.step ? n('next.form', { step: tx(step.title) }) : n('next.fill', { title: tx(step.title) })}</p>
          {go(n('next.formLink'))}
          {also.length > 0 && <p>{n('next.also', { actions })}</p>}
        </>
      )}
      {step.kind === 'act' && (
        <>
          <p>{n('next.can', { actions })}</p>
          <p>
            <Link to={appPath}>{n('page.open')}</Link>
          </p>
        </>
      )}
      {step.kind === 'final' && (
        <>
          {!text && <p>{t('app.final')}</p>}
          <p>
            <Link to="/">{t('apps.startNew')}</Link>
          </p>
        </>
      )}
      {step.kind === 'nothing' && !text && <p>{t('app.nothingToDo')}</p>}
    </>
  );
}
