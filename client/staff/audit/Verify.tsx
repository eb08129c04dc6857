/** A "verify" button: `POST /api/audit/verify` for one application or a whole flow, and its report. */
import { useState } from 'react';
import { PageProblem } from '../../components/Status.tsx';
import { api, ApiProblem } from '../../lib/api.ts';
import { auditTexts } from './texts.ts';
import type { VerifyReport } from './types.ts';

export function VerifyButton({ body, label }: { body: { applicationId: string } | { flow: string }; label: string }) {
  const a = auditTexts.useText();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const run = () => {
    setBusy(true);
    setReport(null);
    setProblem(null);
    api<VerifyReport>('/api/audit/verify', { method: 'POST', body }).then(
      (r) => {
        setReport(r);
        setBusy(false);
      },
      (err: unknown) => {
        setBusy(false);
        if (err instanceof ApiProblem) setProblem(err);
        else throw err;
      },
    );
  };
  return (
    <div className="audit-verify">
      <button type="button" className="button" onClick={run} disabled={busy}>
        {label}
      </button>
      <div role="status" aria-live="polite" className="audit-verify__result">
        {busy && <p>{a('verify.running')}</p>}
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
