/**
 * One application: where it is (label, status in the flow's words, description, the values the
 * flow shows, and the installed packs' panels, e.g. a payment), the active step's form and the
 * other events the viewer may send; an event the flow asks to confirm (`confirm`) is asked first. Every event goes to
 * `POST /api/applications/:id/events` with `If-Match: <version>` and an `Idempotency-Key` that is
 * reused when the same submission is retried. Problems never lose input: 422 errors show on the
 * fields, a 409 is explained and the application can be reloaded with the form data kept.
 * What is typed is also kept on the device (lib/use-drafts.ts) until it is sent; a submission
 * made without a connection is sent again, with the same key, when the connection is back.
 * While the applicant is in one of the flow's steps a stepper shows where; on a "check your
 * answers" step (`view.review`) the answers so far are listed above its form, each step's with a
 * way back to it.
 *
 * Loaded lazily (default export for React.lazy): it brings RJSF with it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { CheckAnswers } from '../components/CheckAnswers.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { FlowText } from '../components/FlowText.tsx';
import { QueuedNotice } from '../components/OfflineBanner.tsx';
import { StepForm } from '../components/StepForm.tsx';
import { Stepper } from '../components/Stepper.tsx';
import { Loading, PageProblem } from '../components/Status.tsx';
import { api, ApiProblem } from '../lib/api.ts';
import { useI18n, type I18n } from '../lib/i18n.ts';
import { stableStringify, submissionFor, uuid, type PendingSubmission } from '../lib/idempotency.ts';
import { confirmYes, eventLabel, statusLabel } from '../lib/labels.ts';
import { pickSchemaFields } from '../lib/localize-form.ts';
import { useOnline, useResendWhenOnline } from '../lib/online.ts';
import { usePacks } from '../lib/packs.tsx';
import { useProgressText } from '../lib/progress-texts.ts';
import { flowRef, rememberStepForm } from '../lib/seen-forms.ts';
import { backTo, stepperModel, type StepInfo } from '../lib/stepper.ts';
import type { ApplicationView, EventView, FormView } from '../lib/types.ts';
import { useApplicationView } from '../lib/use-application-view.ts';
import { useDrafts } from '../lib/use-drafts.ts';
import { useTitle } from '../lib/use-title.ts';
import { ViewFields } from '../components/ViewFields.tsx';

type Data = Record<string, unknown>;
type ActionProblem = { problem: ApiProblem; attempt: number; formKey: string | null };
/** A form submission that failed for want of a connection: sent again when it is back. */
type Queued = { type: string; form: FormView; data: Data };

const formKeyOf = (type: string, form: FormView) => `${type}:${form.id}`;

