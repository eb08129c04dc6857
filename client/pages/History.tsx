/**
 * The applicant's status page (`/applications/:id/history`): where the application stands (its
 * status and label in words, the description, the pick-up date once known), what to do next
 * (lib/next-step.ts: fill in a step, pay the bill before its deadline, come to the appointment,
 * collect the passport, start again, or nothing) and the history as a timeline in words: what
 * happened, when (in the reader's language and time zone) and by whom (you, an officer, the
 * system). No state ids: those are for auditors. Loaded lazily.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { AppointmentFacts } from '../components/AppointmentFacts.tsx';
import { Loading, PageProblem } from '../components/Status.tsx';
import { api, ApiProblem } from '../lib/api.ts';
import { useI18n, type I18n } from '../lib/i18n.ts';
import { eventLabel, statusLabel } from '../lib/labels.ts';
import { formatMoney, formatQueueNumber, groupDigits } from '../lib/money.ts';
import { nextStep, timeline, type NextPlan, type TimelineSource } from '../lib/next-step.ts';
import { useNextText } from '../lib/next-step-texts.ts';
import { officeDateTime } from '../lib/schedule.ts';
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
  const plan = nextStep(view, serverNow());
  const items = timeline(entries, { steps: view.steps, selfId: user?.id ?? null, i18n, text: n });
  const label = tx(view.label);
  const status = statusLabel(i18n, view.status);

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
        {view.description && <Description text={tx(view.description)} />}
        <dl className="facts">
          {plan.pickupDate && <Fact term={t('app.pickupDate')} value={formatDate(plan.pickupDate)} />}
          {view.updatedAt && <Fact term={t('app.updated')} value={<time dateTime={view.updatedAt}>{formatDateTime(view.updatedAt)}</time>} />}
        </dl>
      </section>

      <section className="panel" aria-labelledby="next-title">
        <h2 id="next-title">{n('page.next')}</h2>
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

/** What to do next, in words, with the way to do it (the application page holds the forms, the bill and the QR code). */
function NextStepView({ plan, appPath, i18n }: { plan: NextPlan; appPath: string; i18n: I18n }) {
  const { t, tx, lang, formatDate, formatDateTime } = i18n;
  const n = useNextText();
  const { step, pickupDate, also } = plan;
  const go = (text: string, to = appPath) => (
    <p>
      <Link className="button" to={to}>
        {text}
      </Link>
    </p>
  );
  let body: ReactNode;
  let linked = true;
  switch (step.kind) {
    case 'form':
      body = (
        <>
          <p>{!step.title ? n('next.formPlain') : step.step ? n('next.form', { step: tx(step.title) }) : n('next.fill', { title: tx(step.title) })}</p>
          {go(n('next.formLink'))}
        </>
      );
      break;
    case 'pay': {
      const deadline = step.expiresAtLocal ? officeDateTime(step.expiresAtLocal, lang) : formatDateTime(step.expiresAt);
      const code = groupDigits(step.billingCode);
      body = (
        <>
          <p>
            {step.overdue
              ? n('next.payOverdue')
              : step.amount !== null
                ? n('next.pay', { amount: formatMoney(step.amount, step.currency, i18n.lang), code, deadline })
                : n('next.payCode', { code, deadline })}
          </p>
          {!step.overdue && go(n('next.payLink'))}
        </>
      );
      linked = !step.overdue;
      break;
    }
    case 'attend': {
      const queue = step.appointment.queueNumber;
      body = (
        <>
          <p>{n('next.attend')}</p>
          <AppointmentFacts appointment={step.appointment} />
          {formatQueueNumber(queue) && (
            <dl className="facts">
              <Fact term={t('app.queue')} value={formatQueueNumber(queue)} />
            </dl>
          )}
          <p>{n('next.attendCheckIn')}</p>
          {go(n('next.attendLink'))}
        </>
      );
      break;
    }
    case 'atOffice':
      body = <p>{n('next.atOffice')}</p>;
      linked = false;
      break;
    case 'wait':
      body = <p>{n(step.stage === 'review' ? 'next.waitReview' : 'next.waitPrinting')}</p>;
      linked = false;
      break;
    case 'pickup': {
      const office = step.office || n('next.theOffice');
      body = <p>{pickupDate ? n('next.pickupFromOffice', { office, date: formatDate(pickupDate) }) : n('next.pickup', { office })}</p>;
      linked = false;
      break;
    }
    case 'visitOffice':
      body = <p>{n('next.visitOffice')}</p>;
      linked = false;
      break;
    case 'startAgain':
      body = (
        <>
          <p>{n('next.startAgain')}</p>
          {go(t('apps.startNew'), '/')}
        </>
      );
      linked = false;
      break;
    case 'done':
      body = <p>{n('next.done')}</p>;
      linked = false;
      break;
    case 'act':
      body = (
        <>
          <p>{n('next.act')}</p>
          {go(n('page.open'))}
        </>
      );
      break;
    case 'nothing':
      body = <p>{t('app.nothingToDo')}</p>;
      linked = false;
      break;
  }
  const actions = also.map((e) => eventLabel(i18n, e.type, e.label));
  return (
    <>
      {body}
      {actions.length > 0 && (
        <>
          <p>{n('next.also', { actions: new Intl.ListFormat(lang === 'id' ? 'id-ID' : 'en-GB', { type: 'disjunction' }).format(actions) })}</p>
          {!linked && (
            <p>
              <Link to={appPath}>{n('page.open')}</Link>
            </p>
          )}
        </>
      )}
    </>
  );
}

/** A server description: paragraphs, and "- " lines as a list (what to bring, …). */
function Description({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length > 0) {
      blocks.push(
        <ul key={`l${blocks.length}`}>
          {list.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>,
      );
      list = [];
    }
  };
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line) continue;
    if (line.startsWith('- ')) {
      list.push(line.slice(2));
      continue;
    }
    flush();
    blocks.push(<p key={`p${blocks.length}`}>{line}</p>);
  }
  flush();
  return <div className="description">{blocks}</div>;
}

