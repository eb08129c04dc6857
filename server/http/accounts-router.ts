/**
 * Accounts over HTTP (mounted at `/api`): register, verify, resend, login, logout, `me`, and the
 * CSRF token. See docs/api.md "Accounts". CSRF checking itself (`requireCsrf`) and
 * `sessionMiddleware` are mounted by the app, before this router.
 */
import express from 'express';
import type { CookieOptions, Request, RequestHandler, Router } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { AccountService, type AccountDeps, type AccountOptions } from '../accounts/accounts.ts';
import { TooManyRequestsError } from '../errors.ts';
import { SESSION_COOKIE, currentUser } from './auth.ts';
import { issueCsrf } from './csrf.ts';
import { langOf } from './problem.ts';
import { SqlRateLimitStore } from './rate-limit-store.ts';

export const LANG_COOKIE = 'alur_lang';
export const AUTH_RATE_WINDOW_MS = 10 * 60_000;

export type AccountsRouterOptions = AccountOptions & {
  /** The service to use (default: one built from `deps`). */
  accounts?: AccountService;
};

/**
 * Per client IP, per route: `config.authRateLimit` requests per 10 minutes, then 429 problem+json.
 * Counted in `store` (the accounts router gives each route its own counter in the database, shared
 * by every process); in process memory when none is given.
 */
export function authRateLimiter(limit: number, store?: Store): RequestHandler {
  return rateLimit({
    windowMs: AUTH_RATE_WINDOW_MS,
    limit,
    ...(store ? { store } : {}),
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(
        new TooManyRequestsError({
          id: 'Terlalu banyak percobaan dari alamat ini. Tunggu beberapa menit lalu coba lagi.',
          en: 'Too many attempts from this address. Wait a few minutes and try again.',
        }),
      ),
  });
}

export function accountsRouter(deps: AccountDeps, options: AccountsRouterOptions = {}): Router {
  const { config, sessions } = deps;
  const accounts = options.accounts ?? new AccountService(deps, options);
  const router = express.Router();
  // One limiter (and counter) per route, so a registration (register + verify + login) costs
  // one request of each budget; counted in the database, so the budget holds across processes.
  const limited = (route: string) => authRateLimiter(config.authRateLimit, new SqlRateLimitStore(deps.sql, `auth-${route}:`));

  const sessionCookie: CookieOptions = { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/' };

  router.get('/auth/csrf', issueCsrf(config.secureCookies));

  router.post('/auth/register', limited('register'), async (req, res) => {
    const { user, codeExpiresAt } = await accounts.register(req.body, langOf(req));
    res.status(201).json({ user, verification: { channel: 'email', expiresAt: codeExpiresAt.toISOString() } });
  });

  router.post('/auth/verify', limited('verify'), async (req, res) => {
    const user = await accounts.verify(req.body);
    res.json({ user });
  });

  router.post('/auth/resend', limited('resend'), async (req, res) => {
    await accounts.resend(req.body, langOf(req));
    res.status(202).json({ accepted: true });
  });

  router.post('/auth/login', limited('login'), async (req, res) => {
    const { user, token, expiresAt } = await accounts.login(req.body, req.get('user-agent'));
    const previous = tokenOf(req);
    if (previous) await sessions.revoke(previous); // a new login replaces the session this browser had
    res.cookie(SESSION_COOKIE, token, { ...sessionCookie, maxAge: sessions.ttlMs });
    res.json({ user, expiresAt: expiresAt.toISOString() });
  });

  router.post('/auth/logout', async (req, res) => {
    const token = tokenOf(req);
    if (token) await sessions.revoke(token);
    res.clearCookie(SESSION_COOKIE, sessionCookie);
    res.status(204).end();
  });

  router.get('/me', (req, res) => {
    res.json({ user: currentUser(req) });
  });

  router.patch('/me', async (req, res) => {
    const me = currentUser(req);
    const user = await accounts.setLocale(me.id, req.body);
    req.user = user;
    res.cookie(LANG_COOKIE, user.locale, { httpOnly: false, sameSite: 'lax', secure: config.secureCookies, path: '/', maxAge: 365 * 24 * 3_600_000 });
    res.json({ user });
  });

  return router;
}

/** The session token this request carries (resolved or not). */
function tokenOf(req: Request): string | null {
  const t = req.sessionToken ?? req.cookies?.[SESSION_COOKIE];
  return typeof t === 'string' && t.length > 0 && t.length < 200 ? t : null;
}
