/**
 * One application: where it is (label, status, description, payment/appointment when known), the
 * active step's form and the other events the viewer may send. Every event goes to
 * `POST /api/applications/:id/events` with `If-Match: <version>` and an `Idempotency-Key` that is
 * reused when the same submission is retried. Problems never lose input: 422 errors show on the
 * fields, a 409 is explained and the application can be reloaded with the form data kept.
 *
 * Loaded lazily (default export for React.lazy): it brings RJSF with it.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { StepForm } from '../components/StepForm.tsx';
import { Loading, PageProblem } from '../components/Status.tsx';
import { api, ApiProblem } from '../lib/api.ts';
import { useI18n, type I18n } from '../lib/i18n.ts';
import { stableStringify, submissionFor, type PendingSubmission } from '../lib/idempotency.ts';
import { isRecord } from '../lib/json-pointer.ts';
import { eventLabel, statusLabel } from '../lib/labels.ts';
import { pickSchemaFields } from '../lib/localize-form.ts';
import type { ApplicationView, EventView, FormView } from '../lib/types.ts';
import { useTitle } from '../lib/use-title.ts';

type Data = Record<string, unknown>;
type ActionProblem = { problem: ApiProblem; attempt: number; formKey: string | null };

/** Events that cannot be undone get a confirmation step (api.md: CANCEL cancels before payment). */
const CONFIRM = new Set(['CANCEL']);

const formKeyOf = (type: string, form: FormView) => `${type}:${form.id}`;

