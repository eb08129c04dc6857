/**
 * A "verify" button: `POST /api/audit/verify` for one application or a whole flow, and its report.
 * A long verification answers 202 with a job: its progress is read every two seconds until it ends
 * (and no more once the page is left).
 */
import { useEffect, useRef, useState } from 'react';
import { PageProblem } from '../../components/Status.tsx';
import { api, ApiProblem } from '../../lib/api.ts';
import { auditTexts } from './texts.ts';
import type { VerifyJob, VerifyReport } from './types.ts';

export function VerifyButton({ body, label }: { body: { applicationId: string } | { flow: string }; label: string }) {
  const a = auditTexts.useText();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [job, setJob] = useState<VerifyJob | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const failed = (err: unknown) => {
    setBusy(false);
    setJob(null);
    if (err instanceof ApiProblem) setProblem(err);
    else throw err;
  };
  const follow = (r: VerifyReport | VerifyJob) => {
    const j = 'status' in r ? r : null;
    if (j?.status === 'running') {
      setJob(j);
      timer.current = setTimeout(() => api<VerifyJob>(`/api/audit/verify/${j.id}`).then(follow, failed), 2000);
      return;
    }
    setBusy(false);
    setJob(j && j.status !== 'done' ? j : null);
    if (!j || j.status === 'done') setReport(r);
  };
  const run = () => {
    clearTimeout(timer.current);
    setBusy(true);
    setReport(null);
    setJob(null);
    setProblem(null);
    api<VerifyReport | VerifyJob>('/api/audit/verify', { method: 'POST', body }).then(follow, failed);
  };
  return (
    <div className="audit-verify">
      <button type="button" className="button" onClick={run} disabled={busy}>
        {label}
      </button>
      <div role="status" aria-live="polite" className="audit-verify__result">
        {busy && !job && <p>{a('verify.running')}</p>}
        {job?.status === 'running' && <p>{a('verify.progress', { checked: job.checked, total: Math.max(job.total, job.checked) })}</p>}
        {job?.status === 'failed' && <p className="audit-bad">{a('verify.failed')}</p>}
        {job?.status === 'interrupted' && <p className="audit-bad">{a('verify.interrupted', { checked: job.checked })}</p>}
        {report && report.mismatches.length === 0 && (
          <p className="audit-ok" data-verify="ok">
            ✓ {a('verify.ok', { checked: report.checked, events: report.events })}
          </p>
        )}
        {report && report.mismatches.length > 0 && (
          <div className="audit-bad" data-verify="mismatch">
            <p>✗ {a('verify.bad', { n: report.mismatches.length, checked: report.checked })}</p>
            <ul>
              {report.mismatches.map((m, i) => (
                <li key={i}>
                  <code>{m.applicationId}</code>
                  {m.seq !== undefined && <> ({a('verify.seq', { seq: m.seq })})</>}: {m.problem}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {problem && <PageProblem problem={problem} />}
    </div>
  );
}
