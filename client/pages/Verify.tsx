/** Verify: email + the 6-digit code → POST /api/auth/verify → Login. A new code can be requested. */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { FormProblem } from '../components/FormProblem.tsx';
import { TextField } from '../components/TextField.tsx';
import { useProblem } from '../components/useProblem.ts';
import { api } from '../lib/api.ts';
import { flatFieldErrors } from '../lib/form-errors.ts';
import { useI18n } from '../lib/i18n.ts';
import { useTitle } from '../lib/use-title.ts';

const FIELDS = ['email', 'code'];

export function Verify() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [resent, setResent] = useState('');
  const { problem, attempt, report, clear } = useProblem();
  useTitle(t('verify.title'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setResent('');
    clear();
    try {
      await api('/api/auth/verify', { method: 'POST', body: { email: email.trim(), code: code.replace(/\s+/g, '') } });
      navigate(`/login?verified=1&email=${encodeURIComponent(email.trim())}`);
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  const resend = async () => {
    if (busy) return;
    clear();
    setResent('');
    if (!email.trim()) {
      setResent(t('verify.needEmail'));
      return;
    }
    setBusy(true);
    try {
      await api('/api/auth/resend', { method: 'POST', body: { email: email.trim() } });
      setResent(t('verify.resent', { email: email.trim() }));
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  const { byField, items } = flatFieldErrors(problem?.errors ?? [], FIELDS, 'verify');
  return (
    <>
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      {problem && (
        <FormProblem problem={problem} attempt={attempt} items={items}>
          {problem.code === 'already-verified' && (
            <p>
              <Link to={`/login?email=${encodeURIComponent(email.trim())}`}>{t('nav.login')}</Link>
            </p>
          )}
        </FormProblem>
      )}
      <p className="status-message" role="status">
        {resent}
      </p>
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          id="verify-email"
          label={t('field.email')}
          value={email}
          onValue={setEmail}
          error={byField.email}
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <TextField
          id="verify-code"
          className="field--code"
          label={t('field.code')}
          hint={t('field.codeHint')}
          value={code}
          onValue={(v) => setCode(v.replace(/[^\d\s]/g, ''))}
          error={byField.code}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={7}
          required
        />
        <div className="actions">
          <button type="submit" className="button" aria-busy={busy}>
            {t('verify.submit')}
          </button>
          <button type="button" className="button button--secondary" onClick={resend}>
            {t('verify.resend')}
          </button>
        </div>
      </form>
    </>
  );
}
