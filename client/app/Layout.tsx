/**
 * The page frame: skip link, header (brand, language switch, navigation, login/logout), `<main>`
 * and footer. After each navigation, focus moves to the new page's heading (or `<main>`), so
 * screen-reader users hear where they are.
 */
import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { OfflineBanner } from '../components/OfflineBanner.tsx';
import { Loading } from '../components/Status.tsx';
import { ApiProblem } from '../lib/api.ts';
import { useI18n, type MessageKey } from '../lib/i18n.ts';
import { useSession } from '../lib/session.tsx';

/** The staff areas in the navigation, for users with their roles (router.tsx has the same lists). */
const STAFF_AREAS: readonly { path: string; roles: readonly string[]; label: MessageKey }[] = [
  { path: '/officer', roles: ['officer'], label: 'nav.officer' },
  { path: '/policy', roles: ['policy'], label: 'nav.policy' },
  { path: '/audit', roles: ['auditor', 'admin'], label: 'nav.audit' },
];

export function Layout() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const [logoutProblem, setLogoutProblem] = useState<ApiProblem | null>(null);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const main = mainRef.current;
    const heading = main?.querySelector('h1');
    if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    (heading ?? main)?.focus();
    window.scrollTo(0, 0);
  }, [location.pathname]);

  const logout = async () => {
    setLogoutProblem(null);
    try {
      // NOTE: leave first, so pages that need a login do not send the user to the login page.
      navigate('/');
      await session.logout();
    } catch (err) {
      if (err instanceof ApiProblem) setLogoutProblem(err);
      else throw err;
    }
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip.main')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            {t('app.name')}
            <span className="brand__tagline">{t('app.tagline')}</span>
          </Link>
          <LanguageSwitch />
          <nav className="site-nav" aria-label={t('nav.label')}>
            <ul>
              {session.status === 'authenticated' ? (
                <>
                  <li>
                    <NavLink to="/applications" end>
                      {t('nav.applications')}
                    </NavLink>
                  </li>
                  {STAFF_AREAS.filter((a) => session.user?.roles.some((r) => a.roles.includes(r))).map((a) => (
                    <li key={a.path}>
                      <NavLink to={a.path}>{t(a.label)}</NavLink>
                    </li>
                  ))}
                  <li className="site-nav__user">{t('nav.signedInAs', { name: session.user?.fullName || session.user?.email || '' })}</li>
                  <li>
                    <button type="button" className="link-button" onClick={logout}>
                      {t('nav.logout')}
                    </button>
                  </li>
                </>
              ) : session.status === 'anonymous' ? (
                <>
                  <li>
                    <NavLink to="/login">{t('nav.login')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/register">{t('nav.register')}</NavLink>
                  </li>
                </>
              ) : null}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1} ref={mainRef}>
        <OfflineBanner />
        {logoutProblem && <ErrorSummary title={logoutProblem.title} detail={logoutProblem.detail} />}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t('footer.text')}</p>
      </footer>
    </>
  );
}
