/**
 * express-rate-limit's counters in the database (table "RateLimit"), so a limit holds across
 * every process of a deployment and across restarts. Each hit is one atomic upsert (the same
 * SQL on SQLite and PostgreSQL): the row's count goes up by one, or starts again at 1 when its
 * window has ended; the count it returns decides. Rows whose window ended are deleted now and
 * then. One store per limiter (express-rate-limit refuses to share one); `prefix` keeps their
 * counters apart.
 */
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { SqlDriver } from '../db/sql.ts';

const INCREMENT =
  'INSERT INTO "RateLimit" ("key", "hits", "resetAt") VALUES (?, 1, ?) ON CONFLICT ("key") DO UPDATE SET ' +
  '"hits" = CASE WHEN "RateLimit"."resetAt" <= ? THEN 1 ELSE "RateLimit"."hits" + 1 END, ' +
  '"resetAt" = CASE WHEN "RateLimit"."resetAt" <= ? THEN excluded."resetAt" ELSE "RateLimit"."resetAt" END ' +
  'RETURNING "hits", "resetAt"';

/** How often (at most) a store deletes the rows whose window has ended. */
const SWEEP_EVERY_MS = 60_000;

export class SqlRateLimitStore implements Store {
  /** Counted in the database, so one process's hits count in every other's. */
  readonly localKeys = false;
  private windowMs = 60_000;
  private nextSweep = 0;

  constructor(
    private readonly sql: SqlDriver,
    readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.sql.get<{ hits: number; resetAt: string }>('SELECT "hits", "resetAt" FROM "RateLimit" WHERE "key" = ? AND "resetAt" > ?', [
      this.prefix + key,
      new Date(this.now()).toISOString(),
    ]);
    return row ? { totalHits: Number(row.hits), resetTime: new Date(row.resetAt) } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = this.now();
    const nowIso = new Date(now).toISOString();
    const resetAt = new Date(now + this.windowMs).toISOString();
    // In a transaction: on SQLite the driver runs statements outside one on its read-only connection.
    const row = await this.sql.transaction((tx) => tx.get<{ hits: number; resetAt: string }>(INCREMENT, [this.prefix + key, resetAt, nowIso, nowIso]));
    if (now >= this.nextSweep) {
      this.nextSweep = now + SWEEP_EVERY_MS;
      this.sql.run('DELETE FROM "RateLimit" WHERE "resetAt" <= ?', [nowIso]).catch(() => {}); // best effort: the next sweep retries
    }
    return { totalHits: Number(row!.hits), resetTime: new Date(row!.resetAt) };
  }

  async decrement(key: string): Promise<void> {
    await this.sql.run('UPDATE "RateLimit" SET "hits" = "hits" - 1 WHERE "key" = ? AND "hits" > 0 AND "resetAt" > ?', [
      this.prefix + key,
      new Date(this.now()).toISOString(),
    ]);
  }

  async resetKey(key: string): Promise<void> {
    await this.sql.run('DELETE FROM "RateLimit" WHERE "key" = ?', [this.prefix + key]);
  }

  async resetAll(): Promise<void> {
    await this.sql.run('DELETE FROM "RateLimit" WHERE substr("key", 1, ?) = ?', [this.prefix.length, this.prefix]);
  }
}
