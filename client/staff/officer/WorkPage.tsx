/**
 * `/officer/applications/:id`: the work page of one application at the counter. The applicant
 * (answers labelled from the flow's step forms, walk-in details, documents with links), the
 * appointment and status, and the officer's events from the view: an event with a form opens it
 * in the generic StepForm (RECORD_BIOMETRICS with its photo upload, REJECT {reason},
 * REQUEST_DOCUMENT {kind, note}, …), one without is a button; REJECT asks first. Every event is
 * sent with `If-Match` and an `Idempotency-Key` kept for a retry of the same submission; a 422
 * shows at the fields and in the summary, a 409 is explained with a way to reload.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Loading, PageProblem } from '../../components/Status.tsx';
import { StepForm } from '../../components/StepForm.tsx';
import { formatAnswer, groupAnswers, humanizeKey, type AnswerRow, type AnswerWords } from '../../lib/answers.ts';
import { api, ApiProblem } from '../../lib/api.ts';
import { formatBytes } from '../../lib/file-checks.ts';
import { isMessageKey, useI18n } from '../../lib/i18n.ts';
import { stableStringify, submissionFor, type PendingSubmission } from '../../lib/idempotency.ts';
import { isRecord } from '../../lib/json-pointer.ts';
import { eventLabel, statusLabel } from '../../lib/labels.ts';
import { pickSchemaFields } from '../../lib/localize-form.ts';
import { useProgressText } from '../../lib/progress-texts.ts';
import { useStepForms } from '../../lib/step-forms.ts';
import type { ApplicationView, EventView, FormView } from '../../lib/types.ts';
import { documentUrl, type DocumentInfo } from '../../lib/upload.ts';
import { useTitle } from '../../lib/use-title.ts';
import { sendEvent } from './officer.ts';
import { LiveRegion, StatusBadge, usePriorityLabel } from './parts.tsx';
import { useOfficerText } from './texts.ts';
import '../../components/CheckAnswers.css';
import { formatQueueNumber } from '../../lib/money.ts';
import { useApplicationView } from '../../lib/use-application-view.ts';
import { Fact } from '../../components/Fact.tsx';

type Data = Record<string, unknown>;
type ActionProblem = { problem: ApiProblem; attempt: number; formKey: string | null };
type View = ApplicationView & { walkIn?: unknown; officeCode?: string | null };

/** Events that cannot be undone: a confirmation first. */
const CONFIRM = new Set(['REJECT', 'CANCEL']);

