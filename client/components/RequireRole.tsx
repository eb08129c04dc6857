/**
 * Renders its children for a logged-in user with one of `roles`; anyone else logged in is told
 * the page is not for them (the server refuses their requests anyway: 403 on every staff route).
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../lib/i18n.ts';
import { useSession } from '../lib/session.tsx';
import { useTitle } from '../lib/use-title.ts';
import { RequireLogin } from './RequireLogin.tsx';

export function RequireRole({ roles, children }: { roles: readonly string[]; children: ReactNode }) {
  return (
    <RequireLogin>
      <RoleCheck roles={roles}>{children}</RoleCheck>
    </RequireLogin>
  );
}

function RoleCheck({ roles, children }: { roles: readonly string[]; children: ReactNode }) {
  const { user } = useSession();
  if (user?.roles.some((r) => roles.includes(r))) return children;
  return <Forbidden />;
}

function Forbidden() {
  const { t } = useI18n();
  useTitle(t('forbidden.title'));
  return (
    <>
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.text')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}
