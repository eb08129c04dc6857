/**
 * `/officer/walk-in` (the passport pack's page in the officer area): a person at the counter without a booking. The officer picks the service
 * and the queue priority and types the applicant's details; `POST /api/applications {flow,
 * walkIn: {priority, applicant}}` (with an `Idempotency-Key`) opens it at the officer's office,
 * checked in; then its work page opens.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { api, ApiProblem } from '../../../lib/api.ts';
import { useI18n } from '../../../lib/i18n.ts';
import { uuid } from '../../../lib/idempotency.ts';
import type { ApplicationView, Flow } from '../../../lib/types.ts';
import { useTitle } from '../../../lib/use-title.ts';
import { workPath } from '../../../staff/officer/parts.tsx';
import { useCounterText } from './texts.ts';
import './counter.css';

const PRIORITIES = ['none', 'elderly', 'disability'] as const;
const FIELDS = ['fullName', 'nik', 'phone', 'email'] as const;
type Field = (typeof FIELDS)[number];

export default function WalkInPage() {
  const o = useCounterText();
  const { t, tx } = useI18n();
  const navigate = useNavigate();
  useTitle(o('walkIn.title'));
  const [flows, setFlows] = useState<Flow[]>([]);
  const [flow, setFlow] = useState('passport-new');
  const [priority, setPriority] = useState<(typeof PRIORITIES)[number]>('none');
  const [values, setValues] = useState<Record<Field, string>>({ fullName: '', nik: '', phone: '', email: '' });
  const [errors, setErrors] = useState<Partial<Record<Field | 'priority' | 'flow', string>>>({});
  const [problem, setProblem] = useState<{ title: string; detail?: string | undefined; n: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);

  useEffect(() => {
    void api<Flow[]>('/api/flows').then(setFlows, () => setFlows([]));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const applicant: Record<string, string> = {};
    for (const f of FIELDS) if (values[f].trim()) applicant[f] = values[f].trim();
    if (!applicant.fullName) {
      setErrors({ fullName: o('walkIn.required') });
      setProblem((p) => ({ title: o('walkIn.errorsTitle'), n: (p?.n ?? 0) + 1 }));
      return;
    }
    setErrors({});
    setBusy(true);
    key.current ??= uuid();
    try {
      const created = await api<ApplicationView>('/api/applications', { method: 'POST', body: { flow, walkIn: { priority, applicant } }, headers: { 'Idempotency-Key': key.current } });
      key.current = null;
      navigate(workPath(created.id));
    } catch (err) {
      if (!(err instanceof ApiProblem)) throw err;
      key.current = null;
      const byField: typeof errors = {};
      for (const fe of err.errors) {
        const m = /^\/walkIn\/(?:applicant\/)?(\w+)$/.exec(fe.pointer);
        const name = m?.[1];
        if (name && (FIELDS.includes(name as Field) || name === 'priority')) byField[name as Field] = fe.message;
        if (fe.pointer === '/flow') byField.flow = fe.message;
      }
      setErrors(byField);
      setProblem((p) => ({ title: err.title, detail: err.detail, n: (p?.n ?? 0) + 1 }));
    } finally {
      setBusy(false);
    }
  };

  const set = (f: Field) => (v: string) => setValues((all) => ({ ...all, [f]: v }));
  const summaryItems = Object.entries(errors).map(([f, message]) => ({ text: message ?? '', fieldId: `walkin-${f}` }));

  return (
    <>
      <h1>{o('walkIn.title')}</h1>
      <p>{o('walkIn.intro')}</p>
      {problem && <ErrorSummary key={problem.n} title={problem.title} detail={problem.detail} items={summaryItems} />}
      <form className="walkin" onSubmit={(e) => void submit(e)} noValidate>
        <div className={`field${errors.flow ? ' field--error' : ''}`}>
          <label className="field__label" htmlFor="walkin-flow">
            {o('walkIn.flow')}
          </label>
          <select id="walkin-flow" value={flow} onChange={(e) => setFlow(e.target.value)}>
            {(flows.length ? flows : [{ key: 'passport-new', version: 1, title: { id: 'passport-new', en: 'passport-new' } }]).map((f) => (
              <option key={f.key} value={f.key}>
                {tx(f.title)}
              </option>
            ))}
          </select>
          {errors.flow && <p className="field__error">{errors.flow}</p>}
        </div>
        <fieldset className="field walkin__priority">
          <legend className="field__label">{o('walkIn.priority')}</legend>
          {PRIORITIES.map((p) => (
            <label key={p} className="walkin__radio">
              <input type="radio" name="priority" value={p} checked={priority === p} onChange={() => setPriority(p)} id={p === 'none' ? 'walkin-priority' : undefined} />{' '}
              {o(`priority.${p}`)}
            </label>
          ))}
        </fieldset>
        <TextField id="walkin-fullName" label={o('walkIn.fullName')} value={values.fullName} onValue={set('fullName')} error={errors.fullName} autoComplete="off" required aria-required="true" />
        <TextField id="walkin-nik" label={o('walkIn.nik')} hint={o('walkIn.nikHint')} value={values.nik} onValue={set('nik')} error={errors.nik} inputMode="numeric" autoComplete="off" />
        <TextField id="walkin-phone" label={o('walkIn.phone')} value={values.phone} onValue={set('phone')} error={errors.phone} type="tel" autoComplete="off" />
        <TextField id="walkin-email" label={o('walkIn.email')} hint={o('walkIn.optional')} value={values.email} onValue={set('email')} error={errors.email} type="email" autoComplete="off" />
        <div className="actions">
          <button type="submit" className="button" aria-busy={busy} disabled={busy}>
            {busy ? t('common.sending') : o('walkIn.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
