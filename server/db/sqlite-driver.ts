import Database from 'better-sqlite3';
import type { Params, SqlDriver, SqlRunner } from './sql.ts';
import { WriteLock } from './write-lock.ts';

/** Path of the database file in a `file:` URL (`file:./data/alur.db`, `file:/abs/x.db`). */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, '').replace(/\?.*$/, '');
}

/**
 * better-sqlite3 with WAL, `synchronous=NORMAL`, prepared statements cached by SQL text.
 * Writes are serialised in-process by `lock` (shared with the Prisma client, see write-lock.ts).
 */
export class SqliteDriver implements SqlDriver {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    url: string,
    readonly lock = new WriteLock(),
  ) {
    this.db = new Database(sqlitePath(url));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
  }

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private readonly runner: SqlRunner = {
    all: async <T>(sql: string, params: Params = []) => this.prepare(sql).all(...params) as T[],
    get: async <T>(sql: string, params: Params = []) => this.prepare(sql).get(...params) as T | undefined,
    run: async (sql: string, params: Params = []) => this.prepare(sql).run(...params).changes,
  };

  all<T>(sql: string, params?: Params) {
    return this.runner.all<T>(sql, params);
  }
  get<T>(sql: string, params?: Params) {
    return this.runner.get<T>(sql, params);
  }
  run(sql: string, params?: Params) {
    return this.lock.run(() => this.runner.run(sql, params));
  }

  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      this.prepare('BEGIN IMMEDIATE').run();
      try {
        const result = await fn(this.runner);
        this.prepare('COMMIT').run();
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.prepare('ROLLBACK').run();
        throw err;
      }
    });
  }

  async close() {
    this.db.close();
  }
}