const formKeyOf = (type: string, form: FormView) => `${type}:${form.id}`;
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function WorkPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const o = useOfficerText();
  const i18n = useI18n();
  const { t, tx, formatDate, lang } = i18n;
  const { view, setView, loadProblem, load } = useApplicationView<View>(id);
  const [docs, setDocs] = useState<DocumentInfo[] | null>(null);
  const [docsFailed, setDocsFailed] = useState(false);
  const [openEvent, setOpenEvent] = useState<string | null>(null);
  const [formData, setFormData] = useState<Record<string, Data>>({});
  const [confirming, setConfirming] = useState<{ type: string; form: FormView | null; data?: Data } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionProblem, setActionProblem] = useState<ActionProblem | null>(null);
  const announced = (location.state as { announce?: unknown } | null)?.announce;
  const [live, setLive] = useState({ text: typeof announced === 'string' ? announced : '', n: 0 });
  const pending = useRef<PendingSubmission | null>(null);
  const inFlight = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formHeadingRef = useRef<HTMLHeadingElement>(null);

  const applicantName = view ? str(view.data.fullName) || str(isRecord(view.walkIn) && isRecord(view.walkIn.applicant) ? view.walkIn.applicant.fullName : '') : '';
  useTitle(applicantName || (view ? tx(view.label) : '') || o('work.titleFallback'));

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
  }, [load, loadDocs]);

  useEffect(() => {
    if (openEvent) formHeadingRef.current?.focus();
  }, [openEvent]);

  const send = async (type: string, form: FormView | null, data?: Data) => {
    if (!view || inFlight.current) return;
    inFlight.current = true;
    setBusy(type);
    setActionProblem(null);
    pending.current = submissionFor(pending.current, stableStringify([view.id, view.version, type, data ?? null]));
    try {
      const next = (await sendEvent(view, type, data, pending.current.key)) as View;
      pending.current = null;
      if (form) setFormData((d) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== formKeyOf(type, form))));
      setOpenEvent(null);
      setConfirming(null);
      setView(next);
      setLive((l) => ({ text: o('work.saved', { status: statusLabel(i18n, next.status) }), n: l.n + 1 }));
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
  const submitEvent = (e: EventView, data?: Data) => {
    if (CONFIRM.has(e.type)) setConfirming({ type: e.type, form: e.form ?? null, ...(data ? { data } : {}) });
    else void send(e.type, e.form ?? null, data);
  };
  const kindLabel = (kind: string) => (kind === 'photo' ? o('work.photo') : isMessageKey(`kind.${kind}`) ? t(`kind.${kind}` as 'kind.ktp') : kind);

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {applicantName || tx(view.label) || o('work.titleFallback')}
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
        <Fact term={o('work.status')} value={<StatusBadge status={view.status} />} />
        {view.label && <Fact term={o('work.state')} value={tx(view.label)} />}
        <Fact term={o('col.flow')} value={`${view.title ? tx(view.title) : view.flow} (${o('col.version', { n: view.flowVersion })})`} />
      </dl>

      <Appointment view={view} />

      {confirming && (
        <div className="confirm panel" role="alertdialog" aria-labelledby="work-confirm-text">
          <p id="work-confirm-text">{o('work.confirm', { action: eventLabel(i18n, confirming.type, view.events.find((e) => e.type === confirming.type)?.label) })}</p>
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              aria-busy={busy === confirming.type}
              autoFocus
              onClick={() => void send(confirming.type, confirming.form, confirming.data)}
            >
              {o('work.confirmYes')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>
              {o('work.confirmNo')}
            </button>
          </div>
        </div>
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
            onCancel={() => setOpenEvent(null)}
            context={formContext}
          />
        </section>
      )}

      {!opened && !confirming && (
        <section className="panel panel--plain" aria-labelledby="work-actions-title">
          <h2 id="work-actions-title">{o('work.actions')}</h2>
          {view.events.length > 0 ? (
            <div className="actions">
              {view.events.map((e) => (
                <button
                  key={e.type}
                  type="button"
                  className={`button${CONFIRM.has(e.type) ? ' button--danger' : e === view.events[0] ? '' : ' button--secondary'}`}
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

      <section className="panel panel--plain" aria-labelledby="work-applicant-title">
        <h2 id="work-applicant-title">{o('work.applicant')}</h2>
        <Answers view={view} lang={lang} formatDate={formatDate} />
        <h3>{o('work.documents')}</h3>
        {docsFailed && <p className="notice">{o('work.documentsFailed')}</p>}
        {docs && docs.length === 0 && <p>{o('work.noDocuments')}</p>}
        {docs && docs.length > 0 && (
          <ul className="doc-list">
            {docs.map((d) => (
              <li key={d.id}>
                <a href={documentUrl(d.id)} target="_blank" rel="noopener">
                  {o('work.document', { kind: kindLabel(d.kind), size: formatBytes(d.size, lang) })}
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


function Appointment({ view }: { view: View }) {
  const o = useOfficerText();
  const { formatDate } = useI18n();
  const priority = usePriorityLabel();
  const a = isRecord(view.appointment) ? view.appointment : null;
  const walkIn = isRecord(view.walkIn) ? view.walkIn : null;
  const pickup = str(view.pickupDate);
  if (!a && !walkIn && !pickup) return null;
  return (
    <section className="panel panel--plain" aria-labelledby="work-appointment-title">
      <h2 id="work-appointment-title">{a ? o('work.appointment') : o('work.walkIn')}</h2>
      <dl className="facts">
        {a && str(a.date) && <Fact term={o('work.date')} value={formatDate(str(a.date))} />}
        {a && str(a.start) && <Fact term={o('work.session')} value={`${str(a.start)}–${str(a.end)}${str(a.officeName) ? ` · ${str(a.officeName)}` : ''}`} />}
        {a && formatQueueNumber(a.queueNumber) && <Fact term={o('work.queueNumber')} value={<strong>{formatQueueNumber(a.queueNumber)}</strong>} />}
        {a && str(a.queueCode) && <Fact term={o('work.queueCode')} value={<span className="code">{str(a.queueCode)}</span>} />}
        {walkIn && <Fact term={o('work.priority')} value={priority(str(walkIn.priority))} />}
        {pickup && <Fact term={o('work.pickup')} value={formatDate(pickup)} />}
      </dl>
    </section>
  );
}

/** The application's answers by step, labelled from the flow's forms; a walk-in's details as typed at the counter. */
function Answers({ view, lang, formatDate }: { view: View; lang: 'id' | 'en'; formatDate: (ymd: string) => string }) {
  const o = useOfficerText();
  const p = useProgressText();
  const { t, tx, formatDateTime } = useI18n();
  const kindText = (kind: string) => (kind === 'photo' ? o('work.photo') : isMessageKey(`kind.${kind}`) ? t(`kind.${kind}` as 'kind.ktp') : kind);
  const seen = useStepForms(view);
  const { groups, other } = useMemo(() => groupAnswers({ earlier: view.steps ?? [], data: view.data, seen, lang }), [view, seen, lang]);
  const words = useMemo<AnswerWords>(
    () => ({ uploaded: p('answers.uploaded'), uploadedNamed: (name) => p('answers.uploadedNamed', { name }), yes: p('answers.yes'), no: p('answers.no'), date: formatDate }),
    [p, formatDate],
  );
  const walkIn = isRecord(view.walkIn) && isRecord(view.walkIn.applicant) ? view.walkIn.applicant : null;
  const rows = [...groups.flatMap((g) => g.rows), ...other];
  /** What officers recorded (not in any applicant step): known fields in words, the rest as the generic rows do. */
  const recorded = (r: AnswerRow): AnswerRow & { text?: string } => {
    if (r.key === 'originalsVerified' && isRecord(r.value)) {
      const kinds = Object.entries(r.value).filter(([, v]) => v === true).map(([k]) => kindText(k));
      return { ...r, label: o('work.originalsVerified'), text: kinds.join(', ') || p('answers.no') };
    }
    if (r.key === 'biometricsAt' && typeof r.value === 'string') return { ...r, label: o('work.biometricsAt'), text: formatDateTime(r.value) };
    if (r.key === 'fingerprintsCaptured') return { ...r, label: o('work.fingerprints') };
    if (r.key === 'photo') return { ...r, label: o('work.photo'), info: { document: true, options: [] } };
    return r;
  };
  const list = (items: (AnswerRow & { text?: string })[]) => (
    <dl className="summary-list">
      {items.map((r) => (
        <div className="summary-list__row" key={r.key}>
          <dt className="summary-list__key">{r.label}</dt>
          <dd className="summary-list__value">{r.text ?? formatAnswer(r.value, r.info, words)}</dd>
        </div>
      ))}
    </dl>
  );
  return (
    <>
      {walkIn && (
        <>
          <h3>{o('work.walkInDetails')}</h3>
          <dl className="summary-list">
            {Object.entries(walkIn).map(([k, v]) => (
              <div className="summary-list__row" key={k}>
                <dt className="summary-list__key">{WALK_IN_FIELDS.has(k) ? o(`walkIn.${k}` as 'walkIn.fullName') : humanizeKey(k)}</dt>
                <dd className="summary-list__value">{str(v)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <h3>{o('work.answers')}</h3>
      {rows.length === 0 ? (
        <p>{o('work.noAnswers')}</p>
      ) : (
        groups.map((g) =>
          g.rows.length > 0 ? (
            <div key={g.step.id}>
              <h4>{tx(g.step.label) || g.step.id}</h4>
              {list(g.rows)}
            </div>
          ) : null,
        )
      )}
      {other.length > 0 && (
        <>
          <h4>{o('work.recorded')}</h4>
          {list(other.map(recorded))}
        </>
      )}
    </>
  );
}

const WALK_IN_FIELDS = new Set(['fullName', 'nik', 'phone', 'email']);
