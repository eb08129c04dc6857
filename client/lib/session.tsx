/**
 * The logged-in user: loaded from `GET /api/me` (401 = nobody), changed by login and logout.
 * While someone is logged in, the UI language is saved to their account (`PATCH /api/me`) so the
 * emails Alur sends them follow it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiProblem } from './api.ts';
import { browserStorage, removeAllDrafts } from './drafts.ts';
import { useI18n } from './i18n.ts';
import type { User } from './types.ts';

export type SessionStatus = 'loading' | 'anonymous' | 'authenticated';

export type Session = {
  status: SessionStatus;
  user: User | null;
  /** Logs in; throws `ApiProblem` (401 wrong password, 403 `unverified`, 422, 429). */
  login: (email: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  /** Forgets the user after the server answered 401 (the session expired). */
  expired: () => void;
};

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  const [state, setState] = useState<{ status: SessionStatus; user: User | null }>({ status: 'loading', user: null });

  useEffect(() => {
    let live = true;
    api<{ user: User }>('/api/me').then(
      ({ user }) => live && setState({ status: 'authenticated', user }),
      // NOTE: a network failure here is shown as "logged out"; any later call retries for real.
      () => live && setState({ status: 'anonymous', user: null }),
    );
    return () => {
      live = false;
    };
  }, []);

  const user = state.user;
  const savedLocale = useRef('');
  useEffect(() => {
    if (!user || !user.locale || user.locale === lang || savedLocale.current === `${user.id}:${lang}`) return;
    savedLocale.current = `${user.id}:${lang}`; // once per user and language, even if it fails
    api<{ user: User }>('/api/me', { method: 'PATCH', body: { locale: lang } }).then(
      (r) => setState({ status: 'authenticated', user: r.user }),
      () => undefined, // best effort: the UI language does not depend on it
    );
  }, [user, lang]);

  const login = useCallback(async (email: string, password: string) => {
    const r = await api<{ user: User }>('/api/auth/login', { method: 'POST', body: { email, password } });
    setState({ status: 'authenticated', user: r.user });
    return r.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api<void>('/api/auth/logout', { method: 'POST' });
    } catch (err) {
      if (!(err instanceof ApiProblem && err.status === 401)) throw err;
    }
    // NOTE: unsent form drafts hold personal data (NIK, address): a phone may be shared, so an
    // explicit logout removes them. An expired session (`expired`) keeps them.
    const storage = browserStorage();
    if (storage) removeAllDrafts(storage);
    setState({ status: 'anonymous', user: null });
  }, []);

  const expired = useCallback(() => setState({ status: 'anonymous', user: null }), []);

  const value = useMemo<Session>(() => ({ ...state, login, logout, expired }), [state, login, logout, expired]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
