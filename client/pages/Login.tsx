/** Login → POST /api/auth/login → `next` (a path on this site) or My applications. */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { FormProblem } from '../components/FormProblem.tsx';
import { TextField } from '../components/TextField.tsx';
import { useProblem } from '../components/useProblem.ts';
import { flatFieldErrors } from '../lib/form-errors.ts';
import { useI18n } from '../lib/i18n.ts';
import { safeNext } from '../lib/nav.ts';
import { useSession } from '../lib/session.tsx';
import { useTitle } from '../lib/use-title.ts';

const FIELDS = ['email', 'password'];

export function Login() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const { problem, attempt, report, clear } = useProblem();
  useTitle(t('login.title'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    clear();
    try {
      await session.login(email.trim(), password);
      navigate(safeNext(params.get('next')) ?? '/applications', { replace: true });
    } catch (err) {
      setBusy(false);
      report(err);
    }
  };

  const { byField, items } = flatFieldErrors(problem?.errors ?? [], FIELDS, 'login');
  return (
    <>
      <h1>{t('login.title')}</h1>
      {params.get('verified') === '1' && !problem && (
        <p className="notice notice--success" role="status">
          {t('login.verified')}
        </p>
      )}
      {problem && (
        <FormProblem problem={problem} attempt={attempt} items={items}>
          {problem.code === 'unverified' && (
            <p>
              <Link to={`/verify?email=${encodeURIComponent(email.trim())}`}>{t('login.activate')}</Link>
            </p>
          )}
        </FormProblem>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          id="login-email"
          label={t('field.email')}
          value={email}
          onValue={setEmail}
          error={byField.email}
          type="email"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <TextField
          id="login-password"
          label={t('field.password')}
          value={password}
          onValue={setPassword}
          error={byField.password}
          type="password"
          autoComplete="current-password"
          required
        />
        <button type="submit" className="button" aria-busy={busy}>
          {busy ? t('common.sending') : t('login.submit')}
        </button>
      </form>
      <p>
        {t('login.noAccount')} <Link to="/register">{t('home.createAccount')}</Link>
      </p>
    </>
  );
}
