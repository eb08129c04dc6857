/** Register: email, password, full name → POST /api/auth/register → Verify. */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { FormProblem } from '../components/FormProblem.tsx';
import { TextField } from '../components/TextField.tsx';
import { useProblem } from '../components/useProblem.ts';
import { api } from '../lib/api.ts';
import { flatFieldErrors } from '../lib/form-errors.ts';
import { useI18n } from '../lib/i18n.ts';
import { useTitle } from '../lib/use-title.ts';

const FIELDS = ['email', 'password', 'fullName'];

export function Register() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fullName, setFullName] = useState('');
  const [busy, setBusy] = useState(false);
  const { problem, attempt, report, clear } = useProblem();
  useTitle(t('register.title'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    clear();
    try {
      await api('/api/auth/register', { method: 'POST', body: { email: email.trim(), password, fullName } });
      navigate(`/verify?email=${encodeURIComponent(email.trim())}`);
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  const { byField, items } = flatFieldErrors(problem?.errors ?? [], FIELDS, 'register');
  return (
    <>
      <h1>{t('register.title')}</h1>
      <p>{t('register.intro')}</p>
      {problem && (
        <FormProblem problem={problem} attempt={attempt} items={items}>
          {problem.code === 'email-taken' && (
            <p>
              <Link to={`/login?email=${encodeURIComponent(email.trim())}`}>{t('nav.login')}</Link>
            </p>
          )}
        </FormProblem>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <p className="form__note">{t('common.allRequired')}</p>
        <TextField
          id="register-fullName"
          label={t('field.fullName')}
          hint={t('field.fullNameHint')}
          value={fullName}
          onValue={setFullName}
          error={byField.fullName}
          autoComplete="name"
          required
        />
        <TextField
          id="register-email"
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
          id="register-password"
          label={t('field.password')}
          hint={t('field.passwordHint')}
          value={password}
          onValue={setPassword}
          error={byField.password}
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
        />
        <button type="submit" className="button" aria-busy={busy}>
          {busy ? t('common.sending') : t('register.submit')}
        </button>
      </form>
      <p>
        {t('register.haveAccount')} <Link to="/login">{t('nav.login')}</Link>
      </p>
    </>
  );
}
