import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import type { Params, SqlDriver, SqlRunner } from './sql.ts';
import { WriteLock } from './write-lock.ts';

/** Path of the database file in a `file:` URL (`file:./data/alur.db`, `file:/abs/x.db`). */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, '').replace(/\?.*$/, '');
}

/** The statement for `sql` on `db`, prepared once. */
function cached(statements: Map<string, Database.Statement>, db: Database.Database, sql: string): Database.Statement {
  let stmt = statements.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    statements.set(sql, stmt);
  }
  return stmt;
}

type Pending = { fn: (tx: SqlRunner) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };

/** The most transactions one commit carries. */
const MAX_GROUP = 64;

/** How often a long-lived connection refreshes the planner's statistics (`PRAGMA optimize`). */
const OPTIMIZE_EVERY_MS = 3 * 3600_000;

/**
 * better-sqlite3 with WAL and `synchronous=NORMAL`; prepared statements cached by SQL text.
 *
 * Group commit: on this machine's disk a COMMIT (writing the changed pages to the WAL) costs
 * more than everything else an event does, so transactions requested in the same turn of the
 * event loop share one `BEGIN IMMEDIATE … COMMIT`. Each runs inside its own SAVEPOINT: one that
 * throws is rolled back alone and rejects alone; the others resolve only after the COMMIT, so
 * nobody is told "done" before their data is durable. A lone transaction commits at once.
 *
 * Writes are serialised in-process by `lock` (shared with the Prisma client, see write-lock.ts);
 * each group holds it for one commit, so Prisma's writes interleave between groups.
 */
export class SqliteDriver implements SqlDriver {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  /** Reads outside transactions: its own connection, so it never sees a group's uncommitted writes (WAL snapshot). */
  private readonly reader: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly readStatements = new Map<string, Database.Statement>();
  private readonly queue: Pending[] = [];
  private scheduled = false;
  private readonly inGroup = new AsyncLocalStorage<true>();
  private readonly optimizer: NodeJS.Timeout;

  constructor(
    url: string,
    readonly lock = new WriteLock(),
  ) {
    this.db = new Database(sqlitePath(url));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    // Fewer, larger checkpoints: hot pages (applications being worked on) are copied once per checkpoint.
    this.db.pragma('wal_autocheckpoint = 4000');
    // 64 MiB of page cache per connection (the default is 2 MiB): at a million applications the
    // indexes' upper levels stay in memory, so an insert or a page of a list touches the disk once.
    this.db.pragma('cache_size = -65536');
    this.reader = new Database(sqlitePath(url), { readonly: true });
    this.reader.pragma('busy_timeout = 5000');
    this.reader.pragma('cache_size = -65536');
    // Long reads (exports, verification) read pages by memory map instead of copying each into the
    // cache: about 25% faster on an export of the whole log. Only the reader: writes stay as they are.
    this.reader.pragma('mmap_size = 1073741824');
    // Planner statistics (README "Indexes"): analyse what needs it now, then every few hours and on close, each bounded.
    this.db.pragma('analysis_limit = 1000');
    this.db.pragma('optimize = 0x10002');
    this.optimizer = setInterval(() => void this.lock.run(async () => this.db.pragma('optimize')).catch(() => {}), OPTIMIZE_EVERY_MS).unref();
  }

  private prepareRead(sql: string): Database.Statement {
    return cached(this.readStatements, this.reader, sql);
  }

  private prepare(sql: string): Database.Statement {
    return cached(this.statements, this.db, sql);
  }

  private readonly runner: SqlRunner = {
    all: async <T>(sql: string, params: Params = []) => this.prepare(sql).all(...params) as T[],
    get: async <T>(sql: string, params: Params = []) => this.prepare(sql).get(...params) as T | undefined,
    run: async (sql: string, params: Params = []) => this.prepare(sql).run(...params).changes,
  };

  /**
   * Reads of many rows outside a transaction run after a turn of the event loop: better-sqlite3
   * answers synchronously, so a loop of pages (an export, a verification, a backfill) would
   * otherwise never let another request in until it ended. Each page is one short indexed read.
   */
  all<T>(sql: string, params: Params = []) {
    if (this.inGroup.getStore()) return this.runner.all<T>(sql, params);
    return new Promise<T[]>((resolve, reject) =>
      setImmediate(() => {
        try {
          resolve(this.prepareRead(sql).all(...params) as T[]);
        } catch (error) {
          reject(error);
        }
      }),
    );
  }
  get<T>(sql: string, params: Params = []) {
    if (this.inGroup.getStore()) return this.runner.get<T>(sql, params);
    return Promise.resolve(this.prepareRead(sql).get(...params) as T | undefined);
  }
  run(sql: string, params?: Params) {
    if (this.inGroup.getStore()) return this.runner.run(sql, params);
    return this.lock.run(() => this.runner.run(sql, params));
  }

  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    // Nested inside a running group: a savepoint of its own, now.
    if (this.inGroup.getStore()) return this.savepoint(fn).then((r) => (r.ok ? (r.value as T) : Promise.reject(r.error)));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async savepoint(fn: (tx: SqlRunner) => Promise<unknown>): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
    this.prepare('SAVEPOINT tx').run();
    try {
      const value = await fn(this.runner);
      this.prepare('RELEASE tx').run();
      return { ok: true, value };
    } catch (error) {
      if (this.db.inTransaction) {
        this.prepare('ROLLBACK TO tx').run();
        this.prepare('RELEASE tx').run();
      }
      return { ok: false, error };
    }
  }

  /** Commits the queued transactions in groups, one group per hold of the write lock. */
  private async drain() {
    const group = this.queue.splice(0, MAX_GROUP);
    await this.lock.run(() =>
      this.inGroup.run(true, async () => {
        const done: { p: Pending; value: unknown }[] = [];
        try {
          this.prepare('BEGIN IMMEDIATE').run();
          for (const p of group) {
            const r = await this.savepoint(p.fn);
            if (r.ok) done.push({ p, value: r.value });
            else p.reject(r.error);
          }
          this.prepare('COMMIT').run();
        } catch (err) {
          if (this.db.inTransaction) this.prepare('ROLLBACK').run();
          for (const { p } of done) p.reject(err);
          for (const p of group) if (!done.some((d) => d.p === p)) p.reject(err);
          return;
        }
        for (const { p, value } of done) p.resolve(value);
      }),
    );
    if (this.queue.length > 0) setImmediate(() => void this.drain());
    else this.scheduled = false;
  }

  async close() {
    clearInterval(this.optimizer);
    if (this.db.open && !this.db.inTransaction) this.db.pragma('optimize');
    this.reader.close();
    this.db.close();
  }
}