export default function ApplicationPage() {
  const { id = '' } = useParams();
  const i18n = useI18n();
  const { t, tx, formatDateTime } = i18n;
  const [view, setView] = useState<ApplicationView | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  /** What the user typed, per form (survives language switches, reloads and failed submits). */
  const [drafts, setDrafts] = useState<Record<string, Data>>({});
  const [openEvent, setOpenEvent] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionProblem, setActionProblem] = useState<ActionProblem | null>(null);
  const [announcement, setAnnouncement] = useState({ text: '', n: 0 });
  const pending = useRef<PendingSubmission | null>(null);
  /** Guards against a double tap before `busy` has re-rendered. */
  const inFlight = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const eventFormHeadingRef = useRef<HTMLHeadingElement>(null);
  const focusHeadingNext = useRef(false);

  useTitle(view ? tx(view.label) || t('app.title') : t('app.title'));

  const load = useCallback(
    async (signal?: AbortSignal) => {
      setLoadProblem(null);
      try {
        const v = await api<ApplicationView>(`/api/applications/${encodeURIComponent(id)}`, signal ? { signal } : {});
        setView(v);
        return true;
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') return false;
        if (!(err instanceof ApiProblem)) throw err;
        setLoadProblem(err);
        return false;
      }
    },
    [id],
  );

  useEffect(() => {
    const controller = new AbortController();
    setView(null);
    setDrafts({});
    setOpenEvent(null);
    setActionProblem(null);
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  useEffect(() => {
    if (!focusHeadingNext.current) return;
    focusHeadingNext.current = false;
    headingRef.current?.focus();
  }, [view]);

  useEffect(() => {
    if (openEvent) eventFormHeadingRef.current?.focus();
  }, [openEvent]);

  const send = async (type: string, formKey: string | null, data?: Data) => {
    if (!view || inFlight.current) return;
    inFlight.current = true;
    setBusy(type);
    setActionProblem(null);
    const version = view.version;
    // NOTE: a retry of the very same submission (e.g. after a network failure) keeps its key, so
    // the server applies it once even if the first answer was lost on the way.
    pending.current = submissionFor(pending.current, stableStringify([view.id, version, type, data ?? null]));
    try {
      const next = await api<ApplicationView>(`/api/applications/${encodeURIComponent(view.id)}/events`, {
        method: 'POST',
        body: data === undefined ? { type } : { type, data },
        headers: { 'If-Match': String(version), 'Idempotency-Key': pending.current.key },
      });
      pending.current = null;
      if (formKey) {
        setDrafts(({ [formKey]: _done, ...rest }) => rest);
      }
      setOpenEvent(null);
      setConfirming(null);
      focusHeadingNext.current = true;
      setView(next);
      setAnnouncement((a) => ({ text: t('app.saved'), n: a.n + 1 }));
    } catch (err) {
      if (!(err instanceof ApiProblem)) throw err;
      setActionProblem((p) => ({ problem: err, attempt: (p?.attempt ?? 0) + 1, formKey }));
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  };

  /** After a 409: fetch the current state; typed input stays in `drafts`. */
  const reload = async () => {
    focusHeadingNext.current = true;
    if (await load()) setActionProblem(null);
    else focusHeadingNext.current = false;
  };

  if (loadProblem && !view) {
    return (
      <>
        <h1>{t('app.title')}</h1>
        <PageProblem problem={loadProblem} onRetry={() => void load()} />
      </>
    );
  }
  if (!view) return <Loading />;

  // NOTE: a form starts from the answers the application already holds for its own fields only
  // (the server rejects fields a form does not have).
  const draftFor = (type: string, form: FormView): Data => drafts[formKeyOf(type, form)] ?? pickSchemaFields(form.schema, view.data);
  const setDraft = (type: string, form: FormView) => (data: Data) => setDrafts((d) => ({ ...d, [formKeyOf(type, form)]: data }));
  /** The server's 422 for the form `key`, if that is what went wrong last. */
  const fieldProblem = (key: string) =>
    actionProblem && actionProblem.formKey === key && actionProblem.problem.status === 422 && actionProblem.problem.errors.length > 0 ? actionProblem : null;

  const mainForm = view.form;
  const others = view.events.filter((e) => !(mainForm && e.type === 'SUBMIT'));
  const opened = others.find((e) => e.type === openEvent && e.form);
  const pageProblem = actionProblem && !fieldProblem(actionProblem.formKey ?? '') ? actionProblem : null;

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {tx(view.label) || t('app.title')}
      </h1>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement.text}
        {announcement.n % 2 ? '\u200b' : ''}
      </p>

      {loadProblem && <PageProblem problem={loadProblem} onRetry={() => void reload()} />}
      {pageProblem && <ActionProblemSummary key={pageProblem.attempt} problem={pageProblem.problem} onReload={reload} />}

      <dl className="facts">
        <div>
          <dt>{t('app.status')}</dt>
          <dd>
            <span className={`badge badge--${view.status}`}>{statusLabel(i18n, view.status)}</span>
          </dd>
        </div>
        {view.step && (
          <div>
            <dt>{t('app.stepLabel')}</dt>
            <dd>{view.step.label ? `${view.step.order} · ${tx(view.step.label)}` : view.step.order}</dd>
          </div>
        )}
        {view.updatedAt && (
          <div>
            <dt>{t('app.updated')}</dt>
            <dd>
              <time dateTime={view.updatedAt}>{formatDateTime(view.updatedAt)}</time>
            </dd>
          </div>
        )}
      </dl>
      {view.description && <p className="description">{tx(view.description)}</p>}
      <Extras view={view} i18n={i18n} />

      {mainForm && (
        <section className="panel" aria-labelledby="step-form-title">
          <h2 id="step-form-title">{tx(mainForm.title) || tx(view.step?.label) || t('form.submit')}</h2>
          <StepForm
            form={mainForm}
            formData={draftFor('SUBMIT', mainForm)}
            onChange={setDraft('SUBMIT', mainForm)}
            onSubmit={(data) => void send('SUBMIT', formKeyOf('SUBMIT', mainForm), data)}
            serverProblem={fieldProblem(formKeyOf('SUBMIT', mainForm))}
            submitLabel={eventLabel(i18n, 'SUBMIT', view.events.find((e) => e.type === 'SUBMIT')?.label)}
            busy={busy === 'SUBMIT'}
          />
        </section>
      )}

      {opened?.form && (
        <section className="panel" aria-labelledby="event-form-title">
          <h2 id="event-form-title" ref={eventFormHeadingRef} tabIndex={-1}>
            {tx(opened.form.title) || eventLabel(i18n, opened.type, opened.label)}
          </h2>
          <StepForm
            form={opened.form}
            formData={draftFor(opened.type, opened.form)}
            onChange={setDraft(opened.type, opened.form)}
            onSubmit={(data) => opened.form && void send(opened.type, formKeyOf(opened.type, opened.form), data)}
            serverProblem={fieldProblem(formKeyOf(opened.type, opened.form))}
            submitLabel={eventLabel(i18n, opened.type, opened.label)}
            busy={busy === opened.type}
            onCancel={() => setOpenEvent(null)}
          />
        </section>
      )}

      {others.length > 0 && !opened && (
        <section className="panel panel--plain" aria-labelledby="actions-title">
          <h2 id="actions-title">{mainForm ? t('app.otherActions') : t('app.actions')}</h2>
          {confirming ? (
            <div className="confirm" role="group" aria-labelledby="confirm-text">
              <p id="confirm-text">{t('app.confirmCancel')}</p>
              <div className="actions">
                <button type="button" className="button button--danger" aria-busy={busy === confirming} onClick={() => void send(confirming, null)}>
                  {t('app.confirmYes')}
                </button>
                <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>
                  {t('app.confirmNo')}
                </button>
              </div>
            </div>
          ) : (
            <div className="actions">
              {others.map((e) => (
                <EventButton
                  key={e.type}
                  event={e}
                  i18n={i18n}
                  busy={busy === e.type}
                  primary={!mainForm}
                  onClick={() => {
                    if (e.form) setOpenEvent(e.type);
                    else if (CONFIRM.has(e.type)) setConfirming(e.type);
                    else void send(e.type, null);
                  }}
                />
              ))}
            </div>
          )}
        </section>
      )}

      {!mainForm && others.length === 0 && <p className="notice">{view.final ? t('app.final') : t('app.nothingToDo')}</p>}

      <p>
        <Link to={`/applications/${encodeURIComponent(view.id)}/history`}>{t('app.history')}</Link>
      </p>
    </>
  );
}

