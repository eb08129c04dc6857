/**
 * `/officer/applications/:id`: the work page of one application, for any flow. Its status in
 * words and stage, what the installed packs show of it (their `WorkPanel`s), the events this
 * staff member may send now (by role and group, from the view): an event with a form opens it in
 * the generic StepForm, one without is a button, and an event whose definition says `confirm`
 * asks first in those words. Then the definition's staff fields, the answers labelled from the
 * flow's step forms (what officers recorded, from the events' forms), and the documents under
 * their declared titles. Every event is sent with `If-Match` and an `Idempotency-Key` kept for a
 * retry of the same submission; a 422 shows at the fields and in the summary, a 409 is explained
 * with a way to reload.
 */
import { Fragment, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Fact } from '../../components/Fact.tsx';
import { Loading, PageProblem } from '../../components/Status.tsx';
import { StepForm } from '../../components/StepForm.tsx';
import { useAnswerWords } from '../../lib/answer-words.ts';
import { formatAnswer, groupAnswers, type AnswerRow } from '../../lib/answers.ts';
import { api, ApiProblem } from '../../lib/api.ts';
import { formatBytes } from '../../lib/file-checks.ts';
import { useI18n } from '../../lib/i18n.ts';
import { stableStringify, submissionFor, type PendingSubmission } from '../../lib/idempotency.ts';
import { eventLabel } from '../../lib/labels.ts';
import { pickSchemaFields } from '../../lib/localize-form.ts';
import { usePacks } from '../../lib/packs.tsx';
import { useFlowForms } from '../../lib/flow-forms.ts';
import { useStepForms } from '../../lib/step-forms.ts';
import type { FormView } from '../../lib/types.ts';
import { documentUrl, type DocumentInfo } from '../../lib/upload.ts';
import { useApplicationView } from '../../lib/use-application-view.ts';
import { useTitle } from '../../lib/use-title.ts';
import '../../components/CheckAnswers.css';
import { LiveRegion, StatusBadge, useStatusWords } from './parts.tsx';
import { useOfficerText } from './texts.ts';
import { fieldText, headingOf, kindTitle, labelRecorded, mergeForms, type WorkEvent, type WorkView } from './work.ts';
import { sendEvent } from './work-items.ts';

type Data = Record<string, unknown>;
type ActionProblem = { problem: ApiProblem; attempt: number; formKey: string | null };

const formKeyOf = (type: string, form: FormView) => `${type}:${form.id}`;

