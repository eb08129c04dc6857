/**
 * Login sessions. The cookie holds a random token (32 bytes, base64url); the database keeps only
 * its SHA-256 as `Session.id`, so a leaked table cannot be replayed as cookies.
 *
 * `resolve` sits on every request (the event path included), so resolved sessions are cached in
 * memory for `config.sessionCacheMs` (a bounded map, oldest evicted first), and a miss is one
 * prepared statement through the driver (`deps.sql`, a join of Session and User), not Prisma: in a
 * quota rush every request brings a session this process has not seen yet. The price of the
 * cache: in a deployment with several processes, a session revoked (logout, password change,
 * account disabled) in one process is still accepted by the others for at most
 * `SESSION_CACHE_SECONDS`. Revoking in this process drops the cache entry at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { GROUP_NAME } from '#machines/names.ts';
import { ROLES, type Lang, type Role } from '#machines/types.ts';
import type { AppDeps } from '../deps.ts';
import type { SessionResolver, SessionUser } from './types.ts';

export type SessionDeps = Pick<AppDeps, 'prisma' | 'sql' | 'clock' | 'config'>;

type CacheEntry = {
  user: SessionUser;
  /** Session expiry (ms since epoch, on the injected clock). */
  expiresAt: number;
  /** Cache freshness deadline (ms, on the wall clock: the cache is a performance device, not policy). */
  freshUntil: number;
};

/** The session lookup: one indexed row, the user's fields beside its expiry. */
const RESOLVE_SQL =
  'SELECT s."expiresAt" AS "expiresAt", u."id" AS "id", u."email" AS "email", u."fullName" AS "fullName", u."roles" AS "roles", u."officeCode" AS "officeCode", u."groups" AS "groups", u."locale" AS "locale" FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ?';

/**
 * A Prisma `DateTime` as the driver returns it, in ms since the epoch: SQLite keeps ISO text
 * (`2030-01-01T00:00:00.000+00:00`); node-postgres parses PostgreSQL's `timestamp(3)` (no zone,
 * Prisma writes UTC) as a local time, read back here as UTC.
 */
export function driverTime(value: unknown): number {
  if (value instanceof Date) {
    return Date.UTC(value.getFullYear(), value.getMonth(), value.getDate(), value.getHours(), value.getMinutes(), value.getSeconds(), value.getMilliseconds());
  }
  if (typeof value === 'number') return value;
  return Date.parse(String(value));
}

/** SHA-256 of a session token, hex: the `Session.id` stored for it. */
export function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The roles column (Prisma `Json`) as known role names; anything else is ignored. */
export function parseRoles(value: unknown): Role[] {
  const list = typeof value === 'string' ? safeJson(value) : value;
  if (!Array.isArray(list)) return [];
  return list.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function localeOf(value: string | null | undefined): Lang {
  return value === 'en' ? 'en' : 'id';
}

/** The user row fields a session needs, as Prisma returns them. */
export type UserRow = {
  id: string;
  email: string;
  fullName: string;
  roles: unknown;
  officeCode: string | null;
  groups?: unknown;
  locale: string;
};

/** The groups column (Prisma `Json`) as group names; anything else is ignored. */
export function parseGroups(value: unknown): string[] {
  const list = typeof value === 'string' ? safeJson(value) : value;
  return Array.isArray(list) ? list.filter((g): g is string => typeof g === 'string' && GROUP_NAME.test(g)) : [];
}

export function toSessionUser(u: UserRow): SessionUser {
  return {
    id: u.id,
    email: u.email,
    fullName: u.fullName,
    roles: parseRoles(u.roles),
    officeCode: u.officeCode ?? null,
    groups: parseGroups(u.groups),
    locale: localeOf(u.locale),
  };
}

export class SessionService implements SessionResolver {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly maxEntries: number;

  constructor(
    private readonly deps: SessionDeps,
    options: { maxEntries?: number } = {},
  ) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  }

  /** Session lifetime (config.sessionTtlMs): also the cookie's maxAge. */
  get ttlMs(): number {
    return this.deps.config.sessionTtlMs;
  }

  /** Starts a session for `userId`; the token goes into the cookie and is never stored. */
  async create(userId: string, userAgent?: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.deps.clock.now().getTime() + this.ttlMs);
    await this.deps.prisma.session.create({
      data: {
        id: sessionId(token),
        userId,
        expiresAt,
        userAgent: userAgent ? userAgent.slice(0, 300) : null,
      },
    });
    return { token, expiresAt };
  }

  /** The session's user, or null when the token is unknown, revoked or expired. */
  async resolve(token: string): Promise<SessionUser | null> {
    if (!token) return null;
    const id = sessionId(token);
    const now = this.deps.clock.now().getTime();
    const cached = this.cache.get(id);
    if (cached) {
      if (cached.freshUntil > Date.now() && cached.expiresAt > now) return cached.user;
      this.cache.delete(id);
    }
    const row = await this.deps.sql.get<UserRow & { expiresAt: unknown }>(RESOLVE_SQL, [id]);
    if (!row) return null;
    const expiresAt = driverTime(row.expiresAt);
    if (!(expiresAt > now)) return null;
    const user = toSessionUser(row);
    this.remember(id, { user, expiresAt, freshUntil: Date.now() + this.deps.config.sessionCacheMs });
    return user;
  }

  /** Ends one session (logout). Unknown tokens are fine. */
  async revoke(token: string): Promise<void> {
    const id = sessionId(token);
    this.cache.delete(id);
    await this.deps.prisma.session.deleteMany({ where: { id } });
  }

  /** Ends every session of a user (password change, account disabled). */
  async revokeAllFor(userId: string): Promise<number> {
    this.forgetUser(userId);
    const { count } = await this.deps.prisma.session.deleteMany({ where: { userId } });
    return count;
  }

  /** Drops cached sessions of a user so the next request reads fresh data (after a profile change). */
  forgetUser(userId: string): void {
    for (const [id, entry] of this.cache) if (entry.user.id === userId) this.cache.delete(id);
  }

  /** Deletes expired sessions; returns how many. For a periodic cleanup job. */
  async purgeExpired(): Promise<number> {
    const { count } = await this.deps.prisma.session.deleteMany({ where: { expiresAt: { lte: this.deps.clock.now() } } });
    return count;
  }

  /** Number of cached sessions (tests, metrics). */
  get cacheSize(): number {
    return this.cache.size;
  }

  private remember(id: string, entry: CacheEntry) {
    if (this.deps.config.sessionCacheMs <= 0) return;
    this.cache.delete(id); // re-insert at the end: Map keeps insertion order
    this.cache.set(id, entry);
    while (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next();
      if (oldest.done) break;
      this.cache.delete(oldest.value);
    }
  }
}
