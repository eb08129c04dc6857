/** Who is calling: the session cookie resolved to a user, and guards for routes. */
import type { Request, RequestHandler } from 'express';
import type { Role } from '#machines/types.ts';
import type { SessionResolver, SessionUser } from '../accounts/types.ts';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';

export const SESSION_COOKIE = 'alur_session';

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser;
    sessionToken?: string;
  }
}

export function sessionMiddleware(sessions: SessionResolver): RequestHandler {
  return async (req, _res, next) => {
    const token = req.cookies?.[SESSION_COOKIE];
    if (typeof token === 'string' && token.length > 0 && token.length < 200) {
      const user = await sessions.resolve(token);
      if (user) {
        req.user = user;
        req.sessionToken = token;
      }
    }
    next();
  };
}

/** The caller, or 401. */
export function currentUser(req: Request): SessionUser {
  if (!req.user) throw new UnauthenticatedError();
  return req.user;
}

export function hasRole(user: SessionUser, ...roles: Role[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}

/** 403 unless the user has one of `roles`. */
export function assertRole(user: SessionUser, ...roles: Role[]): void {
  if (hasRole(user, ...roles)) return;
  throw new ForbiddenError({
    id: `Hanya untuk peran: ${roles.join(', ')}.`,
    en: `Only for the role${roles.length > 1 ? 's' : ''}: ${roles.join(', ')}.`,
  });
}

/** Route guard: 401 without a session, 403 without one of `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    assertRole(currentUser(req), ...roles);
    next();
  };
}