export function WorkPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const o = useOfficerText();
  const i18n = useI18n();
  const { t, tx, lang } = i18n;
  const statusWords = useStatusWords();
  const packs = usePacks();
  const { view, setView, loadProblem, load } = useApplicationView<WorkView>(id);
  const [docs, setDocs] = useState<DocumentInfo[] | null>(null);
  const [docsFailed, setDocsFailed] = useState(false);
  const [openEvent, setOpenEvent] = useState<string | null>(null);
  const [formData, setFormData] = useState<Record<string, Data>>({});
  const [confirming, setConfirming] = useState<{ event: WorkEvent; data?: Data } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionProblem, setActionProblem] = useState<ActionProblem | null>(null);
  const announced = (location.state as { announce?: unknown } | null)?.announce;
  const [live, setLive] = useState({ text: typeof announced === 'string' ? announced : '', n: 0 });
  const pending = useRef<PendingSubmission | null>(null);
  const inFlight = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formHeadingRef = useRef<HTMLHeadingElement>(null);
  const actionsHeadingRef = useRef<HTMLHeadingElement>(null);
  /** After a dialog or a form closed: focus on the event's form if still open, else on the actions (once they rendered). */
  const focusBack = () => requestAnimationFrame(() => (formHeadingRef.current ?? actionsHeadingRef.current)?.focus());

  const heading = (view ? headingOf(view, tx) : '') || o('work.titleFallback');
  useTitle(heading);

  const loadDocs = useCallback(async () => {
    try {
      setDocs(await api<DocumentInfo[]>(`/api/applications/${encodeURIComponent(id)}/documents`));
      setDocsFailed(false);
    } catch (err) {
      if (!(err instanceof ApiProblem)) throw err;
      setDocsFailed(true);
    }
  }, [id]);

  useEffect(() => {
    const controller = new AbortController();
    setView(null);
    setOpenEvent(null);
    setActionProblem(null);
    void load(controller.signal);
    void loadDocs();
    return () => controller.abort();
  }, [load, loadDocs, setView]);

  useEffect(() => {
    if (openEvent) formHeadingRef.current?.focus();
  }, [openEvent]);

  // The flow's forms label what officers recorded with events once they have passed.
  const flowForms = useFlowForms(view);
  const knownForms = useMemo(() => mergeForms(flowForms, view?.events ?? []), [flowForms, view]);

  const send = async (type: string, form: FormView | null, data?: Data) => {
    if (!view || inFlight.current) return;
    inFlight.current = true;
    setBusy(type);
    setActionProblem(null);
    pending.current = submissionFor(pending.current, stableStringify([view.id, view.version, type, data ?? null]));
    try {
      const next = await sendEvent<WorkView>(view, type, data, pending.current.key);
      pending.current = null;
      if (form) setFormData((d) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== formKeyOf(type, form))));
      setOpenEvent(null);
      setConfirming(null);
      setView(next);
      setLive((l) => ({ text: o('work.saved', { status: statusWords(next.status, next.statusLabel) }), n: l.n + 1 }));
      headingRef.current?.focus();
      void loadDocs();
    } catch (err) {
      if (!(err instanceof ApiProblem)) throw err;
      setConfirming(null);
      setActionProblem((p) => ({ problem: err, attempt: (p?.attempt ?? 0) + 1, formKey: form ? formKeyOf(type, form) : null }));
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  };

  const reload = async () => {
    if (await load()) setActionProblem(null);
    void loadDocs();
  };

  if (loadProblem && !view) {
    return (
      <>
        <h1>{o('work.titleFallback')}</h1>
        <PageProblem problem={loadProblem} onRetry={() => void load()} />
      </>
    );
  }
  if (!view) return <Loading />;

  const fieldProblem = (key: string) =>
    actionProblem && actionProblem.formKey === key && actionProblem.problem.status === 422 && actionProblem.problem.errors.length > 0 ? actionProblem : null;
  const pageProblem = actionProblem && !fieldProblem(actionProblem.formKey ?? '') ? actionProblem : null;
  const opened = view.events.find((e) => e.type === openEvent && e.form);
  const formContext = { applicationId: view.id, flow: view.flow, data: view.data };
  const dataFor = (type: string, form: FormView) => formData[formKeyOf(type, form)] ?? pickSchemaFields(form.schema, view.data);
  const submitEvent = (e: WorkEvent, data?: Data) => {
    if (e.confirm) setConfirming({ event: e, ...(data ? { data } : {}) });
    else void send(e.type, e.form ?? null, data);
  };
  const panels = packs.flatMap((p) => (p.WorkPanel ? [{ name: p.name, Panel: p.WorkPanel }] : []));

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {heading}
      </h1>
      <LiveRegion text={live.text} n={live.n} />
      {pageProblem && (
        <ErrorSummary key={pageProblem.attempt} title={pageProblem.problem.title} detail={pageProblem.problem.detail} items={pageProblem.problem.errors.map((e) => ({ text: e.message }))}>
          {pageProblem.problem.status === 409 && (
            <button type="button" className="button button--secondary" onClick={() => void reload()}>
              {o('work.reload')}
            </button>
          )}
        </ErrorSummary>
      )}

      <dl className="facts">
        <Fact term={o('work.status')} value={<StatusBadge status={view.status} label={view.statusLabel} />} />
        {view.label && <Fact term={o('work.state')} value={tx(view.label)} />}
        <Fact term={o('work.flow')} value={`${(view.title ? tx(view.title) : '') || view.flow} (${o('work.version', { n: view.flowVersion })})`} />
      </dl>

      {panels.map(({ name, Panel }) => (
        <Suspense key={name} fallback={null}>
          <Panel view={view} />
        </Suspense>
      ))}

      {confirming && (
        <section className="confirm panel" role="alertdialog" aria-labelledby="work-confirm-title" aria-describedby="work-confirm-text">
          <h2 id="work-confirm-title">{eventLabel(i18n, confirming.event.type, confirming.event.label)}</h2>
          <p id="work-confirm-text">{tx(confirming.event.confirm)}</p>
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              aria-busy={busy === confirming.event.type}
              autoFocus
              onClick={() => void send(confirming.event.type, confirming.event.form ?? null, confirming.data)}
            >
              {busy === confirming.event.type ? t('common.sending') : o('work.confirmYes')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setConfirming(null);
                focusBack();
              }}
            >
              {o('work.confirmNo')}
            </button>
          </div>
        </section>
      )}

      {opened?.form && !confirming && (
        <section className="panel" aria-labelledby="event-form-title">
          <h2 id="event-form-title" ref={formHeadingRef} tabIndex={-1}>
            {tx(opened.form.title) || eventLabel(i18n, opened.type, opened.label)}
          </h2>
          <StepForm
            form={opened.form}
            formData={dataFor(opened.type, opened.form)}
            onChange={(d) => opened.form && setFormData((all) => ({ ...all, [formKeyOf(opened.type, opened.form as FormView)]: d }))}
            onSubmit={(d) => submitEvent(opened, d)}
            serverProblem={fieldProblem(formKeyOf(opened.type, opened.form))}
            submitLabel={eventLabel(i18n, opened.type, opened.label)}
            busy={busy === opened.type}
            onCancel={() => {
              setOpenEvent(null);
              focusBack();
            }}
            context={formContext}
          />
        </section>
      )}

      {!opened && !confirming && (
        <section className="panel panel--plain" aria-labelledby="work-actions-title">
          <h2 id="work-actions-title" ref={actionsHeadingRef} tabIndex={-1}>
            {o('work.actions')}
          </h2>
          {view.events.length > 0 ? (
            <div className="actions">
              {view.events.map((e, i) => (
                <button
                  key={e.type}
                  type="button"
                  className={`button${e.confirm ? ' button--danger' : i === 0 ? '' : ' button--secondary'}`}
                  aria-busy={busy === e.type}
                  onClick={() => (e.form ? setOpenEvent(e.type) : submitEvent(e))}
                >
                  {busy === e.type ? t('common.sending') : eventLabel(i18n, e.type, e.label)}
                </button>
              ))}
            </div>
          ) : (
            <p className="notice">{view.final ? o('work.final') : o('work.none')}</p>
          )}
        </section>
      )}

      <Details view={view} forms={knownForms} />

      <section className="panel panel--plain" aria-labelledby="work-documents-title">
        <h2 id="work-documents-title">{o('work.documents')}</h2>
        {docsFailed && <p className="notice">{o('work.documentsFailed')}</p>}
        {docs && docs.length === 0 && <p>{o('work.noDocuments')}</p>}
        {docs && docs.length > 0 && (
          <ul className="doc-list">
            {docs.map((d) => (
              <li key={d.id}>
                <a href={documentUrl(d.id)} target="_blank" rel="noopener">
                  {o('work.document', { kind: kindTitle(d.kind, view.documents, tx), size: formatBytes(d.size, lang) })}
                </a>
                {d.filename && <span className="doc-list__file"> · {d.filename}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <p className="officer-links">
        <Link to={`/applications/${encodeURIComponent(view.id)}/history`}>{o('work.history')}</Link>
        <Link to="/officer">{o('work.back')}</Link>
      </p>
    </>
  );
}

/** The definition's staff fields, then the answers by step (labelled from the flow's step forms) and what officers recorded. */
function Details({ view, forms }: { view: WorkView; forms: readonly FormView[] }) {
  const o = useOfficerText();
  const { tx, lang } = useI18n();
  const seen = useStepForms(view);
  const { groups, other } = useMemo(() => groupAnswers({ earlier: view.steps ?? [], data: view.data, seen, lang }), [view, seen, lang]);
  const recorded = useMemo(() => labelRecorded(other, forms, view.documents ?? [], lang, tx, view.fields), [other, forms, view.documents, view.fields, lang, tx]);
  const words = useAnswerWords();
  const fields = view.fields ?? [];
  const list = (rows: readonly AnswerRow[]) => (
    <dl className="summary-list">
      {rows.map((r) => (
        <div className="summary-list__row" key={r.key}>
          <dt className="summary-list__key">{r.label}</dt>
          <dd className="summary-list__value">{formatAnswer(r.value, r.info, words)}</dd>
        </div>
      ))}
    </dl>
  );
  const answered = groups.some((g) => g.rows.length > 0);
  return (
    <>
      {fields.length > 0 && (
        <section className="panel panel--plain" aria-labelledby="work-summary-title">
          <h2 id="work-summary-title">{o('work.summary')}</h2>
          <dl className="summary-list">
            {fields.map((f) => (
              <div className="summary-list__row" key={f.path}>
                <dt className="summary-list__key">{tx(f.label)}</dt>
                <dd className="summary-list__value">{fieldText(f.value, words)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <section className="panel panel--plain" aria-labelledby="work-answers-title">
        <h2 id="work-answers-title">{o('work.applicant')}</h2>
        {!answered && recorded.length === 0 && <p>{o('work.noAnswers')}</p>}
        {groups.map((g) =>
          g.rows.length > 0 ? (
            <Fragment key={g.step.id}>
              <h3>{tx(g.step.label) || g.step.id}</h3>
              {list(g.rows)}
            </Fragment>
          ) : null,
        )}
        {recorded.length > 0 && (
          <>
            <h3>{o('work.recorded')}</h3>
            {list(recorded)}
          </>
        )}
      </section>
    </>
  );
}