export default function ApplicationPage() {
  const { id = '' } = useParams();
  const i18n = useI18n();
  const { t, tx, formatDateTime } = i18n;
  const pt = useProgressText();
  const online = useOnline();
  const packs = usePacks();
  const { view, setView, loadProblem, load } = useApplicationView(id);
  /** What the user typed, per form (survives language switches, reloads and failed submits). */
  const drafts = useDrafts(id);
  const [queued, setQueued] = useState<Queued | null>(null);
  /** The earlier step "Change" is going back to. */
  const [changing, setChanging] = useState<string | null>(null);
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


  useEffect(() => {
    const controller = new AbortController();
    setView(null);
    setQueued(null);
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

  // The labels and steps of earlier answers, for "check your answers" (the view only has this form).
  useEffect(() => {
    if (view?.form && view.step) rememberStepForm(flowRef(view), view.step.id, view.form);
  }, [view]);

  // Back online after the page failed to load: try again by itself.
  useEffect(() => {
    if (online && !view && loadProblem?.isNetwork) void load();
  }, [online, view, loadProblem, load]);

  const send = async (type: string, form: FormView | null, data?: Data) => {
    if (!view || inFlight.current) return;
    const formKey = form ? formKeyOf(type, form) : null;
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
      if (form) drafts.clear(form.id);
      setQueued(null);
      setOpenEvent(null);
      setConfirming(null);
      focusHeadingNext.current = true;
      setView(next);
      setAnnouncement((a) => ({ text: t('app.saved'), n: a.n + 1 }));
    } catch (err) {
      if (!(err instanceof ApiProblem)) throw err;
      // NOTE: no connection: keep the submission (and `pending`, so its Idempotency-Key) and send
      // it again when the connection is back; the draft stays saved meanwhile.
      if (err.isNetwork && form && data !== undefined) {
        setQueued((q) => (q && q.type === type && q.form.id === form.id && q.data === data ? q : { type, form, data }));
        setAnnouncement((a) => ({ text: pt('offline.queued'), n: a.n + 1 }));
        return;
      }
      setQueued(null);
      setActionProblem((p) => ({ problem: err, attempt: (p?.attempt ?? 0) + 1, formKey }));
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  };

  useResendWhenOnline(queued !== null, () => {
    if (queued) void send(queued.type, queued.form, queued.data);
  });

  /** "Change" on the answers: BACK until the application is on `step` again (each view says where it is). */
  const changeStep = async (step: StepInfo) => {
    if (!view || inFlight.current) return;
    inFlight.current = true;
    setBusy('BACK');
    setChanging(step.id);
    setActionProblem(null);
    const result = await backTo(view, step, (v) =>
      api<ApplicationView>(`/api/applications/${encodeURIComponent(v.id)}/events`, {
        method: 'POST',
        body: { type: 'BACK' },
        headers: { 'If-Match': String(v.version), 'Idempotency-Key': uuid() },
      }),
    );
    inFlight.current = false;
    setBusy(null);
    setChanging(null);
    if (result.view !== view) {
      focusHeadingNext.current = true;
      setView(result.view);
    }
    if (result.error instanceof ApiProblem) {
      const problem = result.error;
      setActionProblem((a) => ({ problem, attempt: (a?.attempt ?? 0) + 1, formKey: null }));
    } else if (result.error) {
      throw result.error;
    }
  };

  /** A background look (payment arrived? deadline passed?): a new version replaces the view, a failure is ignored. */
  const refreshQuietly = useCallback(async () => {
    try {
      const v = await api<ApplicationView>(`/api/applications/${encodeURIComponent(id)}`);
      setView((old) => {
        if (old && old.version === v.version) return old;
        if (old && old.status !== v.status) focusHeadingNext.current = true;
        return v;
      });
    } catch (err) {
      if (!(err instanceof ApiProblem)) throw err;
    }
  }, [id]);

  /** After something outside the page changed the application (a sandbox payment): load it again, heading focused, change announced. */
  const afterChange = async () => {
    focusHeadingNext.current = true;
    if (await load()) setAnnouncement((a) => ({ text: t('app.saved'), n: a.n + 1 }));
    else focusHeadingNext.current = false;
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

  // NOTE: a form starts from what was typed and not sent yet (also on an earlier visit), else from
  // the answers the application already holds for its own fields only (the server rejects fields
  // a form does not have).
  const savedFor = (form: FormView): Data => pickSchemaFields(form.schema, view.data);
  const draftFor = (_type: string, form: FormView): Data => drafts.get(form.id) ?? savedFor(form);
  const setDraft = (_type: string, form: FormView) => (data: Data) => {
    drafts.set(form.id, data);
    // Changed after pressing submit while offline: what is sent is what the user submits next.
    if (queued?.form.id === form.id && stableStringify(data) !== stableStringify(queued.data)) setQueued(null);
  };
  /** A draft from an earlier visit that differs from the saved answers is worth saying. */
  const restoredDraft = (form: FormView) => {
    const draft = drafts.get(form.id);
    return drafts.restored(form.id) && draft !== undefined && stableStringify(draft) !== stableStringify(savedFor(form));
  };
  const queuedNotice = (form: FormView) =>
    queued?.form.id === form.id && <QueuedNotice busy={busy !== null} onSendNow={() => void send(queued.type, queued.form, queued.data)} />;
  /** The server's 422 for the form `key`, if that is what went wrong last. */
  const fieldProblem = (key: string) =>
    actionProblem && actionProblem.formKey === key && actionProblem.problem.status === 422 && actionProblem.problem.errors.length > 0 ? actionProblem : null;

  const mainForm = view.form;
  /** For the form's widgets: uploads go to this application, as the flow's document kinds allow; fields may read its flow and answers. */
  const formContext = { applicationId: view.id, flow: view.flow, data: view.data, documents: view.documents ?? [] };
  const others = view.events.filter((e) => !(mainForm && e.type === 'SUBMIT'));
  const opened = others.find((e) => e.type === openEvent && e.form);
  const pageProblem = actionProblem && !fieldProblem(actionProblem.formKey ?? '') ? actionProblem : null;
  const stepper = view.final ? null : stepperModel(view.steps, view.step);
  const reviewing = view.review === true && mainForm !== null;
  const confirmEvent = confirming ? others.find((e) => e.type === confirming) : undefined;

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {tx(view.label) || t('app.title')}
      </h1>
      {stepper && <Stepper steps={view.steps} current={view.step} />}
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
            <span className={`badge badge--${view.status}`}>{statusLabel(i18n, view.status, view.statusLabel)}</span>
          </dd>
        </div>
        {view.step && !stepper && (
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
        <ViewFields fields={view.fields} />
      </dl>
      {view.description && <FlowText className="description" text={tx(view.description)} />}
      {packs.map(({ name, ApplicationPanel }) => ApplicationPanel && <ApplicationPanel key={name} view={view} onRefresh={refreshQuietly} onChanged={afterChange} />)}

      {reviewing && (
        <CheckAnswers
          view={view}
          onChange={view.events.some((e) => e.type === 'BACK') ? (step) => void changeStep(step) : undefined}
          changing={changing}
          busy={busy !== null}
        />
      )}

      {mainForm && (
        <section className="panel" aria-labelledby="step-form-title">
          <h2 id="step-form-title">{tx(mainForm.title) || tx(view.step?.label) || t('form.submit')}</h2>
          {restoredDraft(mainForm) && <p className="notice">{pt('draft.restored')}</p>}
          <StepForm
            form={mainForm}
            formData={draftFor('SUBMIT', mainForm)}
            onChange={setDraft('SUBMIT', mainForm)}
            onSubmit={(data) => void send('SUBMIT', mainForm, data)}
            serverProblem={fieldProblem(formKeyOf('SUBMIT', mainForm))}
            submitLabel={eventLabel(i18n, 'SUBMIT', view.events.find((e) => e.type === 'SUBMIT')?.label)}
            busy={busy === 'SUBMIT'}
            context={formContext}
          />
          {queuedNotice(mainForm)}
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
            onSubmit={(data) => opened.form && void send(opened.type, opened.form, data)}
            serverProblem={fieldProblem(formKeyOf(opened.type, opened.form))}
            submitLabel={eventLabel(i18n, opened.type, opened.label)}
            busy={busy === opened.type}
            onCancel={() => setOpenEvent(null)}
            context={formContext}
          />
          {queuedNotice(opened.form)}
        </section>
      )}

      {others.length > 0 && !opened && (
        <section className="panel panel--plain" aria-labelledby="actions-title">
          <h2 id="actions-title">{mainForm ? t('app.otherActions') : t('app.actions')}</h2>
          {confirmEvent?.confirm ? (
            <div className="confirm" role="group" aria-labelledby="confirm-text">
              <p id="confirm-text">{tx(confirmEvent.confirm)}</p>
              <div className="actions">
                <button
                  type="button"
                  className="button button--danger"
                  aria-busy={busy === confirmEvent.type}
                  onClick={() => void send(confirmEvent.type, null)}
                >
                  {busy === confirmEvent.type ? t('common.sending') : confirmYes(i18n, confirmEvent.type, confirmEvent.label)}
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
                    else if (e.confirm) setConfirming(e.type);
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

/**
 * Moving on is the main action when the step has no form; going back, or opening a form to change
 * something (a date booked), is secondary; what the flow asks to confirm (cancel, withdraw) is red.
 */
function EventButton({ event, i18n, busy, primary, onClick }: { event: EventView; i18n: I18n; busy: boolean; primary: boolean; onClick: () => void }) {
  const variant = event.confirm ? 'button--danger' : primary && !event.form && event.type !== 'BACK' ? '' : 'button--secondary';
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