/** Moving on is the main action when the step has no form; going back is secondary; cancelling is red. */
function EventButton({ event, i18n, busy, primary, onClick }: { event: EventView; i18n: I18n; busy: boolean; primary: boolean; onClick: () => void }) {
  const variant = CONFIRM.has(event.type) ? 'button--danger' : primary && event.type !== 'BACK' ? '' : 'button--secondary';
  return (
    <button type="button" className={`button ${variant}`.trim()} aria-busy={busy} onClick={onClick}>
      {busy ? i18n.t('common.sending') : eventLabel(i18n, event.type, event.label)}
    </button>
  );
}

/** A failed action that is not about fields: explained in words, with the way forward. */
function ActionProblemSummary({ problem, onReload }: { problem: ApiProblem; onReload: () => void }) {
  const { t } = useI18n();
  const location = useLocation();
  return (
    <ErrorSummary title={problem.title} detail={problem.detail} items={problem.errors.map((e) => ({ text: e.message }))}>
      {problem.status === 409 && (
        <button type="button" className="button button--secondary" onClick={onReload}>
          {t('app.reload')}
        </button>
      )}
      {problem.status === 401 && (
        <p>
          <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('error.loginAgain')}</Link>
        </p>
      )}
    </ErrorSummary>
  );
}

/** Payment, appointment and pick-up facts once the flow has them (shapes from api.md). */
function Extras({ view, i18n }: { view: ApplicationView; i18n: I18n }) {
  const { t, lang, formatDate, formatDateTime } = i18n;
  const payment = isRecord(view.payment) ? view.payment : null;
  const appointment = isRecord(view.appointment) ? view.appointment : null;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  const money = (amount: unknown, currency: unknown) => {
    if (typeof amount !== 'number') return str(amount);
    try {
      return new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { style: 'currency', currency: str(currency) || 'IDR', maximumFractionDigits: 0 }).format(amount);
    } catch {
      return `${amount} ${str(currency)}`;
    }
  };
  const pickup = str(view.pickupDate);
  if (!payment && !appointment && !pickup) return null;
  return (
    <>
      {payment && (
        <section className="panel panel--plain" aria-labelledby="payment-title">
          <h2 id="payment-title">{t('app.payment')}</h2>
          <dl className="facts">
            {str(payment.billingCode) && <Fact term={t('app.billingCode')} value={<strong className="code">{str(payment.billingCode)}</strong>} />}
            {payment.amount !== undefined && <Fact term={t('app.amount')} value={money(payment.amount, payment.currency)} />}
            {str(payment.expiresAt) && <Fact term={t('app.payBefore')} value={formatDateTime(str(payment.expiresAt))} />}
          </dl>
        </section>
      )}
      {appointment && (
        <section className="panel panel--plain" aria-labelledby="appointment-title">
          <h2 id="appointment-title">{t('app.appointment')}</h2>
          <dl className="facts">
            {str(appointment.officeCode) && <Fact term={t('app.office')} value={str(appointment.officeCode)} />}
            {str(appointment.date) && <Fact term={t('app.date')} value={formatDate(str(appointment.date))} />}
            {str(appointment.start) && <Fact term={t('app.time')} value={str(appointment.start)} />}
            {str(appointment.queueCode ?? appointment.queueNumber) && <Fact term={t('app.queue')} value={<strong className="code">{str(appointment.queueCode ?? appointment.queueNumber)}</strong>} />}
          </dl>
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

function Fact({ term, value }: { term: string; value: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}
