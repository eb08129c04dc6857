/**
 * CSRF protection by double submit: `GET /api/auth/csrf` returns a random token and sets it in
 * an httpOnly, SameSite=Lax cookie; every state-changing request must echo it in `X-CSRF-Token`.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ForbiddenError } from '../errors.ts';

export const CSRF_COOKIE = 'alur_csrf';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function issueCsrf(secure: boolean): RequestHandler {
  return (req, res) => {
    const existing = req.cookies?.[CSRF_COOKIE];
    const token = typeof existing === 'string' && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomBytes(32).toString('base64url');
    res.cookie(CSRF_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
    res.json({ token });
  };
}

/** Rejects state-changing requests without a matching token; `exempt` paths (signed webhooks) pass. */
export function requireCsrf(exempt: (path: string) => boolean): RequestHandler {
  return (req, _res, next) => {
    if (SAFE.has(req.method) || exempt(req.path)) return next();
    const cookie = req.cookies?.[CSRF_COOKIE];
    const header = req.get('x-csrf-token');
    if (typeof cookie === 'string' && header && cookie.length === header.length && timingSafeEqual(Buffer.from(cookie), Buffer.from(header))) {
      return next();
    }
    next(
      new ForbiddenError(
        {
          id: 'Token CSRF tidak ada atau tidak cocok. Muat ulang halaman lalu coba lagi.',
          en: 'Missing or mismatched CSRF token. Reload the page and try again.',
        },
        'csrf',
      ),
    );
  };
}
